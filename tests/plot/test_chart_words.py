"""indicators/plot/layout.py: the words every chart carries (derived note, place), on a fixture project."""
from __future__ import annotations

import re

import pytest
from chart_checks import by_gid, draw, flat

import indicators

PLANS = {"actual": ["t.projects.investment"], "period": "2024"}
EXPORTS = {"series": "t.cn.exports", "period": ["2023", "2024"]}
#: what the derived note calls each mark, written out
MARKS = {"zh": {"bar": "斜线填充的柱", "dot": "半填充的点"}, "en": {"bar": "hatched bars", "dot": "half-filled dots"}}


@pytest.fixture
def root(chart_root):
    """The fixture project of tests/plot/conftest.py, built."""
    return chart_root


@pytest.fixture
def data(chart_data):
    return chart_data


def note(ax, lang: str) -> str:
    """The derived note of *ax*, on one line (the text above the source line)."""
    joined = by_gid(ax, "source").replace("\n", " " if lang == "en" else "")
    found = joined.split({"zh": "资料来源：", "en": "Source: "}[lang])[0].strip()
    assert found.startswith({"zh": "注：", "en": "Note: "}[lang]), found
    return found


def sides(text: str) -> list[str]:
    """The terms of the formula in a note: the left side, then each input."""
    formula = text.split("（非原文数字）：" if "（非原文数字）：" in text else "(not printed in the source): ", 1)[1]
    formula = re.sub(r"(等。|, etc\.|。|\.)$", "", formula.strip())
    left, right = formula.split("=", 1)
    terms = [t.strip() for t in re.split(r"\s*[÷×−+]\s*", right) if t.strip() != "(1"]
    # the closing bracket of "÷ (1 + b)" belongs to the formula, not to b
    return [left.strip()] + [t[:-1] if t.count(")") > t.count("(") else t for t in terms]


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"target": "2024年共建项目投资（目标）", "outturn": "2024年共建项目投资（实际）",
            "rate": "2024年共建项目年度投资完成率（实际）"}),
    ("en", {"target": "Joint projects investment (2024 target)", "outturn": "Joint projects investment (2024 outturn)",
            "rate": "Joint projects completion rate (2024 outturn)"}),
])
def test_a_derived_plan_is_named_by_its_kind_and_period_on_each_side(data, root, lang, words):
    ax = draw(indicators.planplot, data, **PLANS, lang=lang, root=root)
    text = note(ax, lang)
    compact = flat(text)
    assert flat(f"{words['target']} = {words['outturn']} ÷ {words['rate']}") in compact
    terms = sides(text)
    assert len(terms) == 3 and len(set(map(flat, terms))) == 3, terms  # never the same phrase on both sides


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_derived_year_earlier_level_is_named_by_its_period_not_by_the_same_name(data, root, lang):
    ax = draw(indicators.growthplot, data, **EXPORTS, lang=lang, root=root)
    text = note(ax, lang)
    expected = {"zh": "2023年服务出口 = 2024年服务出口 ÷ (1 + 2024年服务出口同比增长)",
                "en": "Services exports (2023) = Services exports (2024) ÷ (1 + Services exports growth (2024))"}[lang]
    assert flat(expected) in flat(text)
    terms = sides(text)
    assert len(terms) == 3 and terms[0] not in terms[1:], terms


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("chart", "kwargs", "drawn"), [
    ("planplot", PLANS, "bar"),       # the derived plan is a hatched bar
    ("growthplot", EXPORTS, "bar"),   # the derived level is a hatched bar; the growth is printed
    ("trackplot", {"series": "t.cn.exports"}, "dot"),  # a derived outturn is a half-filled dot
])
def test_the_derived_note_names_only_the_marks_the_chart_drew(data, root, lang, chart, kwargs, drawn):
    ax = draw(getattr(indicators, chart), data, **kwargs, lang=lang, root=root)
    text = note(ax, lang)
    other = "dot" if drawn == "bar" else "bar"
    assert MARKS[lang][drawn] in text and MARKS[lang][other] not in text, text


def test_a_chart_without_derived_values_has_no_derived_note(data, root):
    ax = draw(indicators.growthplot, data, series="t.cn.exports", period="2024", root=root)
    assert "推算值" not in flat(by_gid(ax, "source"))


@pytest.mark.parametrize(("lang", "national", "city"), [("zh", "全国", "成都市"), ("en", "China", "Chengdu")])
def test_titles_name_the_place_of_the_series_from_the_geo_registry(data, root, lang, national, city):
    trade = by_gid(draw(indicators.growthplot, data, **EXPORTS, lang=lang, root=root), "title")
    growth = by_gid(draw(indicators.targetplot, data, series=["t.gdp.growth"], lang=lang, root=root), "title")
    assert national in trade and city not in trade
    assert city in growth and national not in growth
