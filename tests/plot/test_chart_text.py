"""Text on every chart: words and periods never break across lines, no text leaves the
figure, and the labels this package places never overlap (indicators/plot/style.wrap,
indicators/plot/labels.place).

The real-data tests draw every kind of chart the notebooks draw, with whatever periods the
data hold; the words that must stay whole come from the data and the registries (period
labels, the sources' dates, the joint-project categories), never from ``wrap`` itself.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure
from chart_checks import broken_words, draw, overlapping_texts, texts_outside
from fixtures import observation

import indicators
from indicators.data import periods
from indicators.data.registry import load_registries
from indicators.paths import project

SERVICES = ["china.services_trade.total", "china.services_trade.exports", "china.services_trade.imports"]
GDP = ["chengdu.gdp.real_growth", "chengdu.primary.real_growth", "chengdu.secondary.real_growth",
       "chengdu.tertiary.real_growth"]
COUNT = re.compile(r"sc_cq\.joint_projects\.(?!total)\w+\.count")


@pytest.fixture(scope="module")
def words(observations, built_root) -> list[str]:
    """Words no line may break: every period label of the data in both languages, each
    source's date, and the joint-project categories of the series registry (``…类``)."""
    regs = load_registries(project(built_root))
    found = {periods.label(p, lang) for p in observations["period"].astype(str).unique() for lang in ("zh", "en")}
    found |= set(regs["sources"]["date_published"].astype(str)) - {""}
    found |= {m.group(1) for name in regs["series"]["name_zh"].astype(str)
              if (m := re.match(r"([^、，]+类)项目", name))}
    return sorted(found)


def _latest_plan_year(data: pd.DataFrame, actual: list[str]) -> str | None:
    rows = data[data["series_id"].astype(str).isin(actual)]
    kinds = rows.groupby([rows["series_id"].astype(str), rows["period"].astype(str)], observed=True)["kind"]
    both = {key for key, k in kinds.agg(lambda k: set(k.astype(str))).items() if {"target", "outturn"} <= k}
    years = [p for p in set(rows["period"].astype(str)) if all((s, p) in both for s in actual)]
    return max(years, key=periods.sort_key) if years else None


def _charts(data: pd.DataFrame):
    """Every kind of chart the notebooks draw, on *data*: ``(name, helper, kwargs)``."""
    ids = set(data["series_id"].astype(str))
    counts = sorted(s for s in ids if COUNT.fullmatch(s))
    investment = [c.replace(".count", ".investment") for c in counts if c.replace(".count", ".investment") in ids]
    plan_year = _latest_plan_year(data, investment)
    yield "targets", indicators.targetplot, {}
    yield "track", indicators.trackgrid, {"series": [s for s in GDP if s in ids]}
    yield "levels", indicators.growthplot, {"series": SERVICES}
    yield "one series", indicators.growthplot, {"series": SERVICES[0]}
    yield "balance", indicators.balanceplot, {"exports": SERVICES[1], "imports": SERVICES[2]}
    yield "counts", indicators.growthplot, {"series": counts}
    if plan_year:
        yield "plan", indicators.planplot, {"actual": investment, "period": plan_year}
    yield "model", indicators.modelplot, {}


#: charts whose labels this package places itself (targets.py, target_model.py); the other
#: charts' value labels are checked by their own tests
PLACED = {"targets", "model"}


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_chart_of_the_real_data_breaks_a_word_or_leaves_the_figure(observations, built_root, words, lang, width):
    problems = {}
    for name, helper, kwargs in _charts(observations):
        ax = draw(helper, observations, lang=lang, root=built_root, width=width, **kwargs)
        fig = ax if isinstance(ax, Figure) else ax.figure
        found = {"broken": broken_words(fig, words), "outside": texts_outside(fig)}
        if name in PLACED:
            found["overlapping"] = overlapping_texts(fig)
        if any(found.values()):
            problems[name] = {k: v for k, v in found.items() if v}
        plt.close("all")
    assert problems == {}


CATEGORIES = {"infrastructure": "基础设施类", "industry": "现代产业类", "innovation": "科技创新类",
              "other": "文化旅游、生态环保、对外开放和公共服务类"}


def long_names() -> pd.DataFrame:
    """Four categories of long Chinese names, counted in a year-to-date period."""
    return pd.DataFrame([observation(f"t.{key}.count", "2022-01/2022-11", "outturn", value, "个",
                                     name_zh=f"{name}项目个数", name_en=f"{key.title()} projects, number",
                                     topic="joint_projects", source_id="S002")
                         for (key, name), value in zip(CATEGORIES.items(), [99, 117, 31, 53])])


@pytest.mark.parametrize("width", ["full", "half", 5.5])
def test_long_chinese_names_and_periods_break_between_words(built_root, width):
    ax = draw(indicators.growthplot, long_names(), series=[f"t.{k}.count" for k in CATEGORIES], root=built_root,
              title="成都市与重庆市规模以上工业增加值及基础设施类项目完成投资（2022年1-11月）", width=width)
    # words as a dictionary has them; a category wider than its tick slot may break after 基础设施,
    # and 文化旅游、 after 文化 (with its comma it is wider than the slot)
    whole = ["基础设施", "现代", "产业", "科技创新", "文化", "旅游", "对外开放", "公共服务",
             "规模以上", "工业", "增加值", "2022年1-11月", "2025-01-02", "成都日报", "四川省"]
    assert broken_words(ax.figure, whole) == []
    assert texts_outside(ax.figure) == []
