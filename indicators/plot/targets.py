"""Targets against outturns: one row per target, read at a glance, with a table beside it."""
from __future__ import annotations

import os

import pandas as pd

from ..analysis.attainment import choose_period, targets_vs_outturns
from ..data import periods
from ..data.presentation import number_texts
from . import layout as _chart
from . import style as st

#: measures preferred for the default axis, best first: rates share one scale, while
#: counts or amounts of different things (villages, school places) rarely do
PREFERRED_MEASURES = ("yoy_pct", "rate_pct", "share_pct", "change_pp")
#: how many left-out targets the note names (the rest are counted)
NOTE_NAMES = 4


def targetplot(data: pd.DataFrame, *, series: list[str] | None = None, period: str | None = None,
                      lang: str = "zh", title: str | None = None, root: str | os.PathLike | None = None,
                      ax=None, **kwargs):
    """Dot plot of each target against its outturn, or against the previous outturn.

    Each row is one target: a white diamond edged vermillion at the target, a blue dot at
    the outturn of the same period when there is one, else a grey dot at the previous
    period's outturn (2024 targets against 2023 outturns), joined by a bar. Beside the plot
    a small table prints the target as worded (``6左右`` / ``about 6``), the outturn or
    previous outturn, and the result: the status of the target in its own period only
    (met, not met … honouring the qualifier, see :func:`indicators.targets_vs_outturns`;
    ``暂无实际`` / ``no outturn yet`` while there is no outturn). How the target compares with
    the previous outturn is in that outturn's own column and in the dots, never in the result.

    Targets of one measure and unit share the axis: when *series* mixes several (growth
    rates in %, days, firms …), one group is drawn (growth rates first, see
    :data:`PREFERRED_MEASURES`, else the largest) and a note lists the others; call again
    with their ids to chart them.

    Parameters
    ----------
    data : DataFrame
        The tidy observations (:func:`indicators.load`), not the comparison table: the
        source line needs the outturn rows.
    series : list of str, optional
        Series ids to show (default: every target of *period*).
    period : str, optional
        Target period, e.g. ``"2024"`` (default: :func:`indicators.choose_period`, the
        latest target period with outturns, else the latest).
    lang : {"zh", "en"}, default "zh"
        Language of every label, title and note.
    title : str, optional
        Replaces the default title.
    root : path-like, optional
        Project folder whose registries (``data/raw/*.csv``) name units and sources.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default the current one (a new figure sized for the rows when none
        is open).
    **kwargs
        Passed to the ``Axes.plot`` call that draws the target diamonds.

    Returns
    -------
    matplotlib.axes.Axes
    """
    st.check_lang(lang)
    regs = _chart.registries(root)
    comp = targets_vs_outturns(data, series=series, root=root)
    if comp.empty:
        raise ValueError("No targets to chart" + (f" among series {series}" if series else "")
                         + "; targets are rows with kind 'target' in the observations.")
    period = choose_period(data[data["series_id"].astype(str).isin(set(comp["series_id"]))], period)
    comp = comp[comp["period"].eq(period)]
    comp, left_out = _one_scale(comp, lang, regs["units"].set_index("unit")["name_en"])
    comp = comp.sort_values("target", ascending=False, kind="stable").reset_index(drop=True)
    with st.ensure():
        return _draw(comp, left_out, data, period=period, lang=lang, title=title, regs=regs,
                     ax=ax, **kwargs)


