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
