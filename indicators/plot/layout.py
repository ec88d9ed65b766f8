"""What every chart carries: an Axes, a title, the unit, notes and the source line.

Title and unit sit above the plot, notes and the source line below it, all left-aligned
with the outer edge of the tick labels (not the spine), and wrapped to the figure width.
The source line is built from ``data/raw/sources.csv``; derived rows are traced back
through their ``method`` to the printed figures they were computed from.
"""
from __future__ import annotations

import os
from collections import Counter
from os.path import commonprefix

import pandas as pd

from .. import _words as _text
from ..data import periods
from ..data.derive import method_inputs, method_operation
from ..data.figures import ACTUAL_KINDS, best_actual
from ..data.presentation import number_texts
from ..data.registry import Registries, load_registries
from ..paths import project
from . import style as st

_GREY = "#4D4D4D"


def registries(root: str | os.PathLike | None) -> Registries:
    return load_registries(project(root))


def value_texts(values: list[float], unit: str | list[str], regs, *, sign: bool = False,
                decimals: int | None = None) -> list[str]:
    """Value labels: each of *values* (in *unit*) as every table prints a value
    (:func:`indicators.data.presentation.number_texts`: ``58,902``, the unit's decimals) in
    both languages, with a true minus sign; with *sign*, ``+`` before a positive one; with
    *decimals*, rounded to at most that many."""
    texts = number_texts(pd.DataFrame({"value": values, "unit": unit}), "value", registries=regs,
                         minus=st.minus_sign(), decimals=decimals)
    return [("+" + t) if sign and v > 0 and t != "0" else t for v, t in zip(values, texts)]


