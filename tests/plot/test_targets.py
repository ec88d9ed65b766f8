"""indicators/plot_targets.py: targets against outturns, with the real data, in both languages."""
from __future__ import annotations

import pandas as pd
import pytest
from chart_checks import by_gid, draw, flat, texts

import indicators
from indicators.data import periods
from indicators.plot import style as st


GDP, FAI = "chengdu.gdp.real_growth", "chengdu.fai.growth"


@pytest.fixture(scope="module")
def period(observations) -> str:
    """The latest period the real data hold a GDP growth target for (grows with the data)."""
    rows = observations[observations["series_id"].eq(GDP) & observations["kind"].eq("target")]
    return max(rows["period"].astype(str), key=periods.sort_key)


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"title": "{period}目标", "unit": "单位：%", "source": "资料来源：", "about": "{value}左右"}),
    ("en", {"title": "{period} targets", "unit": "Unit: per cent", "source": "Source: ", "about": "about {value}"}),
])
def test_targets_carry_title_unit_source_and_qualifier(observations, built_root, period, lang, words, width):
    ax = draw(indicators.targetplot, observations, period=period, lang=lang, root=built_root, width=width)
    assert flat(words["title"].format(period=periods.label(period, lang))) in flat(by_gid(ax, "title"))
    assert by_gid(ax, "unit") == words["unit"]
    gdp = observations[observations["series_id"].eq(GDP) & observations["kind"].eq("target")
                       & observations["period"].eq(period)].iloc[0]
    # the document that printed the GDP target is named on the source line
    title = pd.read_csv(built_root / "data/raw/sources.csv", dtype=str).set_index("source_id").at[
        str(gdp["source_id"]), "title_zh" if lang == "zh" else "title_en"]
    source = flat(by_gid(ax, "source"))
    assert flat(words["source"]) in source and flat(title) in source
    if gdp["qualifier"] == "about":
        assert words["about"].format(value=f"{gdp['value']:g}") in texts(ax)


def test_targets_of_other_units_are_listed_in_a_note_not_mixed_on_one_axis(observations, built_root, period):
    ax = draw(indicators.targetplot, observations, period=period, root=built_root)
    comp = indicators.targets_vs_outturns(observations, period=period, root=built_root)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    others = comp.groupby(["measure", "unit"], observed=True).ngroups > 1
    assert (len(shown) < len(comp)) == others
    if others:
        assert f"另有{len(comp) - len(shown)}项目标口径或单位不同，未列入" in flat(by_gid(ax, "source"))
    assert all(t.get_text() for t in ax.get_yticklabels())


def test_target_and_outturn_marks_follow_the_house_style(observations, built_root, period):
    data = _with_outturns(observations, period)
    ax = draw(indicators.targetplot, data, series=["chengdu.gdp.real_growth", "chengdu.fai.growth"],
              root=built_root)
    marks = {line.get_marker(): line for line in ax.get_lines() if line.get_marker() not in (None, "None", "")}
    assert marks["D"].get_markeredgecolor() == st.MARKS["target"]["markeredgecolor"]
    assert marks["D"].get_markerfacecolor() == "white"
    assert marks["o"].get_color() == st.MARKS["outturn"]["color"]


def test_met_and_not_met_honour_the_qualifier(observations, built_root, period):
    data = _with_outturns(observations, period)
    ax = draw(indicators.targetplot, data, series=["chengdu.gdp.real_growth", "chengdu.fai.growth"],
              lang="en", root=built_root)
    cells = texts(ax)
    # GDP 1 point below its target (more than the 0.5-point tolerance); fixed-asset investment 1 above
    assert "not met" in cells and "\nmet" in "\n" + cells
    assert f"{periods.label(period, 'en')} outturn" in cells


def test_an_unknown_period_is_rejected_with_the_choices(observations, built_root):
    with pytest.raises(ValueError, match=r"No targets for period '1999'; the data have targets for \["):
        indicators.targetplot(observations, period="1999", root=built_root)


