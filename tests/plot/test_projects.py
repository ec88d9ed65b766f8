"""indicators/plot_projects.py: plan against actual for the Sichuan–Chongqing joint projects."""
from __future__ import annotations


import pandas as pd
import pytest
from chart_checks import by_gid, check_legends, draw, flat, texts
from fixtures import observation

import indicators
from indicators.plot import layout as _chart

CATEGORIES = ["infrastructure", "industry", "innovation", "other"]
# the 2024 report gives completed investment and completion rate for four categories and the total
ACTUAL = [f"sc_cq.joint_projects.{c}.investment" for c in CATEGORIES] + ["sc_cq.joint_projects.investment"]


@pytest.fixture(scope="module")
def plan_data(observations):
    """The real data: plans are targets of the investment series, derived as investment ÷ completion rate."""
    return observations


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"total": "合计", "plan": "计划（推算）", "unit": "单位：亿元", "derived": "推算值", "source": "资料来源：成都日报：川渝共建重点项目"}),
    ("en", {"total": "Total", "plan": "Plan (derived)", "unit": "Unit: 100 million yuan", "derived": "derived values",
            "source": "Source: Chengdu Daily page on the 2024 Sichuan–Chongqing joint key projects"}),
])
def test_joint_projects_plan_against_actual_with_printed_completion_rates(plan_data, built_root, lang, words, width):
    ax = draw(indicators.planplot, plan_data, actual=ACTUAL, lang=lang, root=built_root, width=width)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5 and labels[-1] == words["total"]
    shown = texts(ax)
    for rate in ("122%", "123%", "129%", "117%"):
        assert rate in shown
    assert words["plan"] in shown and by_gid(ax, "unit") == words["unit"]
    assert flat(words["derived"]) in flat(by_gid(ax, "source"))
    assert flat(words["source"]) in flat(by_gid(ax, "source"))
    plan_bars = [p for p in ax.patches if p.get_hatch()]
    assert len(plan_bars) == 5  # every plan is derived, so every plan bar is hatched


def test_derived_plans_are_traced_to_the_document_of_their_inputs(plan_data):
    plans = plan_data[plan_data["series_id"].astype(str).isin(ACTUAL) & plan_data["kind"].astype(str).eq("target")
                      & plan_data["origin"].astype(str).eq("derived")]
    assert len(plans) > 0 and set(plans["source_id"].astype(str)) == {""}
    # a derived plan is traced to the documents of the investment and completion rate it came from
    inputs = plan_data[plan_data["series_id"].astype(str).isin(ACTUAL) & plan_data["kind"].astype(str).eq("outturn")
                       & plan_data["period"].isin(plans["period"])]
    assert set(_chart.source_ids(plans, plan_data)) <= set(inputs["source_id"].astype(str)) | set(
        plan_data.loc[plan_data["series_id"].astype(str).str.endswith("completion_rate"), "source_id"].astype(str))
    assert _chart.source_ids(plans, plan_data)


def test_small_tidy_frame_without_rates_computes_and_says_so(built_root):
    frame = pd.DataFrame([
        _row("a.x.investment", "outturn", 120, "S002"), _row("a.x.investment", "target", 100, "S002"),
        _row("a.y.investment", "outturn", 45, "S002"), _row("a.y.investment", "target", 50, "S002"),
    ])
    ax = draw(indicators.planplot, frame, actual=["a.x.investment", "a.y.investment"], root=built_root)
    assert "120%" in texts(ax) and "90%" in texts(ax)
    assert "完成率 = 实际 ÷ 计划" in by_gid(ax, "source")
    assert not any(p.get_hatch() for p in ax.patches)  # printed plans are not hatched


def test_missing_plan_rows_say_where_to_add_them(observations, built_root):
    with pytest.raises(ValueError, match=r"derivations\.csv"):
        indicators.planplot(observations, actual=["sc_cq.joint_projects.infrastructure.investment"],
                                  plan=["no.such.plan"], root=built_root)


def _row(series_id, kind, value, source):
    part = series_id.split(".")[1]
    return observation(series_id, "2024", kind, value, "亿元", topic="joint_projects", geo="SC_CQ",
                       name_zh=part + "类项目完成投资", name_en=part + " projects, completed investment",
                       source_id=source)


# -- a fixture project: two categories and their total, over three years -----------------------------------

PARTS = ["t.proj.x.investment", "t.proj.y.investment"]
TOTAL = "t.proj.investment"
#: year: (甲类 actual, plan, 乙类 actual, plan, total actual, plan); plans printed, except 2025's (rates)
PRINTED = {"2023": (70, 60, 45, 40, 115, 100),   # the plans add up: 60 + 40 = 100
           "2024": (70, 60, 35, 30, 105, 100)}   # they do not: 60 + 30 = 90 against 100