def get_axes(ax, height_cm: float | None = None):
    """*ax*; else a new figure of the current width (and *height_cm*) when none is open;
    else ``plt.gca()``."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    if not plt.get_fignums():
        width, height = plt.rcParams["figure.figsize"]
        if height_cm is not None:
            height = min(height_cm, st.MAX_HEIGHT_CM) * st.CM
        return plt.figure(figsize=(width, height)).add_subplot()
    return plt.gca()


def name(row, lang: str) -> str:
    return getattr(row, f"name_{lang}") if not isinstance(row, dict) else row[f"name_{lang}"]


def short_names(names: list[str], lang: str) -> list[str]:
    """*names* without the words they all end with (``基础设施类项目完成投资`` and
    ``现代产业类项目完成投资`` become ``基础设施类`` and ``现代产业类``)."""
    if len(names) < 2:
        return list(names)
    common = commonprefix([n[::-1] for n in names])[::-1]
    if lang == "en":
        while common and common[0] not in " ,(":
            common = common[1:]
    if len(common) < 2 or any(len(n) - len(common) < 2 for n in names):
        return list(names)
    return [n[: len(n) - len(common)].rstrip(" ,，、") for n in names]


def place(rows, lang: str, regs: Registries) -> str:
    """Where the figures of *rows* are from, named by ``data/raw/geo.csv``: ``全国`` /
    ``China``, or several areas (the one with most series first) ``成都市、成都中心城区``.

    Titles name it always, the report's own city too: a chart saved alone (a PNG in another
    document, a workbook sheet) must still say whose figures it shows."""
    return _names(rows, "geo", regs["geo"], lang)


def topics_name(rows, lang: str, regs: Registries, most: int = 3) -> str:
    """What *rows* are about: the names of their topics (``data/raw/topics.csv``, the topic
    with most series first), at most *most* of them and then how many more:
    ``投资、消费、对外贸易与外资`` / ``经济总量与增长、投资、消费等15个领域``."""
    names = _names(rows, "topic", regs["topics"], lang).split(st.text("list_joiner", lang))
    if len(names) <= most:
        return st.text("list_joiner", lang).join(names)
    return st.text("topics_more", lang, names=st.text("list_joiner", lang).join(names[:most]),
                   n=len(names), more=len(names) - most)


def subject(rows, lang: str, regs: Registries, most: int = 3) -> str:
    """What a chart of several series shows: their names when at most *most*
    (``服务进出口总额、服务出口、服务进口``), else their topics (:func:`topics_name`), so two
    charts of one topic keep two titles; series that all have one measure with words of its
    own in ``labels.json`` (``subject_count``) say it: ``川渝共建重点项目：各类个数``."""
    rows = pd.DataFrame(rows).drop_duplicates("series_id")
    if len(rows) <= most:
        return st.text("list_joiner", lang).join(name(r, lang) for r in rows.itertuples(index=False))
    topics = topics_name(rows, lang, regs)
    measures = set(rows["measure"].astype(str)) if "measure" in rows else set()
    key = f"subject_{measures.pop()}" if len(measures) == 1 else None
    return st.text(key, lang, topic=topics) if key in _text.labels()["text"] else topics


def _names(rows, column: str, registry: pd.DataFrame, lang: str) -> str:
    """The registry names of *column* in *rows* (one count per series, most first), joined."""
    rows = pd.DataFrame(rows)
    rows = rows.drop_duplicates("series_id") if "series_id" in rows else rows
    codes = Counter(rows[column].astype(str)).most_common()
    names = registry.set_index(column)[f"name_{lang}"]
    return st.text("list_joiner", lang).join(str(names.get(code, code)) for code, _ in codes)


def unit_name(unit: str, lang: str, regs: Registries) -> str:
    """A unit as a reader reads it: ``亿元`` / ``100 million yuan`` (``name_en`` of units.csv)."""
    names = regs["units"].set_index("unit")["name_en"]
    return unit if lang == "zh" else (names.get(unit) or unit)


def unit_text(unit: str, lang: str, regs: Registries) -> str:
    """``单位：亿元`` / ``Unit: 100 million yuan``."""
    return st.text("unit", lang) + unit_name(unit, lang, regs)


def source_ids(rows: pd.DataFrame, data: pd.DataFrame) -> list[str]:
    """Sources of *rows*, in order; a derived row counts the sources of its inputs."""
    index = {(str(r.series_id), str(r.period), str(r.kind)): r for r in data.itertuples(index=False)}
    pending, seen, out = list(rows.itertuples(index=False)), set(), []
    while pending:
        r = pending.pop(0)
        key = (str(r.series_id), str(r.period), str(r.kind))
        if key in seen:
            continue
        seen.add(key)
        if str(r.source_id):
            out.append(str(r.source_id))
        for ref in method_inputs(str(getattr(r, "method", "") or "")):
            if ref in index:
                pending.append(index[ref])
    return list(dict.fromkeys(out))


def source_line(ids: list[str], lang: str, regs: Registries) -> str:
    """``资料来源：标题（发布者，日期）；…`` / ``Source: title (date); …``."""
    table = regs["sources"].set_index("source_id")
    parts = []
    for sid in ids:
        src = table.loc[sid]
        if lang == "zh":
            extra = "，".join(x for x in [src.publisher, src.date_published] if x)
            parts.append(f"{src.title_zh}（{extra}）" if extra else src.title_zh)
        else:
            parts.append(f"{src.title_en}, {src.date_published}" if src.date_published else src.title_en)
    return st.text("source", lang) + st.text("sources_joiner", lang).join(parts)


def derived_note(drawn: dict[str, pd.DataFrame], data: pd.DataFrame, lang: str,
                 extra: tuple[str, ...] = ()) -> str | None:
    """A note naming the marks that show derived values and how one was computed, or None.

    Parameters
    ----------
    drawn : dict
        Mark (``"bar"``: hatched bars, ``"dot"``: half-filled dots) → the rows the chart
        drew with it; only marks whose rows include a derived row are named.
    data : DataFrame
        The observations, for the names of the inputs.
    lang : {"zh", "en"}
    extra : tuple of str
        Formulas of values the chart computed itself, drawn as hatched bars.
    """
    frames = {mark: rows[rows["origin"].astype(str).eq("derived")] for mark, rows in drawn.items() if not rows.empty}
    marks = [m for m, rows in frames.items() if not rows.empty] + (["bar"] * bool(extra))
    if not marks:
        return None
    names = {str(r.series_id): name(r, lang) for r in data.drop_duplicates("series_id").itertuples(index=False)}
    formulas = [_formula(r, names, lang) for rows in frames.values() for r in rows.itertuples(index=False)]
    formulas = list(dict.fromkeys(formulas))
    shown = st.text("sources_joiner", lang).join(list(extra) + formulas[:1])
    shown += st.text("derived_more", lang) if len(formulas) > 1 else ""
    words = st.text("derived_marks_joiner", lang).join(st.text(f"derived_{m}", lang) for m in dict.fromkeys(marks))
    return st.text("derived_note", lang, marks=words, formula=shown)


def _formula(row, names: dict[str, str], lang: str) -> str:
    """How *row* (a derived row) was computed, each side named by its period, its series
    and, where the sides' kinds differ, its kind: ``2024年…投资（目标） = 2024年…投资（实际） ÷ …``."""
    refs = method_inputs(str(row.method))
    sides = [(str(row.series_id), str(row.period), str(row.kind))] + refs
    with_kind = len({k for _, _, k in sides}) > 1
    terms = [st.text("derived_term_kind" if with_kind else "derived_term", lang, name=names.get(s, s),
                     period=periods.label(p, lang), kind=st.kind_word(k, lang)) for s, p, k in sides]
    formula = st.formula(method_operation(str(row.method)), lang, out=terms[0], **dict(zip("ab", terms[1:])))
    return formula if formula and len(refs) == 2 else str(row.method)