def _with_outturns(observations: pd.DataFrame, period: str) -> pd.DataFrame:
    """The real data with made-up outturns for the GDP and fixed-asset investment targets of
    *period*: GDP 1 point below its target, investment 1 point above (any printed ones replaced)."""
    obs = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    ids = obs["series_id"].isin([GDP, FAI]) & obs["period"].eq(period)
    rows = obs[ids & obs["kind"].eq("target")].copy()
    rows["kind"], rows["qualifier"], rows["origin"] = "outturn", "exact", "printed"
    rows["value"] = rows["value"] + rows["series_id"].map({GDP: -1.0, FAI: 1.0})
    return pd.concat([obs[~(ids & obs["kind"].isin(["outturn", "estimate"]))], rows], ignore_index=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_and_the_comment_use_one_word_for_each_status(observations, built_root, period, lang):
    data = _with_outturns(observations, period)
    ids = ["chengdu.gdp.real_growth", "chengdu.fai.growth"]
    ax = draw(indicators.targetplot, data, series=ids, lang=lang, root=built_root)
    table = indicators.targets_vs_outturns(data, series=ids, period=period, root=built_root)
    words = {"zh": {"met": "达成", "not met": "未达成"}, "en": {"met": "met", "not met": "not met"}}[lang]
    cells = texts(ax).split("\n")
    for status, comment in zip(table["status"], table[f"comment_{lang}"]):
        assert words[status] in cells
        assert comment.lower().startswith(words[status].lower() + ("：" if lang == "zh" else ":"))


# --- the words of the chart, on a fixture project (tests/projects.py chart_project) -------------

#: every status word targetplot's result column may print, written out from labels.json
STATUS_WORDS = {"zh": {"达成", "容差内", "未达成", "无法判定", "口径不同", "暂无实际"},
                "en": {"met", "within tolerance", "not met", "undetermined", "not comparable", "no outturn yet"}}


def column(ax, header: str) -> list[str]:
    """The cells of the side-table column headed *header*."""
    head = next(t for t in ax.texts if t.get_text() == header)
    return [t.get_text() for t in ax.texts
            if t is not head and t.xycoords == ("axes fraction", "data") and t.xyann[0] == head.xyann[0]]


@pytest.mark.parametrize(("lang", "result"), [("zh", "结果"), ("en", "Result")])
def test_the_result_column_holds_only_the_status_of_the_target_year(chart_data, chart_root, lang, result):
    # 2025 targets, no 2025 outturn yet: one raised, one lowered, one unchanged against 2024
    ax = draw(indicators.targetplot, chart_data, series=["t.gdp.growth", "t.fai.growth", "t.retail.growth"],
              period="2025", lang=lang, root=chart_root)
    cells = column(ax, result)
    assert len(cells) == 3 and set(cells) <= STATUS_WORDS[lang], cells
    assert cells == [{"zh": "暂无实际", "en": "no outturn yet"}[lang]] * 3
    # last year's outturn keeps its own column, headed by its period
    assert column(ax, "2024年实际" if lang == "zh" else "2024 outturn") == ["6", "4", "3"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_target_charts_of_different_topics_have_different_titles_naming_each_topic(chart_data, chart_root, lang):
    topics = {"t.gdp.growth": {"zh": "经济总量与增长", "en": "Output and growth"},
              "t.fai.growth": {"zh": "投资", "en": "Investment"},
              "t.retail.growth": {"zh": "消费", "en": "Consumption"}}
    titles = {}
    for sid, name in topics.items():
        title = flat(by_gid(draw(indicators.targetplot, chart_data, series=[sid], lang=lang, root=chart_root), "title"))
        assert flat(name[lang]) in title and flat(periods.label("2025", lang)) in title
        titles[sid] = title
    assert len(set(titles.values())) == len(topics), titles


def test_a_trackgrid_of_several_topics_names_them(chart_data, chart_root):
    with indicators.style():
        fig = indicators.trackgrid(chart_data, series=["t.fai.growth", "t.retail.growth"], root=chart_root)
    title = flat(next(t.get_text() for t in fig.texts if t.get_text()))
    assert "投资" in title and "消费" in title and "主要指标" not in title


def test_save_target_charts_writes_the_targets_and_the_track_record(chart_data, chart_root, tmp_path):
    written = indicators.save_target_charts(chart_data, series=["t.gdp.growth", "t.fai.growth"], name="01-x",
                                            root=chart_root, out_dir=tmp_path)
    assert sorted(written) == ["01-x-targets", "01-x-track-record"]
    assert all(p.exists() for paths in written.values() for p in paths.values())


def test_a_legend_shows_no_outturn_dot_when_every_outturn_is_within_tolerance(observations, built_root, period):
    """Each outturn within tolerance is drawn in the within-tolerance colour, so the plain
    outturn dot must not be in the legend (it was, with nothing drawn for it)."""
    from chart_checks import check_legends

    obs = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    target = obs["series_id"].eq(GDP) & obs["period"].eq(period) & obs["kind"].eq("target")
    obs.loc[target, "qualifier"] = "about"  # a 0.5-point tolerance (data/raw/qualifiers.csv)
    outturn = obs[target].assign(kind="outturn", qualifier="exact", origin="printed")
    outturn["value"] = outturn["value"] - 0.3
    drop = obs["series_id"].eq(GDP) & obs["period"].eq(period) & obs["kind"].isin(["outturn", "estimate"])
    data = pd.concat([obs[~drop], outturn], ignore_index=True)
    ax = draw(indicators.targetplot, data, series=[GDP], lang="en", root=built_root)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [f"{periods.label(period, 'en')} target", "Within tolerance"]
    check_legends(ax.figure)


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2025年目标与2025年、2024年实际"),
                                                ("en", "2025 targets against 2025 and 2024 outturns")])
def test_a_title_names_both_years_when_the_chart_draws_outturns_of_both(chart_data, chart_root, lang, expected):
    # one 2025 target has its 2025 outturn; the other two are drawn against 2024's
    last = chart_data[chart_data["series_id"].eq("t.gdp.growth") & chart_data["period"].eq("2024")
                      & chart_data["kind"].eq("outturn")]
    data = pd.concat([chart_data, last.assign(period="2025", value=6.2)], ignore_index=True)
    ax = draw(indicators.targetplot, data, series=["t.gdp.growth", "t.fai.growth", "t.retail.growth"],
              period="2025", lang=lang, root=chart_root)
    assert flat(expected) in flat(by_gid(ax, "title"))