#: 2025: completed investment and completion rates (%) only; the plans are derived as actual ÷ rate
#: (甲类 33 ÷ 110% = 30, 乙类 22 ÷ 110% = 20, total 55 ÷ 105% = 52.38, stored to whole 亿元 as 52)
RATED = {"t.proj.x": (33, 110), "t.proj.y": (22, 110), "t.proj": (55, 105)}


def _plan_document() -> str:
    lines = [f"{y}年甲类项目完成投资{a}亿元，计划{p}亿元；乙类项目完成投资{b}亿元，计划{q}亿元；合计完成{t}亿元，计划{u}亿元"
             for y, (a, p, b, q, t, u) in PRINTED.items()]
    lines.append("2025年甲类项目完成投资33亿元，完成率110%；乙类项目完成投资22亿元，完成率110%；合计完成55亿元，完成率105%")
    return "。".join(lines) + "。"


@pytest.fixture(scope="module")
def plan_project(tmp_path_factory):
    """(project root, observations) of the fixture above."""
    from projects import make_project, row

    names = {"t.proj.x": "甲类项目", "t.proj.y": "乙类项目", "t.proj": "共建项目"}
    series = [dict(series_id=f"{k}.{m}", topic="joint_projects", geo="SC_CQ", measure=measure,
                   name_zh=n + word, name_en=f"{k} {m}")
              for k, n in names.items() for m, measure, word in (("investment", "level", "完成投资"),
                                                                 ("completion_rate", "share_pct", "完成率"))]
    sentences = _plan_document().split("。")
    rows = []
    for (year, values), quote in zip(PRINTED.items(), sentences):
        for sid, (actual, plan) in zip(PARTS + [TOTAL], zip(values[::2], values[1::2])):
            rows += [row(sid, year, "outturn", actual, "S1", quote, unit="亿元"),
                     row(sid, year, "target", plan, "S1", quote, unit="亿元")]
    for key, (actual, rate) in RATED.items():
        rows += [row(f"{key}.investment", "2025", "outturn", actual, "S1", sentences[2], unit="亿元"),
                 row(f"{key}.completion_rate", "2025", "outturn", rate, "S1", sentences[2])]
    derivations = [dict(series_id=f"{k}.investment", period="2025", kind="target", operation="divide_by_pct",
                        inputs=f"{k}.investment@2025; {k}.completion_rate@2025", unit="亿元", decimals="0")
                   for k in RATED]
    identities = [dict(identity=f"plan_{y}", period=y, kind="target", lhs=TOTAL, rhs=" + ".join(PARTS), tolerance=10,
                       unit="亿元") for y in ("2023", "2024", "2025")]
    root = make_project(tmp_path_factory.mktemp("plans"), documents={"S1": (_plan_document(), "2026-01-02", "2025")},
                        series=series, curated={"projects": rows}, derivations=derivations, identities=identities)
    indicators.build(root)
    return root, indicators.load(root)


@pytest.mark.parametrize(("period", "lang", "note"), [
    ("2024", "zh", "注：各类计划合计90亿元，与总计划100亿元相差10亿元（原文数字如此）。"),
    ("2024", "en", "Note: the categories' plans add up to 90 and the total plan is 100, a difference of 10 "
                   "(100 million yuan; as printed in the source)."),
    ("2025", "zh", "注：各类计划合计50亿元，与总计划52亿元相差2亿元（推算值，所依据的原文数字经过四舍五入）。"),
], ids=["printed-zh", "printed-en", "derived-zh"])
def test_categories_that_do_not_add_up_to_the_total_are_footnoted_with_both_sums(plan_project, period, lang, note):
    root, data = plan_project
    ax = draw(indicators.planplot, data, actual=PARTS + [TOTAL], period=period, lang=lang, root=root)
    assert flat(note) in flat(by_gid(ax, "source"))


def test_categories_that_add_up_to_the_total_get_no_such_note(plan_project):
    root, data = plan_project
    ax = draw(indicators.planplot, data, actual=PARTS + [TOTAL], period="2023", root=root)
    assert "各类" not in by_gid(ax, "source")  # 60 + 40 = 100, and the actual 70 + 45 = 115
    check_legends(ax.figure)


def test_without_a_total_there_is_nothing_to_add_up(plan_project):
    root, data = plan_project
    ax = draw(indicators.planplot, data, actual=PARTS, period="2024", root=root)
    assert "各类" not in by_gid(ax, "source")
