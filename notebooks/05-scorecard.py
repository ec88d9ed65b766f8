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
# # 05 · 目标记分卡 / The target scorecard
#
# 所选年份（参数 `period`，默认为已有实际数的最近目标年份）政府工作报告中的每一个量化目标：已有实际数的与实际对照，
# 尚无实际数的与上年实际对照，按目标要求的变化幅度排序。没有一个目标被略去：图中只能画出同一单位的目标，
# 其余的由图注点名，并全部列在表中。
#
# Every quantified target of the chosen year (parameter `period`; by default the latest target year with
# outturns): against its outturn where there is one, else against the previous year's outturn, sorted by how
# far it asks to move. No target is dropped: a chart can only draw targets of one unit, so its note names the
# others, and the table lists them all.
#
# 资料来源见每张图的来源行 / Each chart's source line names its documents.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label and table header
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/
period = None      # target period; None: the latest target period with outturns

# %%
# %matplotlib inline
from IPython.display import Markdown

import indicators
from indicators.report.pages import present

obs = indicators.load()
period = indicators.choose_period(obs, period)
table = indicators.targets_vs_outturns(obs, period=period)
table = table.sort_values("ambition", key=abs, ascending=False, na_position="last", ignore_index=True)
Markdown(indicators.summarise(table, lang=lang))

# %%
present(table[["name_zh", "name_en", "target", "unit", "qualifier", "outturn", "status", "baseline", "ambition",
               "ambition_unit"]], lang=lang)

# %% [markdown]
# 增长率目标（%）：有实际数的对照实际，否则对照上年实际 / Growth targets (%), against the outturn where there
# is one, else against the previous outturn

# %%
rates = table.loc[table["unit"].eq("%"), "series_id"].tolist()
indicators.save_target_charts(obs, series=rates, period=period, name="05-scorecard", lang=lang, out_dir=output_dir);

# %% [markdown]
# 未画在图上的目标（其他单位），逐项说明 / Targets not on the chart (other units), each with its comment

# %%
present(table.loc[~table["series_id"].isin(rates), ["name_zh", "name_en", "target", "unit", "qualifier", "status",
                                                     f"comment_{lang}"]], lang=lang)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“表格 05-scorecard”表）/ The table goes to the Excel workbook (sheet "表格 05-scorecard" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "05-scorecard", out_dir=output_dir);
