"""indicators/plot_levels.py: levels with growth, and trade balances, with the real data."""
from __future__ import annotations

import pandas as pd
import pytest
from chart_checks import by_gid, draw, flat, texts

import indicators

SERVICES = ["china.services_trade.total", "china.services_trade.exports", "china.services_trade.imports",
            "china.services_trade.knowledge_total", "china.services_trade.travel_total"]
MINUS = "\N{MINUS SIGN}"


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize(("lang", "unit", "source"), [
    ("zh", "单位：亿元", "资料来源：成都日报头版"), ("en", "Unit: 100 million yuan", "Source: Chengdu Daily front page"),
])
def test_services_trade_levels_with_growth_on_a_second_axis(observations, built_root, lang, unit, source, width):
    ax = draw(indicators.growthplot, observations, series=SERVICES, lang=lang, root=built_root, width=width)
    assert by_gid(ax, "unit") == unit
    assert flat(source) in flat(by_gid(ax, "source"))
    assert len(ax.patches) == len(SERVICES)
    twins = [a for a in ax.figure.axes if a is not ax]
    assert len(twins) == 1 and twins[0].get_ylabel()
    assert f"{MINUS}6.8%" in texts(ax)  # exports fell 6.8 %: the minus sign is drawn
    assert "+23.5%" in texts(ax)


def test_one_series_over_periods_joins_its_growth_with_a_line(observations, built_root):
    data = _three_years(observations)
    ax = draw(indicators.growthplot, data, series="chengdu.gdp.level", root=built_root, lang="en")
    growth_ax = [a for a in ax.figure.axes if a is not ax][0]
    assert growth_ax.get_lines()[0].get_linestyle() == "-"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023"]
    assert "2021–2023" in by_gid(ax, "title")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trade_balance_uses_the_printed_deficit(observations, built_root, lang):
    ax = draw(indicators.balanceplot, observations, exports="china.services_trade.exports",
              imports="china.services_trade.imports", balance="china.services_trade.deficit",
              period="2023-01/2023-11", lang=lang, root=built_root)
    assert ("10753.6" if lang == "zh" else "10,753.6") in texts(ax)
    assert ("逆差" if lang == "zh" else "Deficit") in texts(ax)
    assert not any(p.get_hatch() for p in ax.patches)
    assert "推算" not in by_gid(ax, "source") and "derived" not in by_gid(ax, "source")


def test_a_computed_balance_is_hatched_and_explained(observations, built_root):
    ax = draw(indicators.balanceplot, observations, exports="china.services_trade.exports",
              imports="china.services_trade.imports", period="2023-01/2023-11", root=built_root)
    assert [bool(p.get_hatch()) for p in ax.patches] == [False, False, True]
    assert "推算值" in by_gid(ax, "source") and flat("服务进口 − 服务出口") in flat(by_gid(ax, "source"))


def test_derived_flows_of_earlier_periods_are_hatched(observations, built_root):
    derived = observations[observations["series_id"].astype(str).eq("china.services_trade.exports")
                           & observations["origin"].astype(str).eq("derived")]
    if derived.empty:
        pytest.skip("the data have no derived services exports")
    ax = draw(indicators.balanceplot, observations, exports="china.services_trade.exports",
              imports="china.services_trade.imports", balance="china.services_trade.deficit",
              lang="en", root=built_root)
    first = ax.patches[:3]  # exports, imports, balance of the earliest period
    assert all(p.get_hatch() for p in first)
    assert "derived values" in by_gid(ax, "source")


def test_unknown_series_are_named(observations, built_root):
    with pytest.raises(indicators.exceptions.UnknownSeriesError, match="no.such.series"):
        indicators.growthplot(observations, series=["no.such.series"], root=built_root)


def _three_years(observations: pd.DataFrame) -> pd.DataFrame:
    """GDP in 2021-2023 with growth: the real 2023 figures and two made-up earlier years."""
    obs = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    base = obs[obs["series_id"].isin(["chengdu.gdp.level", "chengdu.gdp.real_growth"])
               & obs["period"].eq("2023") & obs["kind"].eq("outturn")]
    rows = [base]
    for period, level, growth in [("2021", 1.99, 8.6), ("2022", 2.08, 2.8)]:
        earlier = base.copy()
        earlier["period"] = period
        earlier["value"] = earlier["series_id"].map({"chengdu.gdp.level": level, "chengdu.gdp.real_growth": growth})
        rows.append(earlier)
    out = pd.concat(rows, ignore_index=True)
    out["series_id"] = out["series_id"].replace({"chengdu.gdp.real_growth": "chengdu.gdp.level_growth"})
    return out


@pytest.mark.parametrize(("balance", "derived_in_legend", "hatched_balances"), [
    ("china.services_trade.deficit", False, [True, False]),  # printed for 2023 only: computed for 2022
    (None, True, [True, True]),                              # never printed: every balance computed
])
def test_the_legend_marks_the_balance_derived_only_when_no_period_prints_it(observations, built_root, balance,
                                                                           derived_in_legend, hatched_balances):
    ax = draw(indicators.balanceplot, observations, exports="china.services_trade.exports",
              imports="china.services_trade.imports", balance=balance,
              period=["2022-01/2022-11", "2023-01/2023-11"], growth=False, root=built_root)
    balance_bars = ax.patches[2::3][:2]  # exports, imports, balance for each period
    assert [bool(p.get_hatch()) for p in balance_bars] == hatched_balances
    label = ax.get_legend().get_texts()[-1].get_text()
    assert label.startswith("逆差") and ("（推算）" in label) == derived_in_legend
