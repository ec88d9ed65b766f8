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
# # 02 · 投资、消费与外贸：2024年目标与2023年实际 / Investment, consumption and foreign trade: 2024 targets against 2023 outturns
#
# 2024年成都提出全社会固定资产投资、建安工程投资和工业投资各增长6.5%，社会消费品零售总额增长7%，外贸进出口增长4.5%，
# 并对外资企业、数字贸易和跨境电商提出目标。本笔记本把每个目标与2023年实际并列。
#
# In 2024 Chengdu targets growth of 6.5% in fixed-asset, construction and industrial investment, 7% in retail
# sales and 4.5% in foreign trade, with further targets for foreign-invested firms, digital trade and
# cross-border e-commerce. This notebook sets each target against the 2023 outturn.
#
# 资料来源 / Sources: S004, S001 (2024年成都市政府工作报告 / 2024 Chengdu Government Work Report).

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import indicators

obs = indicators.load()
topics = ["investment", "consumption", "trade"]
table = indicators.targets_vs_outturns(obs, topic=topics, period="2024")
table[["name_zh", "name_en", "target", "unit", "qualifier", "baseline", "ambition", "ambition_unit", "status"]]

# %% [markdown]
# 增长率目标（%）画在一张图上；其他单位的目标（企业数等）在表中列出。
#
# Growth targets (%) share one chart; targets in other units (numbers of firms …) are in the table.

# %%
rates = table.loc[table["unit"].eq("%"), "series_id"].tolist()
with indicators.style():
    ax = indicators.targetplot(obs, series=rates, period="2024", lang=lang)
    indicators.save_figure(ax.figure, "02-investment-trade-targets", out_dir=output_dir)

# %%
levels = obs[obs["topic"].isin(topics) & obs["kind"].eq("outturn") & obs["measure"].eq("level")]
levels[["name_zh", "name_en", "period", "value", "unit", "qualifier", "quote"]]

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“02-investment-trade-targets”表）/ The table goes to the Excel workbook (sheet "02-investment-trade-targets" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "02-investment-trade-targets", out_dir=output_dir)