def _frame(ax):
    """A callable giving, at draw time, the box around *ax* and its tick labels (and its
    twins'), so titles and notes align with the outer edge of the labels."""
    from matplotlib.transforms import Bbox

    def bbox(renderer):
        boxes = [ax.bbox]
        for other in ax.figure.axes:
            if other is ax or other.bbox.bounds == ax.bbox.bounds:
                boxes += [other.xaxis.get_tightbbox(renderer), other.yaxis.get_tightbbox(renderer)]
        return Bbox.union([b for b in boxes if b is not None and b.width > 0])
    return bbox


def decorate(ax, *, title: str, unit: str, source: str, notes=(), legend: list | None = None,
             legend_width: float | None = None):
    """Add, above *ax*: the title, the *legend* handles (right-aligned, in as many rows as
    *legend_width* points require) and the unit; below it: the notes and the source line.
    Numeric ticks separate thousands (:func:`indicators.plot.style.thousands`)."""
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    fig_pt = fig.get_figwidth() * 72
    width_pt = fig_pt - 24  # constrained layout pads ~4 pt a side; keep a margin
    frame = _frame(ax)
    common = dict(xycoords=frame, textcoords="offset points", ha="left", annotation_clip=False)
    small = st.SIZES["note"] + 0.5
    gap, line = 4, small * 1.3
    ax.annotate(unit, xy=(0, 1), xytext=(0, gap), va="bottom", fontsize=small, color=_GREY, gid="unit", **common)
    st.thousands(ax)
    above = gap + line + 3
    if legend:
        handles, ncols, rows = legend_grid(legend, small, legend_width or fig_pt - 60)
        shift = ScaledTranslation(0, above / 72, fig.dpi_scale_trans)
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), bbox_transform=ax.transAxes + shift,
                  ncols=ncols, borderaxespad=0, borderpad=0, handlelength=1.6, handleheight=0.9,
                  columnspacing=1.2, handletextpad=0.5, labelspacing=0.35, fontsize=small)
        above += rows * small * 1.25 + (rows - 1) * 0.35 * small + 4
    ax.annotate(st.wrap(title, width_pt, st.SIZES["title"]), xy=(0, 1), xytext=(0, above), va="bottom",
                fontsize=st.SIZES["title"], gid="title", **common)
    lines = [st.wrap(n, width_pt, st.SIZES["note"]) for n in notes if n]
    lines.append(st.wrap(source, width_pt, st.SIZES["note"]))
    ax.annotate("\n".join(lines), xy=(0, 0), xytext=(0, -6), va="top", fontsize=st.SIZES["note"],
                color=_GREY, linespacing=1.35, gid="source", **common)
    return ax


