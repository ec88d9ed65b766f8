"""indicators/plot_levels.py: levels with growth, and trade balances, with the real data."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chart_checks import axis_names_without_twin, by_gid, check_legends, draw, flat, labels_on_marks, texts

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
    assert "10,753.6" in texts(ax)  # as the tables print it, in both languages
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


# -- a small fixture project: one document, levels with growth, counts without ------------------------------

#: series id: (name, level in 亿元, growth in %, the sentence of the fixture document that prints them)
LEVELS = {"t.trade.total": ("服务进出口总额", 100, 9, "2024年服务进出口总额100亿元，同比增长9%"),
          "t.trade.exports": ("服务出口", 40, -6.8, "其中出口40亿元，同比下降6.8%"),
          "t.trade.imports": ("服务进口", 60, 23.5, "进口60亿元，同比增长23.5%"),
          "t.trade.knowledge": ("知识密集型服务进出口", 30, 8.3, "知识密集型服务进出口30亿元，同比增长8.3%"),
          "t.trade.travel": ("旅行服务进出口", 10, 73.5, "旅行服务进出口10亿元，同比增长73.5%")}
BALANCE = ("t.trade.exports_change", "服务出口增减额", -20, "服务出口比上年减少20亿元")  # a negative level
EARLIER = "2023年服务进出口总额90亿元"  # a level without growth: the one-series chart has one growth dot
COUNTED = "共建项目中甲类99个、乙类117个、丙类31个"
COUNTS = {"t.proj.a.count": ("甲类项目", 99), "t.proj.b.count": ("乙类项目", 117), "t.proj.c.count": ("丙类项目", 31)}
TRADE_DOC = "。".join([q for *_, q in LEVELS.values()] + [BALANCE[-1], EARLIER, COUNTED]) + "。"


@pytest.fixture(scope="module")
def trade(tmp_path_factory):
    """(project root, observations) of a fixture with the levels and growth rates above."""
    from projects import growth_series, make_project, row

    series, rows = [], []
    for sid, (name, level, growth, quote) in LEVELS.items():
        series += [dict(series_id=sid, topic="services_trade", geo="CN", measure="level", name_zh=name, name_en=sid),
                   growth_series(sid + "_growth", name + "同比增长", sid + " growth", topic="services_trade")]
        rows += [row(sid, "2024", "outturn", level, "S1", quote, unit="亿元"),
                 row(sid + "_growth", "2024", "outturn", growth, "S1", quote)]
    rows.append(row("t.trade.total", "2023", "outturn", 90, "S1", EARLIER, unit="亿元"))
    series.append(dict(series_id=BALANCE[0], topic="services_trade", geo="CN", measure="level", name_zh=BALANCE[1],
                       name_en=BALANCE[0]))
    rows.append(row(BALANCE[0], "2024", "outturn", BALANCE[2], "S1", BALANCE[3], unit="亿元"))
    for sid, (name, count) in COUNTS.items():
        series.append(dict(series_id=sid, topic="joint_projects", geo="SC_CQ", measure="level", name_zh=name,
                           name_en=sid))
        rows.append(row(sid, "2024", "outturn", count, "S1", COUNTED, unit="个"))
    root = make_project(tmp_path_factory.mktemp("trade"), documents={"S1": (TRADE_DOC, "2025-01-04", "2024")},
                        series=series, curated={"trade": rows})
    indicators.build(root)
    return root, indicators.load(root)


def _growth_axis(ax):
    return next(a for a in ax.figure.axes if a is not ax)


def test_the_growth_axis_has_a_zero_tick_when_every_growth_is_positive(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=["t.trade.total", "t.trade.knowledge", "t.trade.travel"], root=root)
    gax = _growth_axis(ax)
    assert 0 in list(gax.get_yticks())  # growth of +8.3 % to +73.5 %: the axis still shows its zero
    assert any(ln.get_ydata()[0] == 0 and len(set(ln.get_ydata())) == 1 for ln in gax.get_lines())  # a baseline


def test_the_growth_axis_label_runs_beside_its_ticks_inside_the_plot(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=["t.trade.total", "t.trade.knowledge", "t.trade.travel"], root=root)
    gax = _growth_axis(ax)
    renderer = ax.figure.canvas.get_renderer()
    label = gax.yaxis.label.get_window_extent(renderer)
    ticks = [gax.transData.transform((0, t))[1] for t in gax.get_yticks()]
    assert label.y0 <= max(ticks) <= label.y1  # the label stands beside the ticks, not below them
    assert label.y1 <= gax.bbox.y1 + 1  # and does not stick out above the plot


def test_a_negative_growth_is_labelled_below_its_dot_clear_of_the_zero_line(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=["t.trade.total", "t.trade.exports", "t.trade.imports"], root=root)
    gax = _growth_axis(ax)
    label = next(t for t in gax.texts if t.get_text() == f"{MINUS}6.8%")
    box = label.get_window_extent(ax.figure.canvas.get_renderer())
    assert box.y1 < gax.transData.transform((0, -6.8))[1] < gax.transData.transform((0, 0))[1]
    assert labels_on_marks(ax) == []


def test_a_negative_bar_is_labelled_below_its_end_inside_the_plot(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=["t.trade.exports", BALANCE[0]], root=root)
    label = next(t for t in ax.texts if t.get_text() == f"{MINUS}20")
    box = label.get_window_extent(ax.figure.canvas.get_renderer())
    assert ax.bbox.y0 <= box.y0 and box.y1 < ax.transData.transform((0, -20))[1]


def test_without_growth_the_legend_names_no_axis_and_the_bars_fill_the_plot(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=list(COUNTS), root=root, width="half")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["实际"]
    assert axis_names_without_twin(ax.figure) == []
    assert 117 < ax.get_ylim()[1] <= 117 * 1.2  # room for the value label above the tallest bar, no more


def test_with_growth_the_legend_names_both_axes(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=["t.trade.total", "t.trade.exports"], root=root, lang="en")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Outturn (left axis)", "Growth, y/y (right axis)"]
    check_legends(ax.figure)


def test_a_single_growth_dot_has_a_marker_in_the_legend_not_a_line(trade):
    root, data = trade
    ax = draw(indicators.growthplot, data, series="t.trade.total", root=root)  # growth printed for 2024 only
    handle = ax.get_legend().legend_handles[-1]
    assert handle.get_marker() == "o" and handle.get_linestyle() == "None"
    check_legends(ax.figure)


@pytest.mark.parametrize("series", [["t.trade.total", "t.trade.exports", "t.trade.imports"], list(COUNTS),
                                    "t.trade.total", ["t.trade.knowledge", "t.trade.travel"],
                                    ["t.trade.exports", BALANCE[0]]])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_legend_entry_of_a_fixture_chart_has_data(trade, series, lang):
    root, data = trade
    ax = draw(indicators.growthplot, data, series=series, root=root, lang=lang)
    check_legends(ax.figure)
    assert labels_on_marks(ax) == []


#: levels past a thousand: the tables print them with a thousands separator in both languages
BIG = "2024年服务出口1234.5亿元，同比增长5%；服务进口58902亿元，同比增长12%"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(project root, observations) of a fixture whose levels run past a thousand."""
    from projects import growth_series, make_project, row

    series, rows = [], []
    for sid, name, level, growth in [("t.big.exports", "服务出口", 1234.5, 5), ("t.big.imports", "服务进口", 58902, 12)]:
        series += [dict(series_id=sid, topic="services_trade", geo="CN", measure="level", name_zh=name, name_en=sid),
                   growth_series(sid + "_growth", name + "同比增长", sid + " growth", topic="services_trade")]
        rows += [row(sid, "2024", "outturn", level, "S1", BIG, unit="亿元"),
                 row(sid + "_growth", "2024", "outturn", growth, "S1", BIG)]
    root = make_project(tmp_path_factory.mktemp("big"), documents={"S1": (BIG + "。", "2025-01-04", "2024")},
                        series=series, curated={"big": rows})
    indicators.build(root)
    return root, indicators.load(root)


