"""Track record: each series' targets and outturns year by year, with the tolerance band.

:func:`trackplot` draws one series on one Axes; :func:`trackgrid` draws small multiples,
one panel per series of a topic (or a list), on one figure. Both span every period the
data have for the series, so a new year's report adds a point without a change of code.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ..analysis.attainment import targets_vs_outturns
from ..data import periods
from ..data.figures import ACTUAL_KINDS, best_actuals
from ..data.units import factor
from . import layout as _chart
from . import style as st

#: panels per row of a grid on a full-width page, and on a half-width one
GRID_COLUMNS = {"full": 3, "half": 2}
#: height of one grid row (cm): the panel and its title
ROW_HEIGHT_CM = 4.6
#: at most this many panels on one figure (four rows of three fill an A4 text block)
MAX_PANELS = 12


def track_table(data: pd.DataFrame, series_id: str, *, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per period of *series_id* that has a target or an actual figure.

    Columns: ``period``, ``target``, ``qualifier``, ``tolerance``, ``status``,
    ``target_origin`` (from :func:`indicators.targets_vs_outturns`) and ``actual``,
    ``actual_kind``, ``actual_origin`` (the outturn, else the estimate), all in the unit of
    the series' latest target; sorted in time. Only periods of the same span as the targets
    (years with annual targets) are kept, so a year-to-date figure does not sit among years.
    """
    return track_tables(data, [series_id], root=root)[series_id]


