"""`indicators.load` and `indicators.series`: typed, validated, helpful when asked wrongly."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import indicators
from indicators.data.dataset import read_observations
from indicators.exceptions import DataValidationError, IndicatorsError, UnknownSeriesError


def test_load_types_codes_as_categoricals(observations):
    for col in ["topic", "geo", "kind", "measure", "unit", "qualifier"]:
        assert isinstance(observations[col].dtype, pd.CategoricalDtype), col
    assert observations["value"].dtype == "float64"


def test_load_validates_provenance_of_the_processed_file(project_copy):
    indicators.build(project_copy)
    path = project_copy / "data/processed/observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[(frame.series_id == "china.services_trade.total") & (frame.period == "2023-11")][0]
    frame.loc[row, "value"] = "5447.9"
    frame.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=rf"observations.csv, line {row + 2}, column 'value': got 5447.9"):
        indicators.load(project_copy)


def test_load_rejecting_the_processed_file_says_rebuild(project_copy):
    indicators.build(project_copy)
    path = project_copy / "data/processed/observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",outturn,", ",actual,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"column 'kind': got 'actual'") as err:
        indicators.load(project_copy)
    assert "rebuild it with `python -m indicators build`" in str(err.value)
    assert "yours to edit" not in str(err.value)


def test_load_without_a_build_says_how_to_build(project_copy):
    with pytest.raises(IndicatorsError, match=r"python -m indicators build"):
        indicators.load(project_copy)


def test_series_is_indexed_by_period(built_root):
    total = indicators.series("china.services_trade.total", root=built_root)
    assert total.loc["2023-01/2023-11"] == 58902
    assert total.loc["2023-11"] == 5447.8
    assert total.attrs["unit"] == "亿元"
    assert total.index.name == "period"


def test_series_of_targets(built_root):
    gdp = indicators.series("chengdu.gdp.real_growth", kind="target", root=built_root)
    assert gdp.loc["2024"] == 6


def test_unknown_series_suggests_close_ids(built_root):
    with pytest.raises(UnknownSeriesError, match=r"did you mean \['china.services_trade.total'"):
        indicators.series("china.services_trade.totl", root=built_root)


def test_series_without_that_kind_lists_the_kinds_it_has(built_root):
    with pytest.raises(UnknownSeriesError, match=r"has no 'target' rows; it has \[.*'outturn'.*\]"):
        indicators.series("china.services_trade.total", kind="target", root=built_root)


def test_bad_kind_is_rejected(built_root):
    with pytest.raises(ValueError, match=r"`kind` must be one of"):
        indicators.series("china.services_trade.total", kind="actual", root=built_root)


def test_import_is_light():
    code = ("import sys, indicators; heavy = {'matplotlib', 'statsmodels', 'openpyxl'} & set(sys.modules); "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("other", "expected"), [("5", 5.0), (" 5 ", 5.0), ("abc", None), ("inf", None),
                                                ("1_000", None)])
def test_values_read_as_printed_and_nothing_else_reads_as_a_number(built_root, tmp_path, other, expected):
    # every plain number parsed exactly (pandas 2's own parser reads 0.30000000000000004 as 0.3),
    # whatever the other cells hold; a cell that is no plain number is missing, for the checks
    frame = pd.read_csv(built_root / "data/processed/observations.csv", dtype=str, keep_default_na=False).head(5)
    printed = ["12345.678901234567", "-0.5", "1e3", "0.30000000000000004", other]
    frame["value"] = printed
    path = tmp_path / "observations.csv"
    frame.to_csv(path, index=False)
    values, problems = read_observations(path)
    assert problems == []
    got = values["value"].tolist()
    assert got[:4] == [12345.678901234567, -0.5, 1000.0, 0.30000000000000004]
    if expected is None:
        assert pd.isna(got[4])
    else:
        assert got[4] == expected
