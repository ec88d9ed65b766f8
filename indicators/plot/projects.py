"""Plan against actual by category, with completion rates: a bullet chart."""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analysis.plans import completion_rate
from ..data import periods
from ..data.presentation import number_texts
from ..data.registry import identity_terms
from ..data.units import factor
from . import layout as _chart
from . import style as st

#: kinds a plan row may have, best first (a printed plan beats one derived from a rate)
PLAN_KINDS = ("target",)
#: decimals the table beside the bars prints: actual amounts as printed, plans (often derived) whole
_ACTUAL_DECIMALS, _PLAN_DECIMALS = 2, 0


def planplot(data: pd.DataFrame, *, actual: list[str], plan: list[str] | None = None,
                   rate: list[str] | None = None, period: str | None = None, lang: str = "zh",
                   title: str | None = None, root: str | os.PathLike | None = None, ax=None, **kwargs):
    """Bullet chart: for each category a wide plan bar, the actual bar inside it, and a table
    of actual, plan and completion rate beside the plot.

    A category whose series is the left-hand side of an identity over the others
    (``data/raw/identities.csv``) is labelled as the total and drawn last, below a rule.

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`): the outturns are the actual amounts,
        the targets of the plan series the plans. The helper never computes a plan: derive
        it in the data (``data/raw/derivations.csv``, kind ``target``), where it gets a
        method and a source trail; a printed plan wins over a derived one.
    actual : list of str
        Series ids of the actual amounts, in display order, e.g.
        ``sc_cq.joint_projects.infrastructure.investment``.
    plan : list of str, optional
        Series ids whose targets are the plans, aligned with *actual*. Default: the
        actual series themselves (an annual plan is the target of the investment series).
    rate : list of str, optional
        Series ids of printed completion rates (%), aligned with *actual*. Default: the
        ``completion_rate`` sibling where it exists; missing rates are computed as
        actual ÷ plan and the note says so.
    period : str, optional
        Default: the latest period every actual series has.
    lang : {"zh", "en"}, default "zh"
    title : str, optional
    root : path-like, optional
        Project folder whose registries name units, sources and identities.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the ``Axes.barh`` call that draws the actual bars.

    Returns
    -------
    matplotlib.axes.Axes
    """
    st.check_lang(lang)
    actual, plan, rate = _series_ids(data, actual, plan, rate)
    if period is None:
        common = set.intersection(*(set(_chart.series_periods(data, a)) for a in actual))
        if not common:
            raise ValueError(f"Series {actual} have no period in common; pass `period=`.")
        period = max(common, key=periods.sort_key)
    regs = _chart.registries(root)
    acts = [_chart.value_row(data, a, period) for a in actual]
    plans = [_chart.value_row(data, p, period, kinds=PLAN_KINDS) for p in plan]
    if any(r is None for r in acts + plans):
        gone = [s for s, r in zip(actual + plan, acts + plans) if r is None]
        raise ValueError(f"No value in {period!r} for {gone}: the actual series need an outturn and the plans "
                         "a target (printed, or derived in data/raw/derivations.csv, e.g. investment ÷ "
                         "completion rate as kind target).")
    rates = [_chart.value_row(data, r, period) if r else None for r in rate]
    unit = str(acts[0]["unit"])
    a_val = [float(r["value"]) * factor(str(r["unit"]), unit, root=root) for r in acts]
    p_val = [float(r["value"]) * factor(str(r["unit"]), unit, root=root) for r in plans]
    total, parts = _identity(actual, regs)
    order = sorted(range(len(actual)), key=lambda i: actual[i] == total)
    labels = _chart.short_names([acts[i][f"name_{lang}"] for i in order], lang)
    labels = [st.text("total", lang) if actual[i] == total else lab for i, lab in zip(order, labels)]
    bars = _Bars(order, labels, a_val, p_val, [str(plans[i]["origin"]) for i in range(len(plans))], rates,
                 total=total in actual)

    with st.ensure():
        fig_pt = (ax.figure.get_figwidth() if ax is not None else _width_in()) * 72
        ax, ys = _draw_bars(bars, fig_pt=fig_pt, ax=ax, **kwargs)
        plan_head = _plan_head(bars.derived_plan, lang)
        _table(ax, bars, ys, plan_head=plan_head, lang=lang, compact=fig_pt < st.COMPACT_PT, unit=unit, regs=regs)
        plan_style = _chart.bar_style("target", "plan", derived=bars.derived_plan)
        legend = _chart.legend_handles([(st.kind_word("outturn", lang, start=True), st.BARS["outturn"]),
                                        (plan_head, plan_style)], kind="bar")
        rows = pd.DataFrame(acts + plans + [r for r in rates if r is not None])
        notes = [_chart.derived_note({"bar": pd.DataFrame(plans)}, data, lang)]
        if any(r is None for r in rates):
            notes.append(st.text("note", lang) + st.formula("share_pct", lang, out=st.text("completion_rate", lang),
                                                             a=st.kind_word("outturn", lang, start=True),
                                                             b=st.text("plan", lang)))
        unit_word = _chart.unit_name(unit, lang, regs)
        notes += [_sum_note(column, actual, total, parts, lang=lang, unit=unit_word)
                  for column in (_Column("outturn", a_val, [str(r["origin"]) for r in acts], _ACTUAL_DECIMALS),
                                 _Column("plan", p_val, bars.plan_origins, _PLAN_DECIMALS))]
        topic = regs["topics"].set_index("topic").loc[str(acts[0]["topic"]), f"name_{lang}"]
        return _chart.decorate(ax, title=title or st.text("title_plan", lang, name=topic,
                                                          place=_chart.place(acts, lang, regs),
                                                          period=periods.label(period, lang)),
                               unit=_chart.unit_text(unit, lang, regs),
                               source=_chart.source_line(_chart.source_ids(rows, data), lang, regs),
                               notes=notes, legend=legend, legend_width=0.5 * fig_pt)


