"""Levels and growth: amounts as bars with year-on-year growth on a second axis, and the
balance of two flows (exports, imports and the gap between them)."""
from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from ..data import periods
from ..data.units import factor
from . import layout as _chart
from . import style as st

#: growth series found by naming convention: ``<level id>_growth``
GROWTH_SUFFIX = "_growth"
#: the bars fill the lower part of the plot, the growth dots the band above them
_BAR_TOP, _GROWTH_BAND = 0.62, (0.74, 0.92)
#: without growth dots the bars fill the plot, less room for their value labels (a tenth of it)
_LABEL_ROOM = 1.1
#: value labels sit this far (points) from the end of their bar or the centre of their dot
_BAR_GAP, _DOT_GAP = 2, 5


def growthplot(data: pd.DataFrame, *, series: str | list[str], growth=None,
                     period: str | list[str] | None = None, lang: str = "zh", title: str | None = None,
                     root: str | os.PathLike | None = None, ax=None, **kwargs):
    """Bars of levels with their year-on-year growth as dots on a second axis.

    One series gives one bar per period (a time series, growth joined by a line); several
    series give one bar per series in one period (growth as unjoined dots).

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`); outturns are used, else estimates,
        else derived rows (hatched).
    series : str or list of str
        Level series ids; their units must be convertible (all to the first one's unit).
    growth : dict, list or False, optional
        Growth series (%, year on year) for each level: ``{level: growth}``, a list in the
        order of *series*, or False for none. Default: ``<level id>_growth`` where it exists.
    period : str or list of str, optional
        With one series, the periods to show (default all); with several, the one period
        (default the latest they all have).
    lang : {"zh", "en"}, default "zh"
    title : str, optional
    root : path-like, optional
        Project folder whose registries name units and sources.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the ``Axes.bar`` call that draws the levels.

    Returns
    -------
    matplotlib.axes.Axes
        The bars' Axes; the growth axis is its twin (``ax.figure.axes``).
    """
    st.check_lang(lang)
    ids = [series] if isinstance(series, str) else list(series)
    _chart.check_series(data, ids)
    growth_ids = _growth_ids(ids, growth, data)
    if len(ids) == 1:
        shown = ([period] if isinstance(period, str) else list(period)) if period else _chart.series_periods(data, ids[0])
        items = [(ids[0], p, growth_ids[0]) for p in shown]
    else:
        common = set.intersection(*(set(_chart.series_periods(data, i)) for i in ids))
        if not common:
            raise ValueError(f"Series {ids} have no period in common; pass them one at a time.")
        if period is not None and not isinstance(period, str):
            raise ValueError(f"With several series, `period` must be one period such as {sorted(common)[-1]!r}, "
                             f"but {period!r} was passed; chart one series to compare periods.")
        p = period or max(common, key=periods.sort_key)
        items = [(i, p, g) for i, g in zip(ids, growth_ids)]
    levels = [_chart.value_row(data, i, p) for i, p, _ in items]
    if any(r is None for r in levels):
        missing = [f"{i}@{p}" for (i, p, _), r in zip(items, levels) if r is None]
        raise ValueError(f"No outturn, estimate or derived value for {missing}.")
    growths = [_chart.value_row(data, g, p) if g else None for _, p, g in items]
    regs = _chart.registries(root)
    unit = str(levels[0]["unit"])
    values = [float(r["value"]) * factor(str(r["unit"]), unit, root=root) for r in levels]
    if len(ids) == 1:
        labels = [periods.label(p, lang) for _, p, _ in items]
        default_title = st.text("title_level", lang, name=levels[0][f"name_{lang}"],
                                period=_span(labels, lang), place=_chart.place(levels, lang, regs))
    else:
        labels = _chart.short_names([r[f"name_{lang}"] for r in levels], lang)
        default_title = st.text("title_level", lang, name=_chart.subject(levels, lang, regs),
                                period=periods.label(items[0][1], lang),
                                place=_chart.place(levels, lang, regs))
    with_growth = any(g is not None for g in growths)
    with st.ensure():
        ax = _chart.get_axes(ax)
        x = list(range(len(items)))
        looks = [_chart.bar_style(str(r["kind"]), derived=str(r["origin"]) == "derived") for r in levels]
        for xi, v, look, text in zip(x, values, looks, _chart.value_texts(values, unit, regs)):
            ax.bar(xi, v, width=0.56, zorder=2, **{**look, **kwargs})
            _value_label(ax, text, xi, v, gap=_BAR_GAP)
        top = max(max(values), 0)
        bottom = min(min(values), 0)
        ax.set_ylim(*_bar_limits(bottom, top, fill=_BAR_TOP if with_growth else 1 / _LABEL_ROOM))
        # a category's slot: the plot width (the figure less its value axes, pt) shared out
        slot = (ax.figure.get_figwidth() * 72 - (95 if with_growth else 50)) * 0.92 / len(x)
        size = st.SIZES["tick"] if slot > 45 else st.SIZES["note"]
        ax.set_xticks(x, [st.wrap(lab, slot, size) for lab in labels], fontsize=size)
        ax.tick_params(axis="x", length=0)
        ax.grid(axis="y")
        _trim_ticks(ax, bottom, top)
        # the legend names the left axis only when the growth dots bring a right one
        level_word = st.text("level_legend", lang) if with_growth else st.kind_word("outturn", lang, start=True)
        legend = _chart.legend_handles([(level_word, _legend_look(looks))], kind="bar")
        if with_growth:
            legend += _draw_growth(ax, x, growths, joined=len(ids) == 1, lang=lang, regs=regs)
        rows = pd.DataFrame([r for r in levels + growths if r is not None])
        notes = [_chart.derived_note({"bar": pd.DataFrame(levels), "dot": pd.DataFrame([g for g in growths if g is not None])},
                                     data, lang)]
        return _chart.decorate(ax, title=title or default_title, unit=_chart.unit_text(unit, lang, regs),
                               source=_chart.source_line(_chart.source_ids(rows, data), lang, regs),
                               notes=notes, legend=legend)


