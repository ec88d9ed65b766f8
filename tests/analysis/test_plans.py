"""Plans against completion: a series' record, its categories' plans against its own, and
the series a plan chart of a period can draw."""
from __future__ import annotations

import math

import pytest

import indicators
from fixtures import obs

TOTAL, RATE = "p.total", "p.rate"
PARTS = ["p.a", "p.b"]


def plans_data():
    rows = obs(
        # the total: a printed plan in 2022, a derived one in 2023, a plan without an outturn yet in 2024
        (TOTAL, "2022", "target", 100, "亿元"), (TOTAL, "2022", "outturn", 90.4, "亿元"),
        (TOTAL, "2023", "target", 0.012, "万亿元"), (TOTAL, "2023", "outturn", 130, "亿元"),
        (TOTAL, "2024", "target", 150, "亿元"),
        (RATE, "2022", "outturn", 90, "%"),
        # the parts: both planned in 2022 and 2023, only one in 2024
        ("p.a", "2022", "target", 60, "亿元"), ("p.b", "2022", "target", 41, "亿元"),
        ("p.a", "2023", "target", 70, "亿元"), ("p.b", "2023", "target", 50, "亿元"),
        ("p.a", "2024", "target", 80, "亿元"), ("p.a", "2023", "outturn", 75, "亿元"),
    )
    rows.loc[(rows["series_id"] == TOTAL) & (rows["period"] == "2023") & (rows["kind"] == "target"),
             "origin"] = "derived"
    return rows


def test_plan_record_lists_plan_and_completion_by_period_in_one_unit():
    record = indicators.plan_record(plans_data(), TOTAL, rate=RATE)
    assert list(record["period"]) == ["2022", "2023", "2024"]
    assert list(record["plan"]) == [100, 120, 150]  # 0.012 万亿元 is 120 亿元
    assert list(record["plan_origin"]) == ["printed", "derived", "printed"]
    assert record["completed"].tolist()[:2] == [90.4, 130] and math.isnan(record["completed"].iloc[2])
    assert set(record["unit"]) == {"亿元"}


def test_plan_record_takes_the_printed_rate_and_computes_a_missing_one_marked_derived():
    record = indicators.plan_record(plans_data(), TOTAL, rate=RATE)
    rate = record["completion_rate_pct"].tolist()
    assert rate[0] == 90  # printed, as the document rounds it (completed ÷ plan is 90.4)
    assert rate[1] == pytest.approx(130 / 120 * 100)  # none printed: completed ÷ plan
    assert math.isnan(rate[2])  # nothing completed yet
    assert list(record["completion_rate_origin"]) == ["printed", "derived", ""]


def test_plan_record_without_printed_rates_computes_every_rate():
    record = indicators.plan_record(plans_data(), TOTAL)
    assert record["completion_rate_pct"].iloc[0] == pytest.approx(90.4)
    assert list(record["completion_rate_origin"]) == ["derived", "derived", ""]


def test_a_plan_of_zero_has_no_rate():
    data = obs((TOTAL, "2022", "target", 0, "亿元"), (TOTAL, "2022", "outturn", 5, "亿元"))
    record = indicators.plan_record(data, TOTAL)
    assert math.isnan(record["completion_rate_pct"].iloc[0]) and record["completion_rate_origin"].iloc[0] == ""


def test_category_plans_only_where_every_category_and_the_total_have_a_plan():
    check = indicators.category_plans(plans_data(), PARTS, TOTAL)
    assert list(check["period"]) == ["2022", "2023"]  # 2024: one category has no plan, so no sum
    assert list(check["categories_plan"]) == [101, 120]
    assert list(check["total_plan"]) == [100, 120]
    assert list(check["categories_less_total"]) == [1, 0]
    assert set(check["unit"]) == {"亿元"}


def test_planned_series_have_both_a_plan_and_an_outturn_in_the_period():
    data = plans_data()
    assert indicators.planned_series(data, [TOTAL, *PARTS], "2023") == [TOTAL, "p.a"]
    assert indicators.planned_series(data, [*PARTS, TOTAL], "2023") == ["p.a", TOTAL]  # in the order given
    assert indicators.planned_series(data, [TOTAL, *PARTS], "2024") == []
