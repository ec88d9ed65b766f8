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
# # 03 · 全国服务贸易：2023年1—11月 / China's services trade, January–November 2023
#
# 商务部数据显示，2023年1—11月我国服务进出口总额58902亿元，同比增长9%；出口下降6.8%，进口增长23.5%，逆差10753.6亿元。
# 本笔记本展示规模与增速、收支差额、知识密集型服务和旅行服务的构成、11月当月数据，以及由增速推算的2022年同期基数（推算值）。
#
# Ministry of Commerce data: China's services trade reached 5,890.2 billion yuan in January–November 2023, up 9%
# year on year; exports fell 6.8%, imports rose 23.5%, leaving a deficit of 1,075.36 billion yuan. This notebook
# shows levels and growth, the balance, the knowledge-intensive and travel breakdowns, November alone, and the
# 2022 bases implied by the growth rates (derived by code).
#
# 资料来源 / Source: S000 (成都日报转载新华社电 / Xinhua wire in the Chengdu Daily, 4 Jan 2024).

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/

# %%
# %matplotlib inline
import indicators

obs = indicators.load()
trade = obs[obs["topic"].eq("services_trade")]
trade[["series_id", "name_zh", "period", "kind", "value", "unit"]].sort_values(["series_id", "period"])

# %% [markdown]
# 规模与增速：2023年1—11月与推算的2022年同期 / Levels and growth, Jan–Nov 2023 and the derived Jan–Nov 2022 base

# %%
ytd = ["2022-01/2022-11", "2023-01/2023-11"]
parts = ["china.services_trade.total", "china.services_trade.exports", "china.services_trade.imports"]
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series=parts, period="2023-01/2023-11", lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-levels", out_dir=output_dir)

# %%
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series="china.services_trade.total", period=ytd, lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-total-2022-2023", out_dir=output_dir)

# %%
with indicators.style():
    ax = indicators.balanceplot(obs, exports="china.services_trade.exports", imports="china.services_trade.imports",
                                  balance="china.services_trade.deficit", period=ytd, lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-balance", out_dir=output_dir)

# %% [markdown]
# 构成：知识密集型服务与旅行服务 / Breakdown: knowledge-intensive and travel services

# %%
breakdown = ["china.services_trade.total", "china.services_trade.knowledge_total", "china.services_trade.travel_total"]
with indicators.style():
    ax = indicators.growthplot(obs, series=breakdown, period="2023-01/2023-11", lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-breakdown", out_dir=output_dir)

# %%
shares = indicators.shares(obs, parts=["china.services_trade.knowledge_total", "china.services_trade.travel_total"],
                           total="china.services_trade.total", period="2023-01/2023-11")
shares

# %% [markdown]
# 11月当月与推算的1—10月 / November alone, and January–October derived as January–November minus November

# %%
monthly = trade[trade["period"].isin(["2023-11", "2022-11", "2023-01/2023-10", "2022-01/2022-10"])]
monthly[["name_zh", "name_en", "period", "kind", "value", "unit", "method"]].sort_values(["name_en", "period"])

# %% [markdown]
# 推算的2022年基数：由2023年规模和同比增速计算（推算值，非公布数）/ Derived 2022 bases: computed from the 2023 level and its growth (not published figures)

# %%
trade[trade["kind"].eq("derived")][["series_id", "period", "value", "unit", "method"]]

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“03-services-trade-shares”表）/ The table goes to the Excel workbook (sheet "03-services-trade-shares" of `reports/indicators.xlsx`).

# %%
indicators.save_table(shares, "03-services-trade-shares", out_dir=output_dir)
