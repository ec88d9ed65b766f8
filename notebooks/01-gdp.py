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
# # 01 · 成都经济增长：2024年目标与2023年实际 / Chengdu growth: 2024 targets against 2023 outturns
#
# 成都市2024年政府工作报告提出地区生产总值增长6%左右，第一、二、三产业增加值分别增长2%、5.5%和6.5%。
# 本笔记本把这些目标与2023年的实际增长并列，看目标要求加速还是放缓。
#
# The 2024 Chengdu Government Work Report targets GDP growth of about 6% and growth of 2%, 5.5% and 6.5%
# in the primary, secondary and tertiary sectors. This notebook sets those targets against the 2023
# outturns to show whether they ask for faster or slower growth.
#
# 资料来源 / Sources: S004 (2024年成都市政府工作报告全文 / full text of the 2024 report), S001 (成都日报 / Chengdu Daily print).

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import indicators

obs = indicators.load()
growth = ["chengdu.gdp.real_growth", "chengdu.primary.real_growth",
          "chengdu.secondary.real_growth", "chengdu.tertiary.real_growth"]
table = indicators.targets_vs_outturns(obs, series=growth, period="2024")
table[["name_zh", "name_en", "target", "qualifier", "baseline", "ambition", "ambition_unit", "status"]]

# %% [markdown]
# 只有地区生产总值在文件中给出了2023年实际增速（6%），三次产业的2023年增速未在这几份文件中公布，因此图中只标出目标。
#
# Only GDP has a 2023 outturn in the documents (6%); the sectors' 2023 growth is not printed there, so the
# chart shows their targets alone.

# %%
with indicators.style():
    ax = indicators.targetplot(obs, series=growth, period="2024", lang=lang)
    indicators.save_figure(ax.figure, "01-gdp-growth-targets", out_dir=output_dir)

# %%
level = indicators.series("chengdu.gdp.level")
level

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“01-gdp-targets”表）/ The table goes to the Excel workbook (sheet "01-gdp-targets" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "01-gdp-targets", out_dir=output_dir)