def _labels(ax) -> list[str]:
    """The text of every annotation on the figure of *ax*, line by line."""
    return [line for a in ax.figure.axes for t in a.texts for line in t.get_text().split("\n")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_value_labels_print_thousands_separators_as_the_tables_do(big, lang):
    root, data = big
    ax = draw(indicators.growthplot, data, series=["t.big.exports", "t.big.imports"], root=root, lang=lang)
    assert {"1,234.5", "58,902", "+5%", "+12%"} <= set(_labels(ax)), _labels(ax)
    ax = draw(indicators.balanceplot, data, exports="t.big.exports", imports="t.big.imports", root=root, lang=lang)
    labels = _labels(ax)
    assert {"1,234.5", "58,902", "57,667.5"} <= set(labels), labels  # the balance: imports − exports
    assert not [t for t in labels if "58902" in t or "1234" in t], labels


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_value_axis_ticks_separate_thousands_as_the_value_labels_do(big, lang):
    root, data = big
    ax = draw(indicators.growthplot, data, series=["t.big.exports", "t.big.imports"], root=root, lang=lang)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in t for t in ticks) and not [t for t in ticks if t.replace("\N{MINUS SIGN}", "")[:1].isdigit()
                                                 and len(t.split(".")[0]) > 4 and "," not in t], ticks
    assert ax.yaxis.get_offset_text().get_text() == ""  # full numbers, no "1e4" offset