@dataclass(frozen=True)
class _Bars:
    """What the bullet chart draws: categories in display *order* (the total last), their
    *labels*, actual and plan values in one unit, the plans' kinds and the printed rates."""

    order: list[int]
    labels: list[str]
    actual: list[float]
    plan: list[float]
    plan_origins: list[str]
    rates: list
    total: bool

    @property
    def derived_plan(self) -> bool:
        return any(o == "derived" for o in self.plan_origins)


def _series_ids(data: pd.DataFrame, actual, plan, rate) -> tuple[list[str], list[str], list[str | None]]:
    """*actual*, *plan* and *rate* as aligned lists, defaults filled in and checked."""
    actual = list(actual)
    _chart.check_series(data, actual)
    known = set(data["series_id"].astype(str))
    plan = list(actual) if plan is None else list(plan)
    missing = [p for p in plan if p not in known]
    if missing:
        raise ValueError(f"No series {missing} for the plans: pass `plan=` with series that have targets, or "
                         "derive the plans in data/raw/derivations.csv (kind target, e.g. investment ÷ "
                         "completion rate).")
    if rate is None:
        rate = [s if (s := _sibling(a, "completion_rate")) in known else None for a in actual]
    if len(plan) != len(actual) or len(rate) != len(actual):
        raise ValueError(f"`plan` and `rate` must have one entry per `actual` series ({len(actual)}).")
    return actual, plan, list(rate)


