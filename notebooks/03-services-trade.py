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
# # 03 · 全国服务贸易 / China's services trade
#
# 商务部按月发布全国服务贸易数据（年初至当月累计）。本笔记本展示所选累计期间（参数 `span`，默认为最近的
# 累计期间）的规模与增速、收支差额、知识密集型服务和旅行服务的构成、当月数据，以及由增速推算的上年同期基数（推算值）。
# 这些是**全国**数字，不是成都的数字。
#
# The Ministry of Commerce publishes China's services trade each month, year to date. This notebook shows,
# for the chosen year-to-date span (parameter `span`; by default the latest), levels and growth, the
# balance, the knowledge-intensive and travel breakdowns, the latest month alone, and the year-earlier
# bases implied by the growth rates (derived by code). These are **national** figures, not Chengdu's.
#
# 资料来源见每张图的来源行 / Each chart's source line names its documents.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of every chart label
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/
span = None        # year-to-date span, e.g. January to November of a year; None: the latest

# %%
# %matplotlib inline
import indicators
from indicators.report.pages import present
from indicators.data import periods

obs = indicators.load()
trade = obs[obs["topic"].eq("services_trade")]
total = trade[trade["series_id"].eq("china.services_trade.total")]
span = span or periods.latest(p for p in total["period"] if periods.is_span(p))
base = periods.previous(span)
present(trade[["series_id", "name_zh", "period", "kind", "origin", "value", "unit"]].sort_values(["series_id", "period"]),
        lang=lang)

# %% [markdown]
# 规模与增速，及推算的上年同期 / Levels and growth, and the derived year-earlier base

# %%
parts = ["china.services_trade.total", "china.services_trade.exports", "china.services_trade.imports"]
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series=parts, period=span, lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-levels", out_dir=output_dir)

# %%
with indicators.style(width="half"):
    ax = indicators.growthplot(obs, series="china.services_trade.total", period=[base, span], lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-total-two-years", out_dir=output_dir)

# %%
with indicators.style():
    ax = indicators.balanceplot(obs, exports="china.services_trade.exports", imports="china.services_trade.imports",
                                balance="china.services_trade.deficit", period=[base, span], lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-balance", out_dir=output_dir)

# %% [markdown]
# 构成：知识密集型服务与旅行服务 / Breakdown: knowledge-intensive and travel services

# %%
breakdown = ["china.services_trade.total", "china.services_trade.knowledge_total", "china.services_trade.travel_total"]
with indicators.style():
    ax = indicators.growthplot(obs, series=breakdown, period=span, lang=lang)
    indicators.save_figure(ax.figure, "03-services-trade-breakdown", out_dir=output_dir)

# %%
shares = indicators.shares(obs, parts=["china.services_trade.knowledge_total", "china.services_trade.travel_total"],
                           total="china.services_trade.total", period=span)
present(shares[[f"name_{lang}", "period", "level", "total_level", "unit", "share_pct", "previous_share_pct",
                "share_change_pp", "approximate"]], lang=lang)

# %% [markdown]
# 当月数据与其余月份（累计减当月，推算）/ The latest month alone, and the other months (year to date less
# that month, derived)

# %%
years = {periods.year(span), periods.year(base)}
monthly = trade[trade["period"].map(periods.year).isin(years) & ~trade["period"].isin([span, base])]
present(monthly[["name_zh", "name_en", "period", "kind", "origin", "value", "unit", "method"]]
        .sort_values(["name_en", "period"]), lang=lang)

# %% [markdown]
# 推算值：由公布的规模和同比增速等计算（非公布数）/ Derived values: computed from the printed levels and growth
# rates (not published figures)

# %%
present(trade[trade["origin"].eq("derived")][["series_id", "period", "kind", "value", "unit", "method"]], lang=lang)

# %% [markdown]
# 表格存入Excel工作簿（`reports/indicators.xlsx`的“表格 03-services-trade-shares”表）/ The table goes to the Excel workbook (sheet "表格 03-services-trade-shares" of `reports/indicators.xlsx`).

# %%
indicators.save_table(shares, "03-services-trade-shares", out_dir=output_dir);
