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
# # 04 · 川渝共建重点项目：2024年完成投资与计划 / Sichuan–Chongqing joint key projects, 2024: completed against plan
#
# 2024年，300个川渝共建重点项目全年完成投资5200亿元，年度投资完成率122%。四类项目各自公布了完成投资与完成率；
# 年度计划投资并未公布，由“完成投资÷完成率”推算（推算值）。
#
# In 2024 the 300 joint key projects of the Chengdu–Chongqing economic circle completed 520 billion yuan of
# investment, 122% of the annual plan. Each of the four categories reports its completed investment and
# completion rate; the annual plan is not printed and is derived as completed investment ÷ completion rate.
#
# 资料来源 / Source: S002 (成都日报，2025年1月 / Chengdu Daily, January 2025; data from the Sichuan Development and Reform Commission).

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import indicators

obs = indicators.load()
categories = ["infrastructure", "industry", "innovation", "other"]
actual = [f"sc_cq.joint_projects.{c}.investment" for c in categories] + ["sc_cq.joint_projects.investment"]
projects = obs[obs["topic"].eq("joint_projects")]
projects[["series_id", "name_zh", "kind", "value", "unit", "qualifier"]].sort_values("series_id")

# %%
with indicators.style():
    ax = indicators.planplot(obs, actual=actual, period="2024", lang=lang)
    indicators.save_figure(ax.figure, "04-joint-projects-plan-vs-actual", out_dir=output_dir)

# %% [markdown]
# 推算的分类计划之和与推算的总计划相差在四舍五入范围内（完成率只公布到整数百分比）。
#
# The derived category plans add up to the derived total plan within rounding (completion rates are printed
# as whole percentages).

# %%
plans = projects[projects["series_id"].astype(str).str.endswith(".plan")].set_index("series_id")["value"]
plans, plans.drop("sc_cq.joint_projects.plan").sum() - plans["sc_cq.joint_projects.plan"]

# %% [markdown]
# 项目个数 / Number of projects

# %%
counts = [f"sc_cq.joint_projects.{c}.count" for c in categories]
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series=counts, period="2024", lang=lang)
    indicators.save_figure(ax.figure, "04-joint-projects-counts", out_dir=output_dir)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“04-joint-projects”表）/ The table goes to the Excel workbook (sheet "04-joint-projects" of `reports/indicators.xlsx`).

# %%
indicators.save_table(projects, "04-joint-projects", out_dir=output_dir)
