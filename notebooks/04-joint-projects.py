# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %% [markdown]
# # 04 · 川渝共建重点项目：计划与完成 / Sichuan–Chongqing joint key projects: plan and completion
#
# 成渝地区双城经济圈的川渝共建重点项目每年公布完成投资和年度投资完成率，分为四类项目。年度计划投资若已公布，
# 即为目标；未公布时由“完成投资÷完成率”推算（推算的目标，斜线填充）。本笔记本对每个有数据的年份画出计划与完成，
# 并列出历年的计划、完成投资和完成率。
#
# Each year the joint key projects of the Chengdu–Chongqing economic circle report completed investment and
# the completion rate of the annual plan, in four categories. A printed annual plan is the target; where none
# is printed it is derived as completed investment ÷ completion rate (a derived target, hatched). This notebook
# charts plan against completion for every year that has them, and lists plan, completed investment and
# completion rate over the years.
#
# 资料来源见每张图的来源行 / Each chart's source line names its documents.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import pandas as pd

import indicators
from indicators.report.pages import present
from indicators.data import periods

obs = indicators.load()
categories = ["infrastructure", "industry", "innovation", "other"]
total = "sc_cq.joint_projects.investment"
actual = [f"sc_cq.joint_projects.{c}.investment" for c in categories] + [total]
projects = obs[obs["topic"].eq("joint_projects")]
invest = projects[projects["series_id"].eq(total)]
years = sorted(set(invest.loc[invest["kind"].eq("target"), "period"]) & set(invest.loc[invest["kind"].eq("outturn"), "period"]),
               key=periods.year)

# %% [markdown]
# 历年计划、完成投资与完成率 / Plan, completed investment and completion rate over the years

# %%
def figure(series_id, kind):
    rows = projects[projects["series_id"].eq(series_id) & projects["kind"].eq(kind)]
    return rows.set_index("period")["value"]


record = pd.DataFrame({
    "plan": figure(total, "target"),
    "plan_origin": projects[projects["series_id"].eq(total) & projects["kind"].eq("target")].set_index("period")["origin"],
    "completed": figure(total, "outturn"),
    "completion_rate_pct": figure("sc_cq.joint_projects.completion_rate", "outturn"),
}).rename_axis("period").reset_index().assign(unit=invest["unit"].astype(str).iloc[0])
present(record, lang=lang)

# %%
def with_plan_and_outturn(year):
    """The series of *actual* that have both a plan (target) and an outturn in *year*."""
    rows = projects[projects["period"].eq(year)]
    kinds = rows.groupby(rows["series_id"].astype(str), observed=True)["kind"].agg(lambda k: set(k.astype(str)))
    return [s for s in actual if {"target", "outturn"} <= kinds.get(s, set())]


for year in years:
    with indicators.style():
        ax = indicators.planplot(obs, actual=with_plan_and_outturn(year), period=year, lang=lang)
        indicators.save_figure(ax.figure, f"04-joint-projects-plan-vs-actual-{year}", out_dir=output_dir)

# %% [markdown]
# 推算的分类计划之和与推算的总计划之差（完成率只公布到整数百分比，故有舍入误差；`data/raw/identities.csv` 检查其在容差内）。
#
# The derived category plans against the derived total plan: completion rates are printed as whole
# percentages, so they differ by rounding (`data/raw/identities.csv` checks it stays within tolerance).

# %%
plans = projects[projects["kind"].eq("target") & projects["series_id"].isin(actual)]
plans = plans.pivot_table(index="period", columns="series_id", values="value", observed=True)
categories_plans = plans.drop(columns=total)
# only the years with a plan for every category: a year with none (or some) has no sum to compare
check = pd.DataFrame({"categories_plan": categories_plans.sum(axis=1, min_count=categories_plans.shape[1]),
                      "total_plan": plans[total]}).dropna(subset=["categories_plan"])
check = check.assign(categories_less_total=check["categories_plan"] - check["total_plan"],
                     unit=invest["unit"].astype(str).iloc[0])
present(check.rename_axis("period").reset_index(), lang=lang)

# %% [markdown]
# 项目个数 / Number of projects

# %%
counts = [f"sc_cq.joint_projects.{c}.count" for c in categories]
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series=counts, period=years[-1] if years else None, lang=lang)
    indicators.save_figure(ax.figure, "04-joint-projects-counts", out_dir=output_dir)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“表格 04-joint-projects”表）/ The table goes to the Excel workbook (sheet "表格 04-joint-projects" of `reports/indicators.xlsx`).

# %%
indicators.save_table(record, "04-joint-projects", out_dir=output_dir);