def _growth_ids(ids: list[str], growth, data: pd.DataFrame) -> list[str | None]:
    if growth is False:
        return [None] * len(ids)
    if growth is None:
        known = set(data["series_id"].astype(str))
        return [i + GROWTH_SUFFIX if i + GROWTH_SUFFIX in known else None for i in ids]
    out = [growth.get(i) for i in ids] if isinstance(growth, dict) else list(growth)
    if len(out) != len(ids):
        raise ValueError(f"The value for `growth` must name one growth series per level series "
                         f"({len(ids)}), but {len(out)} were passed.")
    _chart.check_series(data, [g for g in out if g])
    return out


def _span(labels: list[str], lang: str) -> str:
    return labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"


def _trim_ticks(ax, lo: float, hi: float, nbins: int = 4) -> None:
    """Label the value axis of *ax* only within [lo, hi], the band its marks use."""
    from matplotlib.ticker import MaxNLocator

    ticks = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
    span = (hi - lo) or 1
    ax.set_yticks([t for t in ticks if lo - span * 0.05 <= t <= hi + span * 0.05])


def _bar_limits(bottom: float, top: float, *, fill: float) -> tuple[float, float]:
    """Value-axis limits that put *top* at the fraction *fill* of the plot's height and, when
    a bar hangs below zero, leave room for its label under *bottom* (as much as above the top)."""
    below = (_LABEL_ROOM - 1) if bottom < 0 else 0.0
    height = ((top - bottom) or 1) / (fill - below)
    lo = bottom - below * height
    return lo, lo + height


def _value_label(ax, text: str, x: float, v: float, *, gap: float) -> None:
    """*text* beside the end of a bar or a dot at (*x*, *v*): above a value of 0 or more,
    below a negative one, so that it never sits on the zero line it is measured from."""
    below = v < 0
    ax.annotate(text, (x, v), xytext=(0, -gap if below else gap), textcoords="offset points", ha="center",
                va="top" if below else "bottom", fontsize=st.SIZES["value"], gid="value")


def _legend_look(looks: list[dict]) -> dict:
    """The bar look the legend shows: a printed outturn's where one is drawn, else the first bar's."""
    printed = [k for k in looks if k == st.BARS["outturn"]]
    return (printed or looks)[0]