def track_tables(data: pd.DataFrame, series_ids: list[str], *,
                 root: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """:func:`track_table` of each of *series_ids*, by id, from one comparison of targets and
    outturns (:func:`indicators.targets_vs_outturns` of them all, split by series)."""
    comparison = targets_vs_outturns(data, series=list(series_ids), root=root)
    by_series = dict(list(comparison.groupby(comparison["series_id"].astype(str), sort=False, observed=True)))
    return {sid: _track_table(data, sid, by_series.get(sid, comparison.iloc[:0]), root) for sid in series_ids}


def _track_table(data: pd.DataFrame, series_id: str, comp: pd.DataFrame, root) -> pd.DataFrame:
    """:func:`track_table` of *series_id*, given its rows of the comparison (*comp*)."""
    if comp.empty:
        raise ValueError(f"Series {series_id!r} has no targets, so it has no track record to draw; "
                         "choose a series with rows of kind 'target'.")
    unit = str(comp.sort_values("period", key=lambda s: s.map(periods.year))["unit"].iloc[-1])
    shapes = {periods.shape(p) for p in comp["period"]}
    rows = data[data["series_id"].astype(str).eq(series_id)]
    rows = rows.assign(period=rows["period"].astype(str), kind=rows["kind"].astype(str))
    rows = best_actuals(rows[rows["period"].map(periods.shape).isin(shapes)])
    actual = pd.DataFrame({"period": rows["period"],
                           "actual": [v * factor(str(u), unit, root=root) for v, u in zip(rows["value"], rows["unit"])],
                           "actual_kind": rows["kind"], "actual_origin": rows["origin"].astype(str)})
    targets = comp[comp["unit"].astype(str).eq(unit)][["period", "target", "qualifier", "tolerance", "status",
                                                       "target_origin"]]
    table = targets.merge(actual, on="period", how="outer")
    table = table.sort_values("period", key=lambda s: s.map(lambda p: (periods.year(p), p)), ignore_index=True)
    table.attrs["unit"] = unit
    return table


def trackplot(data: pd.DataFrame, *, series: str, lang: str = "zh", title: str | None = None,
              root: str | os.PathLike | None = None, ax=None, **kwargs):
    """Targets and outturns of one series, year by year.

    Targets are white diamonds edged vermillion, with the tolerance band of an ``about``
    target shaded below it (an outturn there is ``within tolerance``, drawn orange);
    outturns are blue dots joined by a line (estimates hollow, derived values half-filled).

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`).
    series : str
        The series id, e.g. ``"chengdu.gdp.real_growth"``.
    lang : {"zh", "en"}, default "zh"
    title : str, optional
        Replaces the default title (the series' name and the span of years).
    root : path-like, optional
        Project folder whose registries name units and sources.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the ``Axes.plot`` call that draws the outturn line.

    Returns
    -------
    matplotlib.axes.Axes
    """
    st.check_lang(lang)
    regs = _chart.registries(root)
    table = track_table(data, series, root=root)
    with st.ensure():
        ax = _chart.get_axes(ax)
        legend = _draw_track(ax, table, lang, **kwargs)
        row = data[data["series_id"].astype(str).eq(series)].iloc[0]
        first, last = periods.label(table["period"].iloc[0], lang), periods.label(table["period"].iloc[-1], lang)
        title = title or st.text("title_track", lang, name=_chart.name(row, lang), first=first, last=last,
                                 place=_chart.place([row], lang, regs))
        shown = data[data["series_id"].astype(str).eq(series) & data["period"].astype(str).isin(table["period"])]
        # derived outturns are half-filled dots; targets are drawn alike, derived or not
        dots = shown[shown["kind"].astype(str).isin(ACTUAL_KINDS)]
        notes = [n for n in [_chart.derived_note({"dot": dots}, data, lang)] if n]
        return _chart.decorate(ax, title=title, unit=_chart.unit_text(table.attrs["unit"], lang, regs),
                               source=_chart.source_line(_chart.source_ids(shown, data), lang, regs),
                               notes=notes, legend=_chart.legend_handles(legend))


def trackgrid(data: pd.DataFrame, *, topic: str | None = None, series: list[str] | None = None,
              lang: str = "zh", ncols: int | None = None, max_panels: int = MAX_PANELS,
              title: str | None = None, root: str | os.PathLike | None = None):
    """Small multiples of :func:`trackplot`: one panel per series that has targets.

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`).
    topic : str, optional
        Every series of this topic with targets (a ``topic`` of ``data/raw/topics.csv``).
    series : list of str, optional
        These series instead, in this order; those without targets are left out and the
        note names them.
    lang : {"zh", "en"}, default "zh"
    ncols : int, optional
        Panels per row (default :data:`GRID_COLUMNS` for the figure's width).
    max_panels : int, default :data:`MAX_PANELS`
        At most this many panels: the series with the longest records (most periods with
        a target or an outturn) come first, in the given order among equals; the note
        counts the others.
    title : str, optional
    root : path-like, optional

    Returns
    -------
    matplotlib.figure.Figure
        The panels are ``fig.axes``; each panel's title is the series' name.
    """
    import matplotlib.pyplot as plt

    st.check_lang(lang)
    regs = _chart.registries(root)
    ids = _grid_series(data, topic, series)
    with_targets = set(data.loc[data["kind"].astype(str).eq("target"), "series_id"].astype(str))
    shown_ids, left_out = [s for s in ids if s in with_targets], [s for s in ids if s not in with_targets]
    if not shown_ids:
        raise ValueError(f"None of the series {ids} has targets; a track record needs rows of kind 'target'.")
    actual = data[data["series_id"].astype(str).isin(shown_ids) & data["kind"].astype(str).isin(ACTUAL_KINDS)]
    record = actual.groupby(actual["series_id"].astype(str), observed=True)["period"].nunique()
    ranked = sorted(shown_ids, key=lambda s: -record.get(s, 0))
    shown_ids, crowded = ranked[:max_panels], len(ranked) - min(len(ranked), max_panels)
    names = {str(r.series_id): _chart.name(r, lang) for r in data.drop_duplicates("series_id").itertuples()}
    with st.ensure():
        width = plt.rcParams["figure.figsize"][0]
        ncols = ncols or GRID_COLUMNS["full" if width * 2.54 > 12 else "half"]
        ncols = min(ncols, len(shown_ids))
        nrows = -(-len(shown_ids) // ncols)
        height = min(nrows * ROW_HEIGHT_CM + 3.2, st.MAX_HEIGHT_CM) * st.CM
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False)
        by_series, tables, legend = track_tables(data, shown_ids, root=root), [], {}
        for ax, sid in zip(axes.flat, shown_ids):
            table = by_series[sid]
            tables.append(table)
            legend.update(dict(_draw_track(ax, table, lang)))
            unit = _chart.unit_name(table.attrs["unit"], lang, regs)
            label = f"{names[sid]}（{unit}）" if lang == "zh" else f"{names[sid]} ({unit})"
            ax.set_title(st.wrap(label, width * 72 / ncols - 36, st.SIZES["label"]),
                         fontsize=st.SIZES["label"], loc="left")
        for ax in axes.flat[len(shown_ids):]:
            ax.set_visible(False)
        spans = [p for t in tables for p in t["period"]]
        first, last = (periods.label(p, lang) for p in (min(spans, key=periods.year), max(spans, key=periods.year)))
        topics = set(data.loc[data["series_id"].astype(str).isin(shown_ids), "topic"].astype(str))
        topic = topic or (topics.pop() if len(topics) == 1 else None)
        shown = data[data["series_id"].astype(str).isin(shown_ids)]
        topic_name = _topic_name(regs, topic, lang) if topic else _chart.topics_name(shown, lang, regs)
        title = title or st.text("title_track_grid", lang, topic=topic_name, first=first, last=last,
                                 place=_chart.place(shown, lang, regs))
        # derived outturns are half-filled dots; targets are drawn alike, derived or not
        dots = shown[shown["kind"].astype(str).isin(ACTUAL_KINDS)]
        notes = [n for n in [_chart.derived_note({"dot": dots}, data, lang)] if n]
        if crowded:
            notes.append(st.text("panels_left_out", lang, n=crowded))
        if left_out:
            notes.append(st.text("no_targets_left_out", lang,
                                 names=st.text("list_joiner", lang).join(names.get(s, s) for s in left_out)))
        _grid_furniture(fig, title=title, legend=list(legend.items()),
                        footer=notes + [_chart.source_line(_chart.source_ids(shown, data), lang, regs)])
        return fig


def _grid_series(data: pd.DataFrame, topic: str | None, series: list[str] | None) -> list[str]:
    if (topic is None) == (series is None):
        raise ValueError("Pass either `topic=` (every series of a topic) or `series=` (a list of ids).")
    if series is not None:
        _chart.check_series(data, list(series))
        return list(series)
    topics = sorted(set(data["topic"].astype(str)))
    if topic not in topics:
        raise ValueError(f"The value for `topic` must be one of {topics}, but {topic!r} was passed.")
    return list(pd.unique(data.loc[data["topic"].astype(str).eq(topic), "series_id"].astype(str)))


def _topic_name(regs, topic: str, lang: str) -> str:
    topics = regs["topics"].set_index("topic")
    return str(topics.at[topic, f"name_{lang}"]) if topic in topics.index else topic


def _draw_track(ax, table: pd.DataFrame, lang: str, **kwargs) -> list[tuple[str, dict]]:
    """Draw *table* (see :func:`track_table`) on *ax*; return the legend entries used."""
    x = np.arange(len(table))
    legend = []
    band = table["tolerance"].fillna(0).gt(0)
    if band.any():
        band_word = st.text("tolerance_band", lang)
        for xi, t, tol in zip(x[band], table["target"][band], table["tolerance"][band]):
            ax.fill_between([xi - 0.3, xi + 0.3], t - tol, t, zorder=1, label=band_word, **st.TOLERANCE_BAND)
        legend.append((band_word, {"marker": "s", "markersize": 7, "linestyle": "none",
                                   "color": st.TOLERANCE_BAND["color"], "alpha": st.TOLERANCE_BAND["alpha"] * 2.5}))
    has_actual = table["actual"].notna()
    if has_actual.any():
        line = {**st.GROWTH_LINE, "color": st.PALETTE["blue"], "marker": None, **kwargs}
        ax.plot(x[has_actual], table["actual"][has_actual], zorder=2, **line)
    targets = table["target"].notna()
    if targets.any():
        ax.plot(x[targets], table["target"][targets], linestyle="none", zorder=3, **st.MARKS["target"])
        legend.append((st.kind_word("target", lang, start=True), st.MARKS["target"]))
    for i in np.flatnonzero(has_actual.to_numpy()):
        r = table.iloc[i]
        mark = "within tolerance" if r["status"] == "within tolerance" else "outturn"
        look = dict(st.MARKS[mark])
        if r["actual_kind"] == "estimate":
            look["markerfacecolor"] = "white"
        drawn = {**look, **st.DERIVED_MARK} if r["actual_origin"] == "derived" else look
        ax.plot([x[i]], [r["actual"]], linestyle="none", zorder=4, **drawn)  # above the diamond
        label = (st.status_word("within tolerance", lang, start=True) if mark != "outturn"
                 else st.kind_word(r["actual_kind"], lang, start=True))
        legend.append((label, look))  # an estimate is hollow in the legend too; the note explains derived
    ax.set_xticks(x, [periods.label(p, lang) for p in table["period"]])
    ax.set_xlim(-0.6, len(table) - 0.4)
    _value_limits(ax, pd.concat([table["target"], table["actual"], table["target"] - table["tolerance"].fillna(0)]))
    ax.grid(axis="y")
    ax.tick_params(axis="x", length=0)
    return list(dict(legend).items())


def _value_limits(ax, values: pd.Series) -> None:
    """Value axis around *values* with a margin, and a few round ticks (one point gets room too)."""
    from matplotlib.ticker import MaxNLocator

    values = values.dropna()
    lo, hi = float(values.min()), float(values.max())
    pad = max((hi - lo) * 0.2, abs(hi) * 0.05, 0.5 if hi - lo < 1 else 0)
    ax.set_ylim(lo - pad, hi + pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))  # no quarter steps


