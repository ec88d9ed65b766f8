"""indicators/plot_projects.py: plan against actual for the Sichuan–Chongqing joint projects."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
from chart_checks import by_gid, draw, flat, texts
from fixtures import observation

import indicators
from indicators.plot import layout as _chart
from indicators.paths import DEFAULT_ROOT

CATEGORIES = ["infrastructure", "industry", "innovation", "other"]
# the 2024 report gives completed investment and completion rate for four categories and the total
ACTUAL = [f"sc_cq.joint_projects.{c}.investment" for c in CATEGORIES] + ["sc_cq.joint_projects.investment"]
PLAN = [a.rsplit(".", 1)[0] + ".plan" for a in ACTUAL]


@pytest.fixture(scope="module")
def plan_root(tmp_path_factory):
    """The real data, built, with the plan rows derived as investment ÷ completion rate.

    Uses the plan series of data/raw when they exist; until then appends their series and
    derivation rows to a copy, so the chart is tested through the real pipeline either way.
    """
    root = tmp_path_factory.mktemp("plans")
    shutil.copytree(DEFAULT_ROOT / "data" / "raw", root / "data" / "raw")
    raw = root / "data" / "raw"
    series = pd.read_csv(raw / "series.csv", dtype=str, keep_default_na=False)
    missing = [p for p in PLAN if p not in set(series["series_id"])]
    for p, a in zip(PLAN, ACTUAL):
        if p not in missing:
            continue
        row = series[series["series_id"].eq(a)].iloc[0]
        with open(raw / "series.csv", "a", encoding="utf-8") as fh:
            name_en = row.name_en.replace("completed investment", "planned investment")
            fh.write(f'{p},{row.topic},{row.geo},level,{row.name_zh.replace("完成投资", "年度计划投资")},"{name_en}",\n')
        rate = a.rsplit(".", 1)[0] + ".completion_rate"
        with open(raw / "derivations.csv", "a", encoding="utf-8") as fh:
            fh.write(f"{p},2024,divide_by_pct,{a}@2024; {rate}@2024,亿元,0,test fixture\n")
    indicators.build(root)
    return root


@pytest.fixture(scope="module")
def plan_data(plan_root):
    return indicators.load(plan_root)


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize(("lang", "words"), [
    ("zh", {"total": "合计", "plan": "计划（推算）", "unit": "单位：亿元", "derived": "推算值", "source": "资料来源：成都日报：川渝共建重点项目"}),
    ("en", {"total": "Total", "plan": "Plan (derived)", "unit": "Unit: 100 million yuan", "derived": "derived values",
            "source": "Source: Chengdu Daily page on the 2024 Sichuan–Chongqing joint key projects"}),
])
def test_joint_projects_plan_against_actual_with_printed_completion_rates(plan_data, plan_root, lang, words, width):
    ax = draw(indicators.planplot, plan_data, actual=ACTUAL, lang=lang, root=plan_root, width=width)
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
    plans = plan_data[plan_data["series_id"].astype(str).isin(PLAN)]
    assert set(plans["source_id"].astype(str)) == {""}
    assert _chart.source_ids(plans, plan_data) == ["S002"]


def test_small_tidy_frame_without_rates_computes_and_says_so(built_root):
    frame = pd.DataFrame([
        _row("a.x.investment", "outturn", 120, "S002"), _row("a.x.plan", "target", 100, "S002"),
        _row("a.y.investment", "outturn", 45, "S002"), _row("a.y.plan", "target", 50, "S002"),
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
