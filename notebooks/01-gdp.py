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
# # 01 · 成都经济增长：目标与实际 / Chengdu growth: targets against outturns
#
# 成都市政府工作报告每年提出地区生产总值和第一、二、三产业增加值的增长目标。本笔记本把所选年份的目标与
# 当年实际（尚无实际时与上年实际）并列，并画出历年的目标与实际。年份由参数 `period` 选定，默认为已有实际数的
# 最近目标年份。
#
# Each year the Chengdu Government Work Report sets growth targets for GDP and the primary, secondary and
# tertiary sectors. This notebook sets the chosen year's targets against that year's outturns (or, while none
# exists, the previous year's) and draws the track record of targets and outturns over the years. The year is
# the parameter `period`; by default the latest target year that has outturns.
#
# 资料来源见每张图的来源行 / Each chart's source line names its documents.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/
period = None      # target period, e.g. the year of a report's targets; None: the latest with outturns

# %%
# %matplotlib inline
from IPython.display import Markdown

import indicators
from indicators.report.pages import present

obs = indicators.load()
period = indicators.choose_period(obs, period)
growth = ["chengdu.gdp.real_growth", "chengdu.primary.real_growth",
          "chengdu.secondary.real_growth", "chengdu.tertiary.real_growth"]
table = indicators.targets_vs_outturns(obs, series=growth, period=period)
Markdown(indicators.summarise(table, lang=lang))

# %%
present(table[["name_zh", "name_en", "target", "unit", "qualifier", "outturn", "status", "baseline", "ambition",
               "ambition_unit"]], lang=lang)

# %% [markdown]
# 所选年份的目标与实际，及历年目标与实际：菱形为目标，阴影为“左右”目标的容差范围，圆点为实际。
#
# The chosen year's targets against outturns, and the track record: diamonds are targets, the shading the
# tolerance of an "about" target, dots the outturns.

# %%
indicators.save_target_charts(obs, series=growth, period=period, name="01-gdp", lang=lang, out_dir=output_dir);

# %% [markdown]
# 地区生产总值总量 / The GDP level

# %%
gdp = obs[obs["series_id"].eq("chengdu.gdp.level")]
present(gdp[["name_zh", "name_en", "period", "kind", "value", "unit", "source_id"]], lang=lang)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“表格 01-gdp-targets”表）/ The table goes to the Excel workbook (sheet "表格 01-gdp-targets" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "01-gdp-targets", out_dir=output_dir);
