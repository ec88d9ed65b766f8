"""A made-up next report, added to a copy of the project: what happens every year.

The document is written for the tests, in its own wording. It gives outturns for three of the
latest growth targets (one reached, one within the tolerance of an "about" target, one
missed), next year's targets, a restated figure with a revised value, and a printed annual
plan with its completed investment for another year of the joint projects. Everything is
computed from the copy's own data (the latest target period), so the module keeps working
as the real data grow.
"""
from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.data import periods
from indicators.paths import CHECKOUT_ROOT

GDP, FAI, RETAIL = "chengdu.gdp.real_growth", "chengdu.fai.growth", "chengdu.retail_sales.growth"
PLAN = "sc_cq.joint_projects.investment"
SOURCE_ID = "S_NEXT"  # with the year of the report: a copy may already hold an earlier made-up one


@dataclass(frozen=True)
class NextYear:
    root: Path
    #: the made-up report's id in sources.csv
    source_id: str
    #: the target period the new document reports outturns for, and the one it sets targets for
    period: str
    next_period: str
    #: expected status of each series' outturn against its target
    statuses: dict[str, str]
    #: the restated figure: (series, period), its old and new values
    revised: tuple[str, str]
    old_value: float
    new_value: float
    #: the joint-projects year with a printed plan
    plan_period: str


def _targets(raw: Path) -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted((raw / "curated").glob("*.csv"))]
    rows = pd.concat(frames, ignore_index=True)
    return rows[rows["kind"].eq("target")]


def add_next_year(root: Path, *, copy_from: Path = CHECKOUT_ROOT) -> NextYear:
    """Copy the project at *copy_from* to *root* (data, notebooks, README) and add the next report."""
    for part in ("data/raw", "notebooks"):
        shutil.copytree(copy_from / part, root / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    shutil.copy(copy_from / "README.md", root / "README.md")
    raw = root / "data" / "raw"
    targets = _targets(raw)
    gdp = targets[targets["series_id"].eq(GDP)]
    period = max(gdp["period"], key=periods.year)
    year, nxt = periods.year(period), periods.shift_years(period, 1)
    value = {s: float(targets[targets["series_id"].eq(s) & targets["period"].eq(period)]["value"].iloc[0])
             for s in (GDP, FAI, RETAIL)}
    # GDP "about" target missed by 0.3 pp (inside the 0.5 pp tolerance); FAI beaten; retail missed
    out = {GDP: round(value[GDP] - 0.3, 1), FAI: round(value[FAI] + 0.5, 1), RETAIL: round(value[RETAIL] - 1.8, 1)}
    previous = periods.previous(period)
    old = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in (raw / "curated").glob("*.csv")])
    old = old[old["series_id"].eq(FAI) & old["period"].eq(previous) & old["kind"].eq("outturn")]
    old_value = float(old["value"].iloc[0])
    new_value = round(old_value + 0.3, 1)
    # a joint-projects year the data do not cover yet, so the new totals stand alone
    plans = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in (raw / "curated").glob("*.csv")])
    plan_years = [periods.year(p) for p in plans.loc[plans["series_id"].eq(PLAN), "period"]]
    plan_year = str(min(plan_years, default=year) - 1)
    text = "\n".join([
        f"{year + 1}年成都市政府工作报告（测试用虚构文本）",
        f"{year}年，全市地区生产总值增长{out[GDP]:g}%，全社会固定资产投资增长{out[FAI]:g}%，"
        f"社会消费品零售总额增长{out[RETAIL]:g}%。",
        f"经统计部门最终核实，{previous}年全社会固定资产投资增长{new_value:g}%。",
        f"{plan_year}年，川渝共建重点项目年度计划投资4000亿元，全年完成投资4300亿元。",
        f"{nxt}年主要预期目标：地区生产总值增长6%左右，全社会固定资产投资增长5%，社会消费品零售总额增长6%。",
    ]) + "\n"
    source_id, file = f"{SOURCE_ID}{year + 1}", f"sources/next_report_{year + 1}.txt"
    (raw / file).write_text(text, encoding="utf-8")
    with open(raw / "sources.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([
            source_id, file, f"{year + 1}年成都市政府工作报告（测试）",
            f"{year + 1} Chengdu Government Work Report (test)", "测试", f"{year + 1}-02-01", f"{year}/{nxt}",
            "written for the tests"])
    rows = [
        (GDP, period, "outturn", out[GDP], "%", "exact", f"地区生产总值增长{out[GDP]:g}%"),
        (FAI, period, "outturn", out[FAI], "%", "exact", f"全社会固定资产投资增长{out[FAI]:g}%"),
        (RETAIL, period, "outturn", out[RETAIL], "%", "exact", f"社会消费品零售总额增长{out[RETAIL]:g}%"),
        (FAI, previous, "outturn", new_value, "%", "exact", f"{previous}年全社会固定资产投资增长{new_value:g}%"),
        (PLAN, plan_year, "target", 4000, "亿元", "exact", f"{plan_year}年，川渝共建重点项目年度计划投资4000亿元"),
        (PLAN, plan_year, "outturn", 4300, "亿元", "exact",
         f"{plan_year}年，川渝共建重点项目年度计划投资4000亿元，全年完成投资4300亿元"),
        (GDP, nxt, "target", 6, "%", "about", "地区生产总值增长6%左右"),
        (FAI, nxt, "target", 5, "%", "exact", "全社会固定资产投资增长5%"),
        (RETAIL, nxt, "target", 6, "%", "exact", "社会消费品零售总额增长6%"),
    ]
    with open(raw / "curated" / f"report_next_{year + 1}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote",
                    "also_source_ids", "note"])
        w.writerows([[s, p, k, f"{v:g}", u, q, source_id, quote, "", ""] for s, p, k, v, u, q, quote in rows])
    return NextYear(root=root, source_id=source_id, period=period, next_period=nxt,
                    statuses={GDP: "within tolerance", FAI: "met", RETAIL: "not met"},
                    revised=(FAI, previous), old_value=old_value, new_value=new_value, plan_period=plan_year)
