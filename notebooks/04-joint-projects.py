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
import indicators
from indicators.report.pages import present
from indicators.data import periods

obs = indicators.load()
categories = ["infrastructure", "industry", "innovation", "other"]
total = "sc_cq.joint_projects.investment"
actual = [f"sc_cq.joint_projects.{c}.investment" for c in categories] + [total]
# the years with a plan and a completed amount of the total
years = [p for p in sorted(set(obs.loc[obs["series_id"].eq(total), "period"]), key=periods.sort_key)
         if indicators.planned_series(obs, [total], p)]

# %% [markdown]
# 历年计划、完成投资与完成率 / Plan, completed investment and completion rate over the years

# %%
record = indicators.plan_record(obs, total, rate="sc_cq.joint_projects.completion_rate")
present(record, lang=lang)

# %%
for year in years:
    with indicators.style():
        ax = indicators.planplot(obs, actual=indicators.planned_series(obs, actual, year), period=year, lang=lang)
        indicators.save_figure(ax.figure, f"04-joint-projects-plan-vs-actual-{year}", out_dir=output_dir)

# %% [markdown]
# 推算的分类计划之和与推算的总计划之差（完成率只公布到整数百分比，故有舍入误差；`data/raw/identities.csv` 检查其在容差内）。
#
# The derived category plans against the derived total plan: completion rates are printed as whole
# percentages, so they differ by rounding (`data/raw/identities.csv` checks it stays within tolerance).

# %%
present(indicators.category_plans(obs, actual[:-1], total), lang=lang)

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
