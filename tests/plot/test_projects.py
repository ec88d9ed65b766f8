"""indicators/plot_projects.py: plan against actual for the Sichuan–Chongqing joint projects."""
from __future__ import annotations


import pandas as pd
import pytest
from chart_checks import by_gid, draw, flat, texts
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