def _grid_furniture(fig, *, title: str, legend: list[tuple[str, dict]], footer: list[str]) -> None:
    """Title and legend above the panels, notes and the source line below them; the
    panels' layout keeps clear of both. Value ticks separate thousands (1,400)."""
    fig_pt, height_in = fig.get_figwidth() * 72, fig.get_figheight()
    if fig.axes:
        st.thousands(fig.axes[0])
    title = st.wrap(title, fig_pt - 24, st.SIZES["title"])
    top_pt = 6 + (title.count("\n") + 1) * st.SIZES["title"] * 1.3
    fig.text(0.01, 1 - 4 / 72 / height_in, title, ha="left", va="top", fontsize=st.SIZES["title"], gid="title")
    if legend:
        small = st.SIZES["note"] + 0.5
        # less the legend's own borders
        handles, ncols, rows = _chart.legend_grid(_chart.legend_handles(legend), small, fig_pt - 40)
        fig.legend(handles=handles, loc="upper left", ncols=ncols, fontsize=small,
                   bbox_to_anchor=(0.0, 1 - top_pt / 72 / height_in), frameon=False, handlelength=1.6,
                   handletextpad=0.5, columnspacing=1.2, borderaxespad=0.3)
        top_pt += rows * max(small * 1.25, 7) + (rows - 1) * 0.5 * small + 16
    text = "\n".join(st.wrap(n, fig_pt - 24, st.SIZES["note"]) for n in footer)
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=st.SIZES["note"], color="#4D4D4D",
             linespacing=1.35, gid="source")
    footer_pt = (text.count("\n") + 1) * st.SIZES["note"] * 1.35 + 6
    bottom = footer_pt / 72 / height_in
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - top_pt / 72 / height_in - bottom))  # left, bottom, w, h
