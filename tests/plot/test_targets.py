"""indicators/plot_targets.py: targets against outturns, with the real data, in both languages."""
from __future__ import annotations

import pandas as pd
import pytest
from chart_checks import by_gid, draw, flat, texts

import indicators
from indicators.plot import style as st


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"title": "2024年主要目标", "unit": "单位：%", "source": "资料来源：", "doc": "2024年成都市政府工作报告",
            "about": "6左右", "raised": "高于上年"}),
    ("en", {"title": "2024 targets", "unit": "Unit: per cent", "source": "Source: ",
            "doc": "Chengdu Government Work Report", "about": "about 6", "raised": "above previous"}),
])
def test_2024_targets_against_2023_outturns_carry_title_unit_source_and_qualifier(observations, built_root,
                                                                                   lang, words, width):
    ax = draw(indicators.targetplot, observations, period="2024", lang=lang, root=built_root, width=width)
    assert words["title"] in by_gid(ax, "title")
    assert by_gid(ax, "unit") == words["unit"]
    source = flat(by_gid(ax, "source"))
    assert flat(words["source"]) in source and flat(words["doc"]) in source
    assert words["about"] in texts(ax)  # GDP: 增长6%左右
    if width == "full":  # the narrow layout leaves the comparison to the dots
        assert words["raised"] in texts(ax)  # fixed-asset investment: 6.5 against 2 in 2023


def test_targets_of_other_units_are_listed_in_a_note_not_mixed_on_one_axis(observations, built_root):
    ax = draw(indicators.targetplot, observations, period="2024", root=built_root)
    comp = indicators.targets_vs_outturns(observations, period="2024", root=built_root)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert len(shown) < len(comp)
    assert f"另有{len(comp) - len(shown)}项目标口径或单位不同，未列入" in flat(by_gid(ax, "source"))
    assert all(t.get_text() for t in ax.get_yticklabels())


def test_target_and_outturn_marks_follow_the_house_style(observations, built_root):
    data = _with_2024_outturns(observations)
    ax = draw(indicators.targetplot, data, series=["chengdu.gdp.real_growth", "chengdu.fai.growth"],
              root=built_root)
    marks = {line.get_marker(): line for line in ax.get_lines() if line.get_marker() not in (None, "None", "")}
    assert marks["D"].get_markeredgecolor() == st.MARKS["target"]["markeredgecolor"]
    assert marks["D"].get_markerfacecolor() == "white"
    assert marks["o"].get_color() == st.MARKS["outturn"]["color"]


def test_met_and_not_met_honour_the_qualifier(observations, built_root):
    data = _with_2024_outturns(observations)
    ax = draw(indicators.targetplot, data, series=["chengdu.gdp.real_growth", "chengdu.fai.growth"],
              lang="en", root=built_root)
    cells = texts(ax)
    # GDP target "about 6": 5.2 is more than 0.5 points short; fixed-asset investment 7 >= 6.5
    assert "not met" in cells and "\nmet" in "\n" + cells
    assert "2024 outturn" in cells


def test_an_unknown_period_is_rejected_with_the_choices(observations, built_root):
    with pytest.raises(ValueError, match=r"No targets for period '1999'; the data have targets for \["):
        indicators.targetplot(observations, period="1999", root=built_root)


def _with_2024_outturns(observations: pd.DataFrame) -> pd.DataFrame:
    """The real data plus two made-up 2024 outturns (GDP 5.2 %, fixed-asset investment 7 %)."""
    obs = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    rows = obs[obs["series_id"].isin(["chengdu.gdp.real_growth", "chengdu.fai.growth"])
               & obs["kind"].eq("target")].copy()
    rows["kind"], rows["qualifier"] = "outturn", "exact"
    rows["value"] = rows["series_id"].map({"chengdu.gdp.real_growth": 5.2, "chengdu.fai.growth": 7.0})
    return pd.concat([obs, rows], ignore_index=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_and_the_comment_use_one_word_for_each_status(observations, built_root, lang):
    data = _with_2024_outturns(observations)
    ids = ["chengdu.gdp.real_growth", "chengdu.fai.growth"]
    ax = draw(indicators.targetplot, data, series=ids, lang=lang, root=built_root)
    table = indicators.targets_vs_outturns(data, series=ids, period="2024", root=built_root)
    words = {"zh": {"met": "达成", "not met": "未达成"}, "en": {"met": "met", "not met": "not met"}}[lang]
    cells = texts(ax).split("\n")
    for status, comment in zip(table["status"], table[f"comment_{lang}"]):
        assert words[status] in cells
        assert comment.lower().startswith(words[status].lower() + ("：" if lang == "zh" else ":"))