def _draw_growth(ax, x, growths, *, joined: bool, lang: str, regs) -> list:
    """Growth dots on a twin axis, in the band above the bars; returns legend handles.

    The band always includes zero (drawn as a dotted baseline), so that the dots read as
    growth above or below it.
    """
    gax = ax.twinx()
    gax.spines["right"].set_visible(True)
    gx = [xi for xi, g in zip(x, growths) if g is not None]
    gv = [float(g["value"]) for g in growths if g is not None]
    lo, hi = min(gv + [0.0]), max(gv + [0.0])
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5
    a, b = _GROWTH_BAND
    extent = (hi - lo) / (b - a)
    gax.set_ylim(lo - a * extent, lo - a * extent + extent)
    # a line joins the dots only when there are two to join; the legend shows what is drawn
    line = dict(st.GROWTH_LINE, linestyle="-" if joined and len(gv) > 1 else "none")
    gax.plot(gx, gv, zorder=3, **line)
    derived = [(xi, v) for xi, v, g in zip(gx, gv, [g for g in growths if g is not None])
               if str(g["origin"]) == "derived"]
    if derived:
        gax.plot(*zip(*derived), zorder=4, **{**line, "linestyle": "none", **st.DERIVED_MARK})
    units = [str(g["unit"]) for g in growths if g is not None]
    for xi, v, text in zip(gx, gv, _chart.value_texts(gv, units, regs, sign=True)):
        _value_label(gax, text + "%", xi, v, gap=_DOT_GAP)
    # the label hangs from the top of the axis, beside the ticks (longer than the band, it
    # would stick out above the plot if centred on it)
    gax.set_ylabel(st.text("growth_axis", lang), fontsize=st.SIZES["note"] + 0.5, y=1, ha="right")
    _trim_ticks(gax, lo, hi, nbins=3)
    gax.axhline(0, color=st.PALETTE["grey"], linewidth=0.6, linestyle=":", zorder=1)
    return _chart.legend_handles([(st.text("growth_legend", lang), line)])


def balanceplot(data: pd.DataFrame, *, exports: str, imports: str, balance: str | None = None,
                  period: str | list[str] | None = None, growth=None, lang: str = "zh",
                  title: str | None = None, root: str | os.PathLike | None = None, ax=None, **kwargs):
    """Exports, imports and the gap between them, per period.

    The balance is a bar floating between the exports and imports bars, labelled deficit
    (逆差) or surplus (顺差); it is the printed *balance* series where given, else
    computed as imports − exports and marked derived (hatched, with a note).

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`).
    exports, imports : str
        Series ids of the two flows (convertible units; shown in the exports unit).
    balance : str, optional
        Series id of the printed balance (deficit or surplus, as a positive amount).
    period : str or list of str, optional
        Periods to show (default: every period with both flows).
    growth : dict or False, optional
        ``{flow id: growth id}``; default ``<flow id>_growth`` where it exists.
    lang : {"zh", "en"}, default "zh"
    title : str, optional
    root : path-like, optional
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the ``Axes.bar`` call that draws the floating balance bars.

    Returns
    -------
    matplotlib.axes.Axes
    """
    st.check_lang(lang)
    _chart.check_series(data, [exports, imports] + ([balance] if balance else []))
    both = sorted(set(_chart.series_periods(data, exports)) & set(_chart.series_periods(data, imports)),
                  key=periods.sort_key)
    shown = ([period] if isinstance(period, str) else list(period)) if period else both
    if not shown or any(p not in both for p in shown):
        raise ValueError(f"The value for `period` must be among {both} (periods with both flows), "
                         f"but {period!r} was passed.")
    flows = {"exports": exports, "imports": imports}
    growth_ids = dict(zip(flows, _growth_ids([exports, imports], growth, data)))
    regs = _chart.registries(root)
    first = _chart.value_row(data, exports, shown[0])
    unit = str(first["unit"])
    with st.ensure():
        ax = _chart.get_axes(ax)
        # narrow figures with several periods: whole numbers in a smaller size, or labels touch
        crowded = ax.figure.get_figwidth() * 72 / len(shown) < st.COMPACT_PT * 0.75
        text = dict(decimals=0 if crowded else None, size=st.SIZES["note"] if crowded else st.SIZES["value"],
                    lang=lang, regs=regs)
        drawn = [_draw_period(ax, i, p, data, flows=flows, growth_ids=growth_ids, balance=balance, unit=unit,
                              text=text, root=root, **kwargs) for i, p in enumerate(shown)]
        used = [r for d in drawn for r in d.rows]
        ax.set_ylim(0, max([0.0] + [d.top for d in drawn]) * 1.25)
        ax.set_xticks(range(len(shown)), [periods.label(p, lang) for p in shown])
        ax.set_xlim(-0.6, len(shown) - 0.4)
        ax.tick_params(axis="x", length=0)
        ax.grid(axis="y")
        names = {k: _chart.value_row(data, sid, shown[0])[f"name_{lang}"] for k, sid in flows.items()}
        # the legend names the last period's gap; it is marked derived when no period prints it
        balance_label = st.text("deficit" if drawn[-1].gap > 0 else "surplus", lang)
        computed = (st.formula("difference", lang, out=balance_label, a=names["imports"], b=names["exports"]),)
        notes = [_chart.derived_note({"bar": pd.DataFrame(used)}, data, lang,
                                     extra=computed if any(not d.printed for d in drawn) else ())]
        legend = _balance_legend(names, balance_label, all_derived=not any(d.printed for d in drawn), lang=lang)
        topic = regs["topics"].set_index("topic").loc[str(first["topic"]), f"name_{lang}"]
        default_title = st.text("title_balance", lang, name=topic, place=_chart.place(used, lang, regs),
                                period=_span([periods.label(p, lang) for p in shown], lang))
        return _chart.decorate(ax, title=title or default_title, unit=_chart.unit_text(unit, lang, regs),
                               source=_chart.source_line(_chart.source_ids(pd.DataFrame(used), data), lang, regs),
                               notes=notes, legend=legend)