def _one_scale(comp: pd.DataFrame, lang: str, unit_names: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    """The rows of one (measure, unit) group, and the names of the others: the largest
    group of the first of :data:`PREFERRED_MEASURES` present, else the largest group."""
    groups = comp.groupby(["measure", "unit"], observed=True, sort=False).size().reset_index(name="n")
    rank = groups["measure"].astype(str).map({m: i for i, m in enumerate(PREFERRED_MEASURES)})
    groups = groups.assign(rank=rank.fillna(len(PREFERRED_MEASURES)))
    measure, unit = groups.sort_values(["rank", "n"], ascending=[True, False], kind="stable").iloc[0][["measure", "unit"]]
    keep = comp["measure"].astype(str).eq(measure) & comp["unit"].astype(str).eq(unit)
    others = [f"{r.name_zh}（{r.unit}）" if lang == "zh" else f"{r.name_en} ({unit_names.get(r.unit) or r.unit})"
              for r in comp[~keep].itertuples(index=False)]
    return comp[keep], others


def _draw(comp, left_out, data, *, period, lang, title, regs, ax, **kwargs):
    fig_pt = _fig_width_pt(ax)
    compact = fig_pt < st.COMPACT_PT
    has_out = comp["outturn"].notna()
    has_base = ~has_out & comp["baseline"].notna()
    base_period = periods.previous(period)
    p_label, b_label = periods.label(period, lang), periods.label(base_period, lang)
    title, notes, source = _texts(comp, left_out, data, period=period, has_out=has_out, has_base=has_base,
                                  labels=(p_label, b_label), lang=lang, title=title, regs=regs)
    furniture_cm = _furniture_cm(title, notes + [source], fig_pt=fig_pt)
    names, ys, rows_cm = _rows(comp[f"name_{lang}"].astype(str).tolist(), fig_pt=fig_pt, compact=compact,
                               available_cm=st.MAX_HEIGHT_CM - furniture_cm)
    ax = _chart.get_axes(ax, height_cm=furniture_cm + rows_cm)
    compared = comp["outturn"].where(has_out, comp["baseline"])
    for y, t, c in zip(ys, comp["target"], compared):
        if pd.notna(c):
            ax.plot([c, t], [y, y], color=st.PALETTE["light"], linewidth=3, zorder=1, solid_capstyle="round")
    if has_base.any():
        ax.plot(comp["baseline"][has_base], [y for y, b in zip(ys, has_base) if b], linestyle="none",
                zorder=5, **st.MARKS["baseline"])  # above the diamond, as the outturn
    within = comp["status"].eq("within tolerance")
    for kind in ("outturn", "estimate"):
        for mark, rows in ((kind, has_out & comp["outturn_kind"].eq(kind) & ~within),
                           ("within tolerance", has_out & comp["outturn_kind"].eq(kind) & within)):
            if rows.any():
                look = dict(st.MARKS[mark], **({"markerfacecolor": "white"} if kind == "estimate" else {}))
                # above the diamond, so an outturn equal to its target stays visible
                ax.plot(comp["outturn"][rows], [y for y, r in zip(ys, rows) if r], linestyle="none", zorder=5,
                        **look)
    ax.plot(comp["target"], ys, linestyle="none", zorder=4, **{**st.MARKS["target"], **kwargs})

    ax.set_yticks(ys, names)
    ax.set_ylim(rows_cm, 0)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x")
    lo = min(comp["target"].min(), compared.min(skipna=True) if compared.notna().any() else comp["target"].min())
    hi = max(comp["target"].max(), compared.max(skipna=True) if compared.notna().any() else comp["target"].max())
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1
    ax.set_xlim(lo - pad, hi + pad)
    if lo - pad < 0 < hi + pad:
        ax.axvline(0, color=st.PALETTE["grey"], linewidth=0.6, zorder=0)

    _table(ax, comp, ys, has_out=has_out, has_base=has_base, labels=(p_label, b_label), lang=lang,
           compact=compact, regs=regs)
    legend = _legend(comp, has_out=has_out, has_base=has_base, labels=(p_label, b_label), lang=lang)
    return _chart.decorate(ax, title=title, unit=_chart.unit_text(str(comp["unit"].iloc[0]), lang, regs),
                           source=source, notes=notes, legend=_chart.legend_handles(legend),
                           legend_width=(0.6 if compact else 0.45) * fig_pt)


def _texts(comp, left_out, data, *, period, has_out, has_base, labels, lang, title, regs):
    """The chart's title, notes and source line."""
    p_label, b_label = labels
    if title is None:
        # the outturns the chart draws: the period's, the year before's (where a target has
        # none of its own yet), or both
        key = ("title_targets" if not has_base.any() else "title_targets_both" if has_out.any()
               else "title_targets_baseline")
        title = st.text(key, lang, topic=_chart.topics_name(comp, lang, regs), place=_chart.place(comp, lang, regs),
                        period=p_label, baseline=b_label)
    shown = data[data["series_id"].astype(str).isin(comp["series_id"])
                 & data["period"].astype(str).isin([period, periods.previous(period)])
                 & data["kind"].astype(str).isin(["target", "outturn", "estimate"])]
    notes = []
    if left_out:
        key = "not_shown" if len(left_out) <= NOTE_NAMES else "not_shown_some"
        notes.append(st.text(key, lang, n=len(left_out),
                             names=st.text("list_joiner", lang).join(left_out[:NOTE_NAMES])))
    return title, notes, _chart.source_line(_chart.source_ids(shown, data), lang, regs)


def _furniture_cm(title: str, lines: list[str], *, fig_pt: float) -> float:
    """The height (cm) a figure *fig_pt* points wide needs besides its rows: legend, unit and
    axis (2.4 cm), the wrapped *title* and the wrapped note and source *lines*."""
    def count(text: str, size: float) -> int:
        return st.wrap(text, fig_pt - 24, size).count("\n") + 1  # the width decorate wraps to

    note = st.SIZES["note"] + 0.5
    return (2.4 + count(title, st.SIZES["title"]) * st.SIZES["title"] * 1.3 / 72 * 2.54
            + sum(count(t, note) for t in lines) * note * 1.3 / 72 * 2.54)


#: height of a row, in cm: a gap (at least the second when rows are tight) and 0.3 cm for each line of its name
ROW_GAP_CM, MIN_GAP_CM, LINE_CM = 0.45, 0.15, 0.3


def _pitch(name: str, gap: float = ROW_GAP_CM) -> float:
    """The height of the row labelled *name*, in cm, with *gap* cm between rows."""
    return gap + LINE_CM * (name.count("\n") + 1)


def _rows(names: list[str], *, fig_pt: float, compact: bool,
          available_cm: float) -> tuple[list[str], list[float], float]:
    """The row labels wrapped, the rows' centres (cm from the top of the first row) and the rows' height
    (cm). Each row is as tall as its label; labels get a wider share of the figure when the
    rows would not otherwise fit in *available_cm* (the page height less the furniture)."""
    shares = (0.36, 0.45, 0.55) if compact else (0.3, 0.38, 0.46)
    for share in shares:
        wrapped = [st.wrap(n, share * fig_pt, st.SIZES["tick"]) for n in names]
        pitches = [_pitch(n) for n in wrapped]
        height = sum(pitches)
        if height <= available_cm:
            break
    else:  # still too tall: the narrowest names (the plot keeps its width), rows closer together
        wrapped = [st.wrap(n, shares[0] * fig_pt, st.SIZES["tick"]) for n in names]
        lines = sum(n.count("\n") + 1 for n in wrapped)
        gap = max(MIN_GAP_CM, (available_cm - LINE_CM * lines) / len(wrapped))
        pitches = [_pitch(n, gap) for n in wrapped]
        height = sum(pitches)
    ys = [sum(pitches[:i]) + p / 2 for i, p in enumerate(pitches)]
    return wrapped, ys, height


def _table(ax, comp: pd.DataFrame, ys, *, has_out, has_base, labels: tuple[str, str], lang: str,
           compact: bool, regs) -> None:
    """Beside the dots: the target as worded, the outturn, the previous outturn, the result
    (the status alone; narrow figures keep the target and, when there are outturns, the result);
    numbers as every table prints these columns (:mod:`indicators.data.presentation`)."""
    def shown(column):
        return number_texts(comp, column, registries=regs, minus=st.minus_sign())

    p_label, b_label = labels
    headers, cells = [st.text("period_target", lang, period=p_label)], [[
        st.qualified(t, str(q), lang) for t, q in zip(shown("target"), comp["qualifier"])]]
    if has_out.any() and not compact:  # narrow figures: the dots show the figures
        headers.append(st.text("period_outturn", lang, period=p_label))
        cells.append(shown("outturn"))
    if has_base.any() and not compact:
        headers.append(st.text("period_outturn", lang, period=b_label))
        cells.append(shown("baseline"))
    if has_out.any() or not compact:  # narrow figures without outturns: the dots tell
        headers.append(st.text("result", lang))
        cells.append([st.status_word(str(s), lang) for s in comp["status"]])
    _chart.columns(ax, headers, cells, ys, align=["right"] * (len(headers) - 1) + ["left"])


def _legend(comp: pd.DataFrame, *, has_out, has_base, labels: tuple[str, str], lang: str) -> list:
    """(label, mark) of each kind of dot the chart draws."""
    p_label, b_label = labels
    legend = [(st.text("period_target", lang, period=p_label), st.MARKS["target"])]
    own = has_out & comp["status"].ne("within tolerance")  # the rest have the within-tolerance dot
    if (own & comp["outturn_kind"].eq("outturn")).any():
        legend.append((st.text("period_outturn", lang, period=p_label), st.MARKS["outturn"]))
    if (own & comp["outturn_kind"].eq("estimate")).any():
        legend.append((st.kind_word("estimate", lang, start=True), st.MARKS["estimate"]))
    if comp["status"].eq("within tolerance").any():
        legend.append((st.status_word("within tolerance", lang, start=True), st.MARKS["within tolerance"]))
    if has_base.any():
        legend.append((st.text("period_outturn", lang, period=b_label), st.MARKS["baseline"]))
    return legend


def _fig_width_pt(ax) -> float:
    import matplotlib.pyplot as plt

    return (ax.figure.get_figwidth() if ax is not None else plt.rcParams["figure.figsize"][0]) * 72


def save_target_charts(data: pd.DataFrame, *, series: list[str], name: str, period: str | None = None,
                       lang: str = "zh", out_dir: str | os.PathLike | None = None,
                       root: str | os.PathLike | None = None) -> dict[str, dict[str, os.PathLike]]:
    """The two charts a notebook draws of a set of targets, in the house style and saved:
    :func:`targetplot` of *period* as ``NAME-targets`` and :func:`trackgrid` of the same
    series as ``NAME-track-record`` (see :func:`indicators.save_figure`).

    Parameters
    ----------
    data : DataFrame
        The tidy observations (:func:`indicators.load`).
    series : list of str
        Series ids of the targets.
    name : str
        Stem of the figure names, e.g. ``"05-scorecard"``.
    period : str, optional
        Target period of the first chart (default: :func:`indicators.choose_period`).
    lang : {"zh", "en"}, default "zh"
    out_dir, root : path-like, optional
        Where the figures go (:func:`indicators.save_figure`) and whose registries name
        units, places and sources.

    Returns
    -------
    dict
        Figure name → (format → path written).
    """
    import matplotlib.pyplot as plt

    from .save import save_figure
    from .track import trackgrid

    with st.style():
        ax = targetplot(data, series=series, period=period, lang=lang, root=root)
        written = {f"{name}-targets": save_figure(ax.figure, f"{name}-targets", out_dir=out_dir, root=root)}
        plt.close(ax.figure)
    with st.style():
        fig = trackgrid(data, series=series, lang=lang, root=root)
        written[f"{name}-track-record"] = save_figure(fig, f"{name}-track-record", out_dir=out_dir, root=root)
        plt.close(fig)
    return written
