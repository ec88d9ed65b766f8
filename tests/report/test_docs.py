"""The README's generated sections follow the code; the series catalogue follows the data."""
from __future__ import annotations

import pytest

import indicators
from indicators.data.derive import OPERATIONS
from indicators.data.schema import data_dictionary
from indicators.paths import CHECKOUT_ROOT
from indicators.report.docs import render, sections


def test_readme_generated_sections_are_current():
    readme = (CHECKOUT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == render(readme, sections()), "README is stale: run `python -m indicators docs`"


def test_readme_carries_the_data_dictionary_and_every_operation():
    readme = (CHECKOUT_ROOT / "README.md").read_text(encoding="utf-8")
    assert data_dictionary() in readme
    for name in OPERATIONS:
        assert f"| `{name}` |" in readme


def test_build_writes_a_catalogue_of_every_series_with_its_unit_and_source(built_root, observations):
    catalogue = (built_root / "data" / "processed" / "series.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in catalogue.splitlines() if line.startswith("| `")}
    every = indicators.load(built_root, vintage="all")
    assert set(rows) == set(every["series_id"].astype(str))
    for series_id, group in every.groupby("series_id", observed=True):
        line = rows[str(series_id)]
        assert all(str(u) in line for u in group["unit"].unique())
        sources = set(group["source_id"].astype(str)) - {""}
        assert all(s in line for s in sources) and (sources or "derived" in line)


def test_render_refuses_a_readme_without_the_markers():
    with pytest.raises(ValueError, match="generated:operations"):
        render("# README\n", {"operations": "x"})
