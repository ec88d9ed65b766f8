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
# # 02 · 投资、消费与外贸：目标与实际 / Investment, consumption and foreign trade: targets against outturns
#
# 政府工作报告对全社会固定资产投资、建安工程投资、工业投资、社会消费品零售总额和外贸进出口提出增长目标，
# 并对外资企业、数字贸易和跨境电商提出目标。本笔记本把所选年份（参数 `period`）的每个目标与实际并列，
# 并画出历年的目标与实际。
#
# The Government Work Report sets growth targets for fixed-asset, construction and industrial investment,
# retail sales and foreign trade, and targets for foreign-invested firms, digital trade and cross-border
# e-commerce. This notebook sets each target of the chosen year (parameter `period`) against its outturn and
# draws the track record over the years.
#
# 资料来源见每张图的来源行 / Each chart's source line names its documents.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/
period = None      # target period; None: the latest target period with outturns

# %%
# %matplotlib inline
from IPython.display import Markdown

import indicators
from indicators.report.pages import present

obs = indicators.load()
period = indicators.choose_period(obs, period)
topics = ["investment", "consumption", "trade"]
table = indicators.targets_vs_outturns(obs, topic=topics, period=period)
Markdown(indicators.summarise(table, lang=lang))

# %%
present(table[["name_zh", "name_en", "target", "unit", "qualifier", "outturn", "status", "baseline", "ambition",
               "ambition_unit"]], lang=lang)

# %% [markdown]
# 增长率目标（%）画在一张图上；其他单位的目标（企业数等）在表中列出，图注写明未画出的目标。
#
# Growth targets (%) share one chart; targets in other units (numbers of firms …) are in the table, and the
# chart's note names those it leaves out.

# %%
rates = table.loc[table["unit"].eq("%"), "series_id"].tolist()
indicators.save_target_charts(obs, series=rates, period=period, name="02-investment-trade", lang=lang,
                              out_dir=output_dir);

# %%
levels = obs[obs["topic"].isin(topics) & obs["kind"].eq("outturn") & obs["measure"].eq("level")]
present(levels[["name_zh", "name_en", "period", "value", "unit", "qualifier", "quote"]], lang=lang)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“表格 02-investment-trade-targets”表）/ The table goes to the Excel workbook (sheet "表格 02-investment-trade-targets" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "02-investment-trade-targets", out_dir=output_dir);
