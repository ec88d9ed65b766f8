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
# # 06 · 分析工具：目标完成、单位换算、贡献、目标设定与趋势 / Analysis helpers on the real data
#
# 分析人员对每张目标表都会问同样的问题。本笔记本用软件包中的分析工具逐一回答：
# 目标是否完成、目标力度多大；不同单位的数字如何换算、何时不能相加；各部分对总量增长的贡献和占比；
# 目标是否随上年实际而定（最小二乘回归）；以及按历史趋势外推、达到目标的概率。
#
# Analysts ask the same questions of every target table. This notebook answers them with the package's
# helpers: was each target met and how ambitious was it; how figures in different units convert, and
# when they must not be added; what each part contributed to a total's growth and its share; whether
# targets follow last year's outturn (least squares); and where a trend points, with the chance of
# meeting the target.
#
# 资料来源见各表的 `source_id` 列和每张图的来源行 / Sources: the `source_id` column of each table and each
# chart's source line.

# %% tags=["parameters"]
lang = "zh"        # "zh" or "en": language of chart labels, comments and summaries
output_dir = None  # folder for figures and tables; None means figures/ and reports/tables/
span = None        # services-trade period for contributions and shares; None: the latest year-to-date span

# %%
# %matplotlib inline
from IPython.display import Markdown, display

import indicators
from indicators.data import periods
from indicators.report.pages import present
from indicators.exceptions import UnitError

obs = indicators.load()
total = obs[obs["series_id"].eq("china.services_trade.total")]
span = span or periods.latest(p for p in total["period"] if periods.is_span(p))

# %% [markdown]
# ## 1. 目标完成与目标力度 / Attainment and ambition
#
# 每个目标对应同期实际（缺则用预计数）和上期实际。力度：增速类为目标减上年实际（百分点），
# 总量类为目标相对上年实际的变化（%）。上年实际若只公布为“超过”某数，力度为近似值。
#
# Each target is paired with its outturn (else estimate) and the previous period's outturn. Ambition is
# target minus baseline in percentage points for rates, and the percent change for levels; a baseline
# printed only as "more than" makes it approximate.
#
# 先按状态计数全部目标，再列出已有结论（已有实际数）的目标。
#
# First every target counted by status, then the targets that have a verdict (an outturn to judge them by).

# %%
table = indicators.targets_vs_outturns(obs)
Markdown(indicators.summarise(table, lang=lang))

# %%
present(table["status"].value_counts().rename_axis("status").reset_index(name="count"), lang=lang)

# %%
judged = table[table["status"].ne("no outturn yet")]
present(judged[[f"name_{lang}", "period", "target", "unit", "qualifier", "outturn", "status", "baseline", "ambition",
                "ambition_unit", "ambition_qualifier", f"comment_{lang}"]], lang=lang)

# %% [markdown]
# ## 2. 单位换算 / Unit-aware arithmetic
#
# 换算一律经过 `data/raw/units.csv`。人民币与美元之间不换算：文件没有给出汇率。
#
# Conversions go through `data/raw/units.csv`. Yuan and US dollars never mix: the documents give no
# exchange rate.

# %%
def quantity(series_id):
    row = obs[obs["series_id"].eq(series_id) & obs["period"].eq(span) & obs["kind"].eq("outturn")].iloc[0]
    return indicators.Quantity(row["value"], row["unit"])


both = quantity("china.services_trade.exports") + quantity("china.services_trade.imports")
print(both, "=", both.to("万亿元"))

# %%
money = obs[obs["unit"].astype(str).isin(["亿元", "万亿元", "亿美元"])]
present(indicators.to_unit(money, "亿元", errors="ignore")[["series_id", "period", "kind", "value", "unit"]], lang=lang)

# %%
try:
    indicators.to_unit(money, "亿元")
except UnitError as err:
    print(err)

# %% [markdown]
# ## 3. 贡献与占比 / Contributions and shares
#
# 服务出口和进口的规模与增速可推算各自对服务进出口总额增长的贡献（百分点），其和应与公布的总增速在
# 四舍五入范围内一致（`published_growth_pct` 列）。期间由参数 `span` 选定。
#
# The levels and growth of services exports and imports give each one's contribution to the growth of the
# total in percentage points, which must add up to the published growth within rounding (column
# `published_growth_pct`). The period is the parameter `span`.

# %%
contrib = indicators.contributions(obs, parts=["china.services_trade.exports", "china.services_trade.imports"],
                                   total="china.services_trade.total", period=span)
present(contrib[[f"name_{lang}", "level", "unit", "growth_pct", "previous_level", "contribution_pp",
                 "share_of_growth_pct", "published_growth_pct"]], lang=lang)

# %%
shares = indicators.shares(obs, parts=["china.services_trade.knowledge_total", "china.services_trade.travel_total"],
                           total="china.services_trade.total", period=span)
present(shares[[f"name_{lang}", "level", "total_level", "unit", "share_pct", "previous_share_pct", "share_change_pp"]],
        lang=lang)

# %% [markdown]
# ## 4. 目标设定模型 / How targets follow last year's outturn
#
# 对所有同时有上年实际增速和当年目标增速的指标，以目标对上年实际做最小二乘回归。
# 样本很小，摘要会说明它能说明什么、不能说明什么。
#
# Across every indicator with both a previous-year growth outturn and a growth target, an OLS of target
# on previous outturn. The sample is small; the summary says what it can and cannot tell.

# %%
pairs = indicators.target_pairs(obs)
present(pairs[[f"name_{lang}", "period", "target", "qualifier", "unit", "previous_period", "previous_outturn",
               "previous_qualifier"]], lang=lang)

# %%
model = indicators.fit_target_model(obs)
display(Markdown(model.summary(lang)))
present(model.conf_int().rename_axis("term").reset_index().assign(estimate=[model.intercept, model.slope])
        [["term", "estimate", "lower", "upper"]], lang=lang)

# %%
with indicators.style():
    ax = indicators.modelplot(obs, model=model, lang=lang)
    indicators.save_figure(ax.figure, "06-target-model", out_dir=output_dir)

# %% [markdown]
# ## 5. 趋势外推 / Trend projection
#
# 对每个目标，用同一指标此前各年的实际值拟合线性趋势并外推到目标年份，给出预测区间和达到目标的概率。
# 少于5个数据点时拒绝外推，并说明原因。
#
# For each target, a linear trend through the series' earlier outturns is projected to the target year,
# with a prediction interval and the probability of meeting the target. With fewer than 5 points it
# refuses, and says why.
#
# 先按状态计数全部目标，再列出已外推的目标，并说明历史最长的那一项。
#
# First every target counted by status, then the targets that were projected, and the one with the longest
# history in words.

# %%
trends = indicators.project_trends(obs)
present(trends["status"].value_counts().rename_axis("status").reset_index(name="count"), lang=lang)

# %%
projected = trends[trends["status"].eq("projected")]
if len(projected):
    display(present(projected[[f"name_{lang}", "period", "target", "unit", "qualifier", "n_points", "first_period",
                               "last_period", "forecast", "lower", "upper", "prob_meeting"]], lang=lang))
    longest = projected.sort_values("n_points", ascending=False, kind="stable").iloc[0]
    history = indicators.series(longest["series_id"], data=obs)
    projection = indicators.project_trend(history, target=longest["target"], qualifier=longest["qualifier"])
    display(Markdown(projection.summary(lang)))