def _draw_bars(bars: _Bars, *, fig_pt: float, ax, **kwargs):
    """The plan bars (wide) with the actual bars inside them; returns the Axes and rows."""
    compact = fig_pt < st.COMPACT_PT
    names = [st.wrap(lab, (0.3 if compact else 0.22) * fig_pt, st.SIZES["tick"]) for lab in bars.labels]
    lines = max(n.count("\n") + 1 for n in names)
    ax = _chart.get_axes(ax, height_cm=4.2 + len(bars.order) * (0.55 + 0.28 * lines))
    ys = list(range(len(bars.order)))
    for y, i in zip(ys, bars.order):
        ax.barh(y, bars.plan[i], height=0.66, zorder=2, **_chart.bar_style("target", "plan", derived=bars.plan_origins[i] == "derived"))
    ax.barh(ys, [bars.actual[i] for i in bars.order], height=0.3, zorder=3,
            **{**_chart.bar_style("outturn"), **kwargs})
    if bars.total:
        ax.axhline(len(bars.order) - 1.5, color=st.PALETTE["grey"], linewidth=0.6)
    ax.set_yticks(ys, names)
    ax.set_ylim(len(bars.order) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x")
    ax.set_xlim(0, max(bars.actual + bars.plan) * 1.04)
    return ax, ys


def _plan_head(derived: bool, lang: str) -> str:
    """``计划``, or ``计划（推算）`` / ``Plan (derived)`` when a plan is derived."""
    if not derived:
        return st.text("plan", lang)
    tag = st.text("derived", lang)
    return st.text("plan", lang) + (f"（{tag}）" if lang == "zh" else f" ({tag.lower()})")


def _table(ax, bars: _Bars, ys, *, plan_head: str, lang: str, compact: bool, unit: str, regs) -> None:
    """Actual, plan and completion rate beside the bars (narrow figures: the rate only), in
    *unit*; numbers as every table prints these columns (:mod:`indicators.data.presentation`)."""
    order, a_val, p_val, rates = bars.order, bars.actual, bars.plan, bars.rates
    table = pd.DataFrame({"completed": [a_val[i] for i in order], "plan": [p_val[i] for i in order], "unit": unit})
    printed = [float(rates[i]["value"]) if rates[i] is not None else np.nan for i in order]
    table["completion_rate_pct"], _ = completion_rate(table["completed"], table["plan"], printed)
    shown = {c: number_texts(table, c, registries=regs, minus=st.minus_sign()) for c in table if c != "unit"}
    headers = [st.kind_word("outturn", lang, start=True), plan_head, st.text("completion_rate", lang)]
    cells = [shown["completed"], shown["plan"], [t + "%" for t in shown["completion_rate_pct"]]]
    keep = slice(2, 3) if compact else slice(0, 3)  # narrow figures: the bars show the amounts
    _chart.columns(ax, headers[keep], cells[keep], ys)


def _sibling(series_id: str, last: str) -> str:
    """``a.b.investment`` → ``a.b.<last>``."""
    return series_id.rsplit(".", 1)[0] + "." + last


def _identity(ids: list[str], regs) -> tuple[str | None, list[tuple[float, str]]]:
    """The id among *ids* that an identity defines as the sum of (some of) the others, and
    the signed terms of that sum; ``(None, [])`` when no identity does."""
    for r in regs["identities"].itertuples(index=False):
        terms = identity_terms(r.rhs)
        if r.lhs in ids and terms and all(sid in ids for _, sid in terms):
            return r.lhs, terms
    return None, []


@dataclass(frozen=True)
class _Column:
    """One column of the bullet chart: its *kind* (``outturn`` or ``plan``), the values in
    the order of the series, their origins and the decimals the table prints."""

    kind: str
    values: list[float]
    origins: list[str]
    decimals: int


def _sum_note(column: _Column, ids: list[str], total: str | None, parts: list[tuple[float, str]], *,
              lang: str, unit: str) -> str | None:
    """A note when the categories of *column* do not add up to its total as printed (a
    difference that survives rounding both sums to the printed decimals), naming both
    sums and the reason; None when they add up or there is no total."""
    if total is None:
        return None
    value = dict(zip(ids, column.values))
    summed = round(sum(sign * value[sid] for sign, sid in parts), column.decimals)
    whole = round(value[total], column.decimals)
    if summed == whole:
        return None
    involved = {total} | {sid for _, sid in parts}
    derived = any(o == "derived" for sid, o in zip(ids, column.origins) if sid in involved)
    word = st.text("plan", lang) if column.kind == "plan" else st.kind_word("outturn", lang, start=True)
    return st.text("parts_total_note", lang, what=word if lang == "zh" else word.lower(), unit=unit,
                   parts=st.number(summed, lang, decimals=column.decimals),
                   whole=st.number(whole, lang, decimals=column.decimals),
                   diff=st.number(abs(whole - summed), lang, decimals=column.decimals),
                   reason=st.text("parts_total_derived" if derived else "parts_total_printed", lang))


def _width_in() -> float:
    import matplotlib.pyplot as plt

    return plt.rcParams["figure.figsize"][0]
