"""`targets_vs_outturns` (indicators/analysis/attainment.py): each qualifier's rule, baselines,
ambition and unit handling, bounded outturns and baselines, comments, comparability."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import indicators
from fixtures import obs
from indicators.analysis.attainment import COLUMNS, STATUSES



def one(*rows) -> pd.Series:
    """The one row of ``targets_vs_outturns`` for observations given as :func:`fixtures.obs` tuples."""
    result = indicators.targets_vs_outturns(obs(*rows))
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
    row = one(("s.g", "2024", "target", target, "%", qualifier, "yoy_pct"),
                  ("s.g", "2024", "outturn", outturn, "%", "exact", "yoy_pct"))
    assert row["met"] == met
    assert row["status"] == status
    assert row["gap"] == pytest.approx(outturn - target)


def test_about_tolerance_for_levels_is_relative():
    # 2% of a 1000 target is 20
    met = one(("s.l", "2024", "target", 1000, "亿元", "about", "level"),
                  ("s.l", "2024", "outturn", 980, "亿元", "exact", "level"))
    missed = one(("s.l", "2024", "target", 1000, "亿元", "about", "level"),
                     ("s.l", "2024", "outturn", 979, "亿元", "exact", "level"))
    assert met["met"] and not missed["met"]
    assert (met["status"], missed["status"]) == ("within tolerance", "not met")


def test_within_tolerance_reads_apart_from_met_in_both_languages():
    short, reached = (one(("s.g", "2024", "target", 6, "%", "about", "yoy_pct"),
                          ("s.g", "2024", "outturn", v, "%", "exact", "yoy_pct")) for v in (5.7, 6.2))
    assert short["comment_zh"].startswith("容差内：") and short["comment_en"].startswith("Within tolerance:")
    assert reached["comment_zh"].startswith("达成：") and reached["comment_en"].startswith("Met:")


def test_outturn_in_another_unit_is_converted_to_the_target_unit():
    row = one(("s.l", "2024", "target", 2.2, "万亿元", "at_least", "level"),
                  ("s.l", "2024", "outturn", 22000, "亿元", "exact", "level"))
    assert row["outturn"] == pytest.approx(2.2)
    assert row["met"]


def test_incompatible_units_are_not_compared():
    row = one(("s.l", "2024", "target", 25, "亿美元", "at_least", "level"),
                  ("s.l", "2024", "outturn", 180, "亿元", "exact", "level"))
    assert row["status"] == "not comparable"
    assert pd.isna(row["met"]) and pd.isna(row["gap"])


def test_target_without_outturn_uses_previous_period_as_baseline():
    row = one(("s.g", "2024", "target", 6.5, "%", "exact", "yoy_pct"),
                  ("s.g", "2023", "outturn", 2.0, "%", "exact", "yoy_pct"))
    assert row["status"] == "no outturn yet"
    assert pd.isna(row["met"])
    assert row["baseline_period"] == "2023"
    assert row["baseline"] == 2.0
    assert row["ambition"] == pytest.approx(4.5)
    assert row["ambition_unit"] == "百分点"


def test_ambition_of_a_level_is_in_percent():
    row = one(("s.l", "2024", "target", 3900, "亿元", "at_least", "level"),
                  ("s.l", "2023", "outturn", 3600, "亿元", "exact", "level"))
    assert row["ambition"] == pytest.approx((3900 / 3600 - 1) * 100)
    assert row["ambition_unit"] == "%"


def test_year_to_date_periods_compare_with_the_same_span_a_year_earlier():
    row = one(("s.g", "2024-01/2024-11", "target", 5, "%", "exact", "yoy_pct"),
                  ("s.g", "2023-01/2023-11", "outturn", 9, "%", "exact", "yoy_pct"))
    assert row["baseline_period"] == "2023-01/2023-11" and row["baseline"] == 9


def test_estimate_stands_in_for_a_missing_outturn():
    row = one(("s.g", "2023", "target", 6, "%", "about", "yoy_pct"),
                  ("s.g", "2023", "estimate", 6.2, "%", "about", "yoy_pct"))
    assert row["outturn_kind"] == "estimate" and row["met"]


def test_filters_by_topic(observations):
    result = indicators.targets_vs_outturns(observations, topic="investment")
    assert len(result) > 0 and set(result["topic"]) == {"investment"}


def test_data_without_targets_give_an_empty_table_with_the_columns():
    result = indicators.targets_vs_outturns(obs(("s.g", "2023", "outturn", 6, "%", "exact", "yoy_pct")))
    assert result.empty
    assert "met" in result.columns and "ambition" in result.columns


# --- bounded outturns and baselines, comments ----------------------------------------------

@pytest.mark.parametrize(("printed", "qualifier", "target", "status"), [
    (2.3, "more_than", 2.2, "met"),           # 超2.3 > 2.2 whatever the true figure
    (2.2, "more_than", 2.2, "met"),           # 超2.2 is strictly above a 2.2 floor
    (2.2, "at_least", 2.2, "met"),
    (2.0, "more_than", 2.2, "undetermined"),  # 超2.0 may or may not reach 2.2
    (2.0, "at_most", 2.2, "not met"),         # at most 2.0 never reaches 2.2
    (2.5, "at_most", 2.2, "undetermined"),
    (2.1, "about", 2.2, "not met"),           # 约2.1 is taken at 2.1
])
def test_a_bounded_outturn_decides_only_when_every_value_it_allows_agrees(printed, qualifier, target, status):
    row = one(("s.l", "2024", "target", target, "万亿元", "at_least", "level"),
              ("s.l", "2024", "outturn", printed, "万亿元", qualifier, "level"))
    assert row["status"] == status
    if status == "undetermined":
        assert pd.isna(row["met"])
    else:
        assert row["met"] == (status == "met")


def test_a_ceiling_target_against_a_lower_bound_outturn():
    # unemployment capped at 5.5%; an outturn printed as "above 5.6%" breaks it for sure
    row = one(("s.u", "2024", "target", 5.5, "%", "at_most", "rate_pct"),
              ("s.u", "2024", "outturn", 5.6, "%", "more_than", "rate_pct"))
    assert row["status"] == "not met" and not row["met"]


def test_undetermined_comment_says_why():
    row = one(("s.l", "2024", "target", 2.5, "万亿元", "exact", "level"),
              ("s.l", "2024", "outturn", 2.2, "万亿元", "more_than", "level"))
    assert row["comment_en"].startswith("Undetermined: the 2024 outturn is printed only as more than 2.2 万亿元")
    assert row["comment_zh"].startswith("无法判定：2024年实际数仅公布为超过2.2万亿元")


def test_a_baseline_printed_as_a_lower_bound_makes_ambition_an_upper_bound():
    # the 2023 report: 地区生产总值超2.2万亿元; a 2024 level target of 2.4 trillion
    row = one(("s.l", "2024", "target", 2.4, "万亿元", "exact", "level"),
              ("s.l", "2023", "outturn", 2.2, "万亿元", "more_than", "level"))
    assert row["ambition"] == pytest.approx((2.4 / 2.2 - 1) * 100)
    assert row["ambition_qualifier"] == "at_most"
    assert "Ambition approximate: the 2023 baseline is printed as more than 2.2 万亿元" in row["comment_en"]
    assert "at most +9.09%" in row["comment_en"]
    assert "至多高9.09%" in row["comment_zh"]


@pytest.mark.parametrize(("baseline_qualifier", "expected"), [
    ("exact", "exact"), ("about", "about"), ("at_least", "at_most"), ("at_most", "at_least")])
def test_ambition_qualifier_follows_the_baseline(baseline_qualifier, expected):
    row = one(("s.g", "2024", "target", 6, "%", "exact", "yoy_pct"),
              ("s.g", "2023", "outturn", 5, "%", baseline_qualifier, "yoy_pct"))
    assert row["ambition"] == pytest.approx(1) and row["ambition_qualifier"] == expected


def test_an_incomparable_baseline_does_not_spoil_the_verdict():
    # the outturn is comparable, only last year's figure was printed in dollars
    row = one(("s.l", "2024", "target", 180, "亿元", "at_least", "level"),
              ("s.l", "2024", "outturn", 190, "亿元", "exact", "level"),
              ("s.l", "2023", "outturn", 25, "亿美元", "exact", "level"))
    assert row["status"] == "met" and row["gap"] == pytest.approx(10)
    assert pd.isna(row["baseline"]) and pd.isna(row["ambition"]) and row["ambition_unit"] == ""
    assert "the 2023 outturn is in 亿美元 (money_usd), the target in 亿元 (money_cny)" in row["comment_en"]


def test_not_comparable_comment_names_both_units():
    row = one(("s.l", "2024", "target", 25, "亿美元", "at_least", "level"),
              ("s.l", "2024", "outturn", 180, "亿元", "exact", "level"))
    assert row["status"] == "not comparable"
    assert "Not comparable: the 2024 outturn is in 亿元 (money_cny) and the target in 亿美元 (money_usd)" \
        in row["comment_en"]
    assert row["comment_zh"].startswith("口径不同：")


def test_percent_change_from_a_zero_baseline_is_refused_with_a_reason():
    row = one(("s.c", "2024", "target", 10, "个", "at_least", "count"),
              ("s.c", "2023", "outturn", 0, "个", "exact", "count"))
    assert pd.isna(row["ambition"])
    assert "a percent change from a baseline of 0 个 is not meaningful" in row["comment_en"]


def test_a_derived_outturn_serves_as_baseline_and_is_named_so():
    data = obs(("s.g", "2024", "target", 6, "%", "exact", "yoy_pct"),
               ("s.g", "2024", "outturn", 6.5, "%", "exact", "yoy_pct"),
               ("s.g", "2023", "outturn", 5.2, "%", "exact", "yoy_pct"))
    data["origin"] = ["printed", "derived", "derived"]
    row = indicators.targets_vs_outturns(data).iloc[0]
    assert row["baseline"] == pytest.approx(5.2)
    assert row["outturn_origin"] == "derived"
    assert "2024年实际（推算）6.5%" in row["comment_zh"] and "2024 outturn (derived) 6.5%" in row["comment_en"]


def test_a_printed_figure_wins_over_a_derived_one_of_the_same_kind():
    data = obs(("s.g", "2024", "target", 6, "%", "exact", "yoy_pct"),
               ("s.g", "2023", "outturn", 5.2, "%", "exact", "yoy_pct"),
               ("s.g", "2023", "outturn", 5.0, "%", "exact", "yoy_pct"))
    data["origin"] = ["printed", "derived", "printed"]
    assert indicators.targets_vs_outturns(data).iloc[0]["baseline"] == pytest.approx(5.0)


@pytest.mark.parametrize(("outturn", "en", "zh"), [
    (6.2, "Met: 2024 outturn 6.2% against a target of about 6% (gap +0.2 percentage points).",
     "达成：2024年实际6.2%，目标6%左右，比目标高0.2个百分点。"),
    (5.0, "Not met: 2024 outturn 5% against a target of about 6% (gap -1 percentage points).",
     "未达成：2024年实际5%，目标6%左右，比目标低1个百分点。"),
])
@pytest.mark.parametrize("cpus", [1, 2])  # one thread, or the fills and languages side by side
def test_comments_state_verdict_and_ambition(outturn, en, zh, cpus):
    before = pa.cpu_count()
    pa.set_cpu_count(cpus)
    try:
        row = one(("s.g", "2024", "target", 6, "%", "about", "yoy_pct"),
                  ("s.g", "2024", "outturn", outturn, "%", "exact", "yoy_pct"),
                  ("s.g", "2023", "outturn", 5.2, "%", "exact", "yoy_pct"))
    finally:
        pa.set_cpu_count(before)
    assert row["comment_en"] == en + " Ambition: +0.8 percentage points on the 2023 outturn of 5.2%."
    assert row["comment_zh"] == zh + "目标比2023年实际（5.2%）高0.8个百分点。"


def test_output_keeps_the_original_columns_first(observations):
    result = indicators.targets_vs_outturns(observations)
    original = COLUMNS[:COLUMNS.index("quote") + 1]
    assert list(result.columns[:len(original)]) == original
    assert {"ambition_qualifier", "comment_zh", "comment_en"} <= set(result.columns)


def test_real_targets_all_get_a_status_and_comments(observations):
    result = indicators.targets_vs_outturns(observations)
    n_targets = int(observations["kind"].astype(str).eq("target").sum())
    assert len(result) == n_targets
    assert set(result["status"]) <= set(STATUSES)
    assert result["comment_zh"].str.len().gt(0).all() and result["comment_en"].str.len().gt(0).all()
    # a verdict exists exactly for met / not met
    decided = result["status"].isin(["met", "within tolerance", "not met"])
    assert result["met"].notna().eq(decided).all()
    # ambition exists exactly when a comparable baseline exists (and, for levels, is positive)
    assert result["ambition"].notna().eq(result["ambition_unit"].ne("")).all()
    assert result["ambition"].notna().eq(result["ambition_qualifier"].ne("")).all()


def test_real_growth_ambitions_are_target_less_the_printed_baseline(observations):
    result = indicators.targets_vs_outturns(observations)
    rates = result[result["measure"].eq("yoy_pct") & result["baseline"].notna() & result["unit"].eq("%")]
    assert len(rates) > 0
    actual = observations[observations["kind"].astype(str).isin(["outturn", "estimate"])
                          & observations["unit"].astype(str).eq("%")]
    for row in rates.itertuples(index=False):
        base = actual[actual["series_id"].eq(row.series_id) & actual["period"].eq(row.baseline_period)]
        base = base.sort_values("kind", key=lambda k: k.astype(str).eq("estimate"))["value"].iloc[0]
        assert row.ambition == pytest.approx(row.target - base), row.series_id
        assert "percentage points" in row.comment_en or "repeats" in row.comment_en or "approximate" in row.comment_en


def test_an_edited_qualifier_rule_counts_at_the_next_call(project_copy):
    # the registries are read once per state of data/raw/: an edit must still be seen
    data = obs(("s.g", "2024", "target", 6, "%", "about", "yoy_pct"),
               ("s.g", "2024", "outturn", 5.4, "%", "exact", "yoy_pct"))
    before = indicators.targets_vs_outturns(data, root=project_copy).iloc[0]
    path = project_copy / "data" / "raw" / "qualifiers.csv"
    text = path.read_text(encoding="utf-8")
    assert "ge_within_tolerance,0.5," in text
    path.write_text(text.replace("ge_within_tolerance,0.5,", "ge_within_tolerance,0.9,"), encoding="utf-8")
    after = indicators.targets_vs_outturns(data, root=project_copy).iloc[0]
    assert (before["status"], before["tolerance"]) == ("not met", 0.5)
    assert (after["status"], after["tolerance"]) == ("within tolerance", 0.9)