def legend_grid(handles: list, size: float, available: float) -> tuple[list, int, int]:
    """How to lay out legend *handles* (labels at *size* points) in *available* points:
    (the handles in the order to pass to matplotlib, columns, rows); see
    :func:`legend_columns` and :func:`row_major`."""
    ncols = legend_columns(handles, size, available)
    return row_major(handles, ncols), ncols, -(-len(handles) // ncols)


def legend_columns(handles: list, size: float, available: float) -> int:
    """How many columns of legend *handles* (labels at *size* points) to lay out in
    *available* points: as many as fit side by side, then, when the legend takes more than
    one row, as few as fill those rows evenly (four entries with room for three read 2 + 2,
    not 3 + 1 with one entry alone on its row)."""
    fits = _fit([st.text_width(h.get_label(), size) + 3.4 * size for h in handles], available)
    rows = -(-len(handles) // fits)
    return -(-len(handles) // rows)


def row_major(handles: list, ncols: int) -> list:
    """*handles* ordered so that matplotlib, which fills a legend column by column, shows
    them row by row: in the order given, read across."""
    rows = -(-len(handles) // ncols) if handles else 0
    return [handles[row * ncols + col] for col in range(ncols) for row in range(rows)
            if row * ncols + col < len(handles)]


def _fit(widths: list[float], available: float) -> int:
    """How many legend entries of *widths* fit side by side in *available* points."""
    for n in range(len(widths), 0, -1):
        columns = [max(widths[i::n]) for i in range(n)]
        if sum(columns) <= available:
            return n
    return 1


def columns(ax, headers: list[str], cells: list[list[str]], ys, *, align: list[str] | None = None,
            gap: float = 9, size: float | None = None) -> None:
    """Text columns right of *ax*, like a table beside the plot: *headers* on the unit line
    above the plot, ``cells[j][i]`` at data height ``ys[i]``; numbers right-aligned."""
    size = st.SIZES["value"] if size is None else size
    align = align or ["right"] * len(headers)
    x = gap
    for header, column, how in zip(headers, cells, align):
        width = max([st.text_width(header, size)] + [st.text_width(c, size) for c in column])
        at = x + width if how == "right" else x
        ax.annotate(header, xy=(1, 1), xycoords="axes fraction", xytext=(at, 4), textcoords="offset points",
                    ha=how, va="bottom", fontsize=size, color=_GREY, annotation_clip=False)
        for y, cell in zip(ys, column):
            ax.annotate(cell, xy=(1, y), xycoords=("axes fraction", "data"), xytext=(at, 0),
                        textcoords="offset points", ha=how, va="center", fontsize=size,
                        annotation_clip=False)
        x += width + gap


def legend_handles(entries: list[tuple[str, dict]], kind: str = "mark") -> list:
    """Legend handles: ``(label, MARKS-style kwargs)`` for markers, bar kwargs for ``"bar"``."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if kind == "bar":
        return [Patch(label=label, **{("facecolor" if k == "color" else k): v for k, v in kw.items()})
                for label, kw in entries]
    return [Line2D([], [], linestyle=kw.get("linestyle", "none"), label=label,
                   **{k: v for k, v in kw.items() if k != "linestyle"}) for label, kw in entries]


def value_row(data: pd.DataFrame, series_id: str, period: str, kinds=ACTUAL_KINDS):
    """The row that stands for *series_id* in *period*: the best of *kinds* present
    (:func:`indicators.data.figures.best_actual`), or None."""
    return best_actual(data, series_id, period, kinds=kinds)


def series_periods(data: pd.DataFrame, series_id: str, kinds=ACTUAL_KINDS) -> list[str]:
    """Periods in which *series_id* has a row of one of *kinds*, oldest first."""
    rows = data[data["series_id"].astype(str).eq(series_id) & data["kind"].astype(str).isin(kinds)]
    return sorted(set(rows["period"].astype(str)), key=periods.sort_key)


def check_series(data: pd.DataFrame, ids: list[str]) -> None:
    from ..exceptions import UnknownSeriesError

    known = set(data["series_id"].astype(str))
    missing = [i for i in ids if i not in known]
    if missing:
        raise UnknownSeriesError(f"No series {missing} in the data; see data/raw/series.csv for the ids.")


def bar_style(kind: str, base: str | None = None, *, derived: bool = False) -> dict:
    """Bar keyword arguments for a row of *kind*, drawn as *base* (default: its kind),
    hatched when the value is *derived* (computed by code)."""
    style = dict(st.BARS.get(base or kind, st.BARS["outturn"]))
    if derived:
        style.update(st.DERIVED_BAR)
    elif kind == "estimate" and base in (None, "outturn"):
        style.update(st.BARS["estimate"])
    return style
