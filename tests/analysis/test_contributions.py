"""`indicators/analysis.py`: contributions to growth and shares, checked against the documents."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from indicators.analysis.contributions import contributions, growth_contributions, shares
from indicators.exceptions import InsufficientDataError, UnitError, UnknownSeriesError
from fixtures import outturns

YTD = "2023-01/2023-11"
ST = "china.services_trade."




# --- known answers from S000 (MOFCOM, Jan-Nov 2023) ---------------------------------------
# 服务出口24074.2亿元，同比下降6.8%；进口34827.8亿元，同比增长23.5%；总额58902亿元，同比增长9%
EXPORTS_BEFORE = 24074.2 / (1 - 0.068)       # 25830.69 亿元 a year earlier
IMPORTS_BEFORE = 34827.8 / (1 + 0.235)       # 28200.65
TOTAL_BEFORE = EXPORTS_BEFORE + IMPORTS_BEFORE
#: the published growth rates are rounded to 0.1 (9% is 9.0), so half a unit in the last place
ROUNDING_PP = 0.05


def test_services_trade_contributions_reproduce_the_published_growth(observations):
    table = contributions(observations, parts=[ST + "exports", ST + "imports"], total=ST + "total", period=YTD)
    exports, imports, total = table.itertuples(index=False)
    assert exports.contribution_pp == pytest.approx(-6.8 * EXPORTS_BEFORE / TOTAL_BEFORE)  # -3.25
    assert imports.contribution_pp == pytest.approx(23.5 * IMPORTS_BEFORE / TOTAL_BEFORE)  # +12.27
    assert exports.contribution_pp == pytest.approx(-3.25, abs=0.005)
    assert imports.contribution_pp == pytest.approx(12.27, abs=0.005)
    assert total.role == "total" and total.series_id == ST + "total"
    assert total.contribution_pp == pytest.approx(exports.contribution_pp + imports.contribution_pp)
    assert abs(total.growth_pct - total.published_growth_pct) < ROUNDING_PP
    assert total.published_growth_pct == 9
    assert total.level == pytest.approx(total.published_level, abs=0.1) and total.published_level == 58902
    assert exports.share_of_growth_pct + imports.share_of_growth_pct == pytest.approx(100)
    assert not table["approximate"].any()


def test_knowledge_intensive_contributions_reproduce_the_published_growth(observations):
    # 知识密集型服务出口13895亿元，增长10%；进口10456.5亿元，增长6.1%；合计24351.5亿元，增长8.3%
    table = contributions(observations, parts=[ST + "knowledge_exports", ST + "knowledge_imports"],
                          total=ST + "knowledge_total", period=YTD)
    total = table.iloc[-1]
    assert abs(total["growth_pct"] - 8.3) < ROUNDING_PP
    assert total["published_growth_pct"] == 8.3


def test_shares_of_knowledge_intensive_and_travel_services(observations):
    table = shares(observations, parts=[ST + "knowledge_total", ST + "travel_total"], total=ST + "total",
                   period=YTD).set_index("series_id")
    assert table.loc[ST + "knowledge_total", "share_pct"] == pytest.approx(24351.5 / 58902 * 100)  # 41.34
    assert table.loc[ST + "travel_total", "share_pct"] == pytest.approx(13148.8 / 58902 * 100)  # 22.32
    # travel grew 73.5% against 9% for the total: its share rose from 14.0% to 22.3%
    before = (13148.8 / 1.735) / (58902 / 1.09) * 100
    assert table.loc[ST + "travel_total", "previous_share_pct"] == pytest.approx(before)
    assert table.loc[ST + "travel_total", "share_change_pp"] == pytest.approx(22.323 - 14.024, abs=0.001)
    assert (table["unit"] == "亿元").all()


def test_shares_without_growth_leave_the_change_empty():
    data = outturns(("a.part", "2023", 2500, "亿元", "exact"), ("a.total", "2023", 1, "万亿元", "about"))
    row = shares(data, parts=["a.part"], total="a.total", period="2023").iloc[0]
    assert row["share_pct"] == pytest.approx(25)  # 2500 亿元 of 1 万亿元 (10000 亿元)
    assert row["unit"] == "万亿元" and row["level"] == pytest.approx(0.25)
    assert math.isnan(row["share_change_pp"]) and row["approximate"]


def test_parts_in_different_units_of_one_dimension_are_converted():
    data = outturns(("x.a", "2023", 2.40742, "万亿元", "exact"), ("x.a_growth", "2023", -6.8, "%", "exact"),
               ("x.b", "2023", 34827.8, "亿元", "exact"), ("x.b_growth", "2023", 23.5, "%", "exact"))
    table = contributions(data, parts=["x.a", "x.b"], period="2023", unit="亿元")
    assert table["level"].tolist() == pytest.approx([24074.2, 34827.8, 58902])
    assert table.iloc[-1]["growth_pct"] == pytest.approx((58902 / TOTAL_BEFORE - 1) * 100)


def test_parts_in_dollars_and_yuan_are_refused():
    data = outturns(("x.a", "2023", 22.9, "亿美元", "exact"), ("x.a_growth", "2023", 5, "%", "exact"),
               ("x.b", "2023", 100, "亿元", "exact"), ("x.b_growth", "2023", 5, "%", "exact"))
    with pytest.raises(UnitError, match=r"x.b \(亿元\) measure something else"):
        contributions(data, parts=["x.a", "x.b"], period="2023")


def test_missing_figures_are_named(observations):
    with pytest.raises(InsufficientDataError, match=r"'china.services_trade.exports' has no outturn or estimate "
                                                    r"for period '2023'; it has \[.*'2023-01/2023-11'.*\]"):
        contributions(observations, parts=[ST + "exports", ST + "imports"], period="2023")
    with pytest.raises(UnknownSeriesError, match=r"No series 'china.services_trade.exprts'"):
        contributions(observations, parts=[ST + "exprts"], period=YTD)


def test_growth_series_can_be_named_explicitly():
    data = outturns(("x.a", "2023", 110, "亿元", "exact"), ("x.a_rate", "2023", 10, "%", "exact"))
    table = contributions(data, parts=["x.a"], period="2023", growth={"x.a": "x.a_rate"})
    assert table.iloc[0]["contribution_pp"] == pytest.approx(10)


def test_growth_of_minus_100_percent_or_less_is_refused():
    with pytest.raises(ValueError, match=r"above -100%"):
        growth_contributions(pd.Series({"a": 1.0}), pd.Series({"a": -100.0}))
    with pytest.raises(ValueError, match="must name the same parts"):
        growth_contributions(pd.Series({"a": 1.0}), pd.Series({"b": 1.0}))


levels = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)
rates = st.floats(min_value=-90, max_value=300, allow_nan=False)
parts = st.lists(st.tuples(levels, rates), min_size=1, max_size=6)


@given(parts)
def test_contributions_add_up_to_the_total_growth(pairs):
    lv, gr = (pd.Series(x, index=[f"p{i}" for i in range(len(pairs))]) for x in zip(*pairs))
    table = growth_contributions(lv, gr)
    total = table.loc["total"]
    assert table["contribution_pp"].iloc[:-1].sum() == pytest.approx(total["growth_pct"], rel=1e-9, abs=1e-9)
    assert total["level"] == pytest.approx(lv.sum())
    # the total grows at an average of the parts' rates, weighted by their earlier levels
    assert gr.min() - 1e-9 <= total["growth_pct"] <= gr.max() + 1e-9
    # each part's earlier level grown at its rate gives its level back
    back = table["previous_level"].iloc[:-1] * (1 + gr / 100)
    assert back.tolist() == pytest.approx(lv.tolist(), rel=1e-9)


@given(parts, st.sampled_from([1e-4, 1e-2, 1e4]))
def test_contributions_do_not_depend_on_the_unit(pairs, scale):
    lv, gr = (pd.Series(x, index=[f"p{i}" for i in range(len(pairs))]) for x in zip(*pairs))
    a, b = growth_contributions(lv, gr), growth_contributions(lv * scale, gr)
    assert b["contribution_pp"].tolist() == pytest.approx(a["contribution_pp"].tolist(), rel=1e-9, abs=1e-9)