@dataclass(frozen=True)
class _Period:
    """What one period of a balance chart drew: the rows used, the highest flow, the gap
    (imports − exports, in the chart's unit) and whether the balance is printed."""

    rows: list
    top: float
    gap: float
    printed: bool


def _draw_period(ax, i: int, period: str, data: pd.DataFrame, *, flows: dict, growth_ids: dict,
                 balance: str | None, unit: str, text: dict, root, **kwargs) -> _Period:
    """The exports and imports bars of one period (labelled with their growth) and the
    balance floating between them."""
    lang, size = text["lang"], text["size"]

    def shown(value: float, value_unit: str, *, growth: bool = False) -> str:
        """A label's number: an amount (whole on a crowded chart) or a signed growth rate."""
        return _chart.value_texts([value], value_unit, text["regs"], sign=growth,
                                  decimals=None if growth else text["decimals"])[0]

    rows = {k: _chart.value_row(data, sid, period) for k, sid in flows.items()}
    used = list(rows.values())
    v = {k: float(r["value"]) * factor(str(r["unit"]), unit, root=root) for k, r in rows.items()}
    for k, dx in (("exports", -0.29), ("imports", 0.0)):
        look = dict(color=st.BALANCE[k], edgecolor=st.BALANCE[k], linewidth=0.8)
        if str(rows[k]["origin"]) == "derived":
            look.update(st.DERIVED_BAR)
        ax.bar(i + dx, v[k], width=0.27, zorder=2, **look)
        g = growth_ids[k]
        g_row = _chart.value_row(data, g, period) if g else None
        label = shown(v[k], unit)
        if g_row is not None:
            used.append(g_row)
            growth = shown(float(g_row["value"]), str(g_row["unit"]), growth=True)
            label += "\n" + st.text("growth_short", lang) + growth + "%"
        ax.annotate(label, (i + dx, v[k]), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=size, linespacing=1.2)
    printed = _chart.value_row(data, balance, period) if balance else None
    gap = v["imports"] - v["exports"]
    style = dict(color=st.BALANCE["balance"], edgecolor=st.BALANCE["balance"], linewidth=0.8)
    if printed is not None:
        used.append(printed)
        amount = float(printed["value"]) * factor(str(printed["unit"]), unit, root=root)
    else:
        amount = abs(gap)
        style.update(st.DERIVED_BAR)
    ax.bar(i + 0.29, abs(gap), bottom=min(v.values()), width=0.27, zorder=2, **{**style, **kwargs})
    word = st.text("deficit" if gap > 0 else "surplus", lang)
    small = abs(gap) < 0.2 * max(v.values())  # too short to hold its label: put it on top
    ax.annotate(f"{word}\n{shown(amount, unit)}",
                (i + 0.29, max(v.values()) if small else (v["imports"] + v["exports"]) / 2),
                xytext=(0, 2 if small else 0), textcoords="offset points",
                ha="center", va="bottom" if small else "center", fontsize=size, linespacing=1.2)
    return _Period(used, max(v.values()), gap, printed is not None)


def _balance_legend(names: dict, balance_label: str, *, all_derived: bool, lang: str) -> list:
    balance_style = dict(color=st.BALANCE["balance"], edgecolor=st.BALANCE["balance"])
    if all_derived:
        balance_style.update(st.DERIVED_BAR)
        tag = st.text("derived", lang)
        balance_label += f" ({tag})" if lang == "en" else f"（{tag}）"
    return _chart.legend_handles([(names[k], dict(color=st.BALANCE[k], edgecolor=st.BALANCE[k]))
                                  for k in ("exports", "imports")] + [(balance_label, balance_style)], kind="bar")
