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
# # 05 · 2024年目标记分卡 / The 2024 target scorecard
#
# 2024年成都市政府工作报告中的每一个量化目标，与2023年相应的实际值对照，按目标要求的变化幅度排序。
# 表格可直接复制到报告中。
#
# Every quantified 2024 target of the Chengdu Government Work Report against the matching 2023 outturn,
# sorted by how far it asks to move. The table can be pasted into a report.
#
# 资料来源 / Sources: S004, S001 (targets); S004, S003 (2023 outturns and estimates).

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label and table header
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import indicators

obs = indicators.load()
table = indicators.targets_vs_outturns(obs, period="2024")
with_baseline = table[table["baseline"].notna()].sort_values("ambition", key=abs, ascending=False)
with_baseline[["name_zh", "name_en", "target", "unit", "qualifier", "baseline", "ambition", "ambition_unit"]]

# %%
with indicators.style():
    ax = indicators.targetplot(obs, series=with_baseline["series_id"].tolist(), period="2024", lang=lang)
    indicators.save_figure(ax.figure, "05-scorecard-with-baseline", out_dir=output_dir)

# %% [markdown]
# 没有2023年可比实际值的目标 / Targets with no comparable 2023 outturn in the documents:

# %%
table[table["baseline"].isna()][["name_zh", "name_en", "target", "unit", "qualifier", "status"]]

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“05-scorecard”表）/ The table goes to the Excel workbook (sheet "05-scorecard" of `reports/indicators.xlsx`).

# %%
indicators.save_table(table, "05-scorecard", out_dir=output_dir)
