"""`targets_vs_outturns`: each qualifier's rule, baselines, ambition and unit handling."""
from __future__ import annotations

import pandas as pd
import pytest

import indicators
from indicators.data.schema import schema


def obs(*rows) -> pd.DataFrame:
    """A tiny observations table: rows of (series_id, period, kind, value, unit, qualifier, measure)."""
    records = []
    for series_id, period, kind, value, unit, qualifier, measure in rows:
        records.append({c: "" for c in schema().columns} | dict(
            series_id=series_id, topic="output", name_zh="指标", name_en="indicator", geo="CD",
            period=period, kind=kind, measure=measure, value=value, unit=unit, qualifier=qualifier))
    return pd.DataFrame(records)


def one(data: pd.DataFrame) -> pd.Series:
    result = indicators.targets_vs_outturns(data)
    assert len(result) == 1
    return result.iloc[0]


@pytest.mark.parametrize(("qualifier", "outturn", "met", "status"), [
    ("at_least", 6.0, True, "met"),    # 以上: met at equality
    ("at_least", 5.99, False, "not met"),
    ("exact", 6.0, True, "met"),
    ("more_than", 6.0, False, "not met"),  # 超: strictly above
    ("more_than", 6.1, True, "met"),
    ("at_most", 5.5, True, "met"),     # 控制在…以内
    ("at_most", 5.6, False, "not met"),
    ("about", 6.0, True, "met"),       # 左右: reached
    ("about", 5.7, True, "within tolerance"),  # short, but within 0.5 percentage points below
    ("about", 5.5, True, "within tolerance"),
    ("about", 5.49, False, "not met"),
    ("about", 7.0, True, "met"),
])
def test_met_honours_the_qualifier_for_rates(qualifier, outturn, met, status):
    target = 5.5 if qualifier == "at_most" else 6.0
    row = one(obs(("s.g", "2024", "target", target, "%", qualifier, "yoy_pct"),
                  ("s.g", "2024", "outturn", outturn, "%", "exact", "yoy_pct")))
    assert row["met"] == met
    assert row["status"] == status
    assert row["gap"] == pytest.approx(outturn - target)


def test_about_tolerance_for_levels_is_relative():
    # 2% of a 1000 target is 20
    met = one(obs(("s.l", "2024", "target", 1000, "亿元", "about", "level"),
                  ("s.l", "2024", "outturn", 980, "亿元", "exact", "level")))
    missed = one(obs(("s.l", "2024", "target", 1000, "亿元", "about", "level"),
                     ("s.l", "2024", "outturn", 979, "亿元", "exact", "level")))
    assert met["met"] and not missed["met"]
    assert (met["status"], missed["status"]) == ("within tolerance", "not met")


def test_within_tolerance_reads_apart_from_met_in_both_languages():
    short, reached = (one(obs(("s.g", "2024", "target", 6, "%", "about", "yoy_pct"),
                              ("s.g", "2024", "outturn", v, "%", "exact", "yoy_pct"))) for v in (5.7, 6.2))
    assert short["comment_zh"].startswith("在容差内：") and short["comment_en"].startswith("Within tolerance:")
    assert reached["comment_zh"].startswith("已完成：") and reached["comment_en"].startswith("Met:")


def test_outturn_in_another_unit_is_converted_to_the_target_unit():
    row = one(obs(("s.l", "2024", "target", 2.2, "万亿元", "at_least", "level"),
                  ("s.l", "2024", "outturn", 22000, "亿元", "exact", "level")))
    assert row["outturn"] == pytest.approx(2.2)
    assert row["met"]


def test_incompatible_units_are_not_compared():
    row = one(obs(("s.l", "2024", "target", 25, "亿美元", "at_least", "level"),
                  ("s.l", "2024", "outturn", 180, "亿元", "exact", "level")))
    assert row["status"] == "not comparable"
    assert pd.isna(row["met"]) and pd.isna(row["gap"])


def test_target_without_outturn_uses_previous_period_as_baseline():
    row = one(obs(("s.g", "2024", "target", 6.5, "%", "exact", "yoy_pct"),
                  ("s.g", "2023", "outturn", 2.0, "%", "exact", "yoy_pct")))
    assert row["status"] == "no outturn yet"
    assert pd.isna(row["met"])
    assert row["baseline_period"] == "2023"
    assert row["baseline"] == 2.0
    assert row["ambition"] == pytest.approx(4.5)
    assert row["ambition_unit"] == "百分点"


def test_ambition_of_a_level_is_in_percent():
    row = one(obs(("s.l", "2024", "target", 3900, "亿元", "at_least", "level"),
                  ("s.l", "2023", "outturn", 3600, "亿元", "exact", "level")))
    assert row["ambition"] == pytest.approx((3900 / 3600 - 1) * 100)
    assert row["ambition_unit"] == "%"


def test_year_to_date_periods_compare_with_the_same_span_a_year_earlier():
    row = one(obs(("s.g", "2024-01/2024-11", "target", 5, "%", "exact", "yoy_pct"),
                  ("s.g", "2023-01/2023-11", "outturn", 9, "%", "exact", "yoy_pct")))
    assert row["baseline_period"] == "2023-01/2023-11" and row["baseline"] == 9


def test_estimate_stands_in_for_a_missing_outturn():
    row = one(obs(("s.g", "2023", "target", 6, "%", "about", "yoy_pct"),
                  ("s.g", "2023", "estimate", 6.2, "%", "about", "yoy_pct")))
    assert row["outturn_kind"] == "estimate" and row["met"]


def test_real_2024_gdp_target_is_paired_with_the_2023_outturn(observations):
    result = indicators.targets_vs_outturns(observations, series=["chengdu.gdp.real_growth"], period="2024")
    row = result.iloc[0]
    assert (row["target"], row["qualifier"], row["baseline"], row["ambition"]) == (6, "about", 6, 0)


def test_filters_by_topic(observations):
    result = indicators.targets_vs_outturns(observations, topic="investment")
    assert len(result) > 0 and set(result["topic"]) == {"investment"}


def test_data_without_targets_give_an_empty_table_with_the_columns():
    result = indicators.targets_vs_outturns(obs(("s.g", "2023", "outturn", 6, "%", "exact", "yoy_pct")))
    assert result.empty
    assert "met" in result.columns and "ambition" in result.columns