#: four categories of projects, each counted and each with its investment (more than a title names one by one)
CATEGORIES = {"a": ("甲类", 99, 120), "b": ("乙类", 117, 80), "c": ("丙类", 31, 40), "d": ("丁类", 53, 20)}
CATEGORY_DOC = "；".join(f"{zh}项目{n}个，完成投资{v}亿元" for zh, n, v in CATEGORIES.values()) + "。"


@pytest.fixture(scope="module")
def categories(tmp_path_factory):
    """(project root, observations): four project counts (measure ``count``) and four investments."""
    from projects import make_project, row

    series, rows = [], []
    for code, (zh, n, v) in CATEGORIES.items():
        for sid, measure, name_zh, name_en, value, unit, quote in [
                (f"t.proj.{code}.count", "count", f"{zh}项目个数", f"Projects {code}, number", n, "个", f"{zh}项目{n}个"),
                (f"t.proj.{code}.investment", "level", f"{zh}项目完成投资", f"Projects {code}, investment", v, "亿元",
                 f"完成投资{v}亿元")]:
            series.append(dict(series_id=sid, topic="joint_projects", geo="SC_CQ", measure=measure, name_zh=name_zh,
                               name_en=name_en))
            rows.append(row(sid, "2024", "outturn", value, "S1", quote, unit=unit))
    root = make_project(tmp_path_factory.mktemp("categories"), documents={"S1": (CATEGORY_DOC, "2025-01-02", "2024")},
                        series=series, curated={"projects": rows})
    indicators.build(root)
    return root, indicators.load(root)


@pytest.mark.parametrize(("lang", "counted", "topic"), [
    ("zh", "川渝共建重点项目：各类个数（", "川渝共建重点项目（"),
    ("en", "Sichuan–Chongqingjointkeyprojects:numberineachcategory,", "Sichuan–Chongqingjointkeyprojects,"),
])
def test_a_chart_of_counts_says_in_its_title_that_it_counts(categories, lang, counted, topic):
    root, data = categories
    ax = draw(indicators.growthplot, data, series=[f"t.proj.{c}.count" for c in CATEGORIES], root=root, lang=lang)
    assert flat(by_gid(ax, "title")).startswith(counted), by_gid(ax, "title")
    plt.close("all")
    ax = draw(indicators.growthplot, data, series=[f"t.proj.{c}.investment" for c in CATEGORIES], root=root, lang=lang)
    assert flat(by_gid(ax, "title")).startswith(topic), by_gid(ax, "title")  # amounts: the topic, as before
