"""The README's generated sections follow the schema and the data."""
from __future__ import annotations

import pytest

import indicators
from indicators.report.docs import render, sections
from indicators.paths import DEFAULT_ROOT
from indicators.data.build import assemble
from indicators.data.schema import data_dictionary


def test_readme_generated_sections_are_current():
    readme = (DEFAULT_ROOT / "README.md").read_text(encoding="utf-8")
    current = render(readme, sections(assemble(DEFAULT_ROOT)))
    assert readme == current, "README is stale: run `python -m indicators docs`"


def test_readme_lists_every_series_with_its_unit_and_source(observations):
    readme = (DEFAULT_ROOT / "README.md").read_text(encoding="utf-8")
    assert data_dictionary() in readme
    rows = {line.split("|")[1].strip(" `"): line for line in readme.splitlines() if line.startswith("| `")}
    for series_id, group in observations.groupby("series_id", observed=True):
        line = rows[series_id]
        assert all(str(u) in line for u in group["unit"].unique())
        sources = set(group["source_id"].astype(str)) - {""}
        assert all(s in line for s in sources) and (sources or "derived" in line)


def test_render_refuses_a_readme_without_the_markers():
    with pytest.raises(ValueError, match="generated:series"):
        render("# README\n", {"series": "x"})
