"""Chart of the target-setting model: each target against the previous outturn, with the fit.

White diamonds edged vermillion are the targets (the house mark for targets), placed at the
previous period's outturn; the black line is the OLS fit of :func:`indicators.model.fit_target_model`
with its confidence band for the mean target (none with two pairs), and the dashed grey line
is "target = previous outturn", for reference.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..analysis.target_model import GROWTH_MEASURES, TargetModel, fit_target_model
from ..data.figures import ACTUAL_KINDS
from . import labels as _labels
from . import layout as _chart
from . import style as st

#: chart text specific to this figure (shared words come from labels.json)
_TEXT = {
    "title": {"zh": "目标与上年实际：{n}对增速", "en": "Targets against the previous outturn: {n} pairs"},
    "x": {"zh": "上年实际（%）", "en": "Previous outturn (%)"},
    "y": {"zh": "目标（%）", "en": "Target (%)"},
    "fit": {"zh": "拟合线", "en": "Fitted line"},
    "band": {"zh": "{pct}%置信区间", "en": "{pct}% confidence band"},
    "equal": {"zh": "目标 = 上年实际", "en": "Target = previous outturn"},
    "note_fit": {"zh": "普通最小二乘法：目标 = {a} {sign} {b} × 上年实际，n = {n}。",
                 "en": "Ordinary least squares: target = {a} {sign} {b} × previous outturn, n = {n}."},
    "note_exact": {"zh": "两点恰好确定一条直线，无法估计置信区间；样本太小，不能据此推断目标设定的规律。",
                   "en": "Two pairs fix the line exactly: no confidence band can be estimated, and so small a "
                         "sample says nothing general about how targets are set."},
    "note_small": {"zh": "样本仅{n}对，且出自同一政府的文件，结论只描述这些数据。",
                   "en": "Only {n} pairs, from one government's documents: the fit describes these pairs only."},
}


def _text(key: str, lang: str, **fields) -> str:
    return _TEXT[key][st.check_lang(lang)].format(**fields)


def modelplot(data: pd.DataFrame, *, model: TargetModel | None = None,
                      measures: Sequence[str] = GROWTH_MEASURES, periods: Sequence[str] | None = None,
                      level: float = 0.95, labels: bool = True, lang: str = "zh", title: str | None = None,
                      root: str | os.PathLike | None = None, ax=None, **kwargs):
    """Scatter of targets against the previous outturn, with the fitted line and its band.

    Parameters
    ----------
    data : DataFrame
        The tidy observations (:func:`indicators.load`): the source line needs their rows.
    model : TargetModel, optional
        A fitted model to draw; default ``fit_target_model(data, measures=…, periods=…,
        level=…)``.
    measures, periods, level
        Passed to :func:`indicators.model.fit_target_model` when *model* is not given.
    labels : bool, default True
        Name each point with its indicator (names shortened by their common ending).
    lang : {"zh", "en"}, default "zh"
        Language of every label, title and note.
    title : str, optional
        Replaces the default title.
    root : path-like, optional
        Project folder whose registries name the unit and sources.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default the current one (a new figure when none is open).
    **kwargs
        Passed to the ``Axes.plot`` call that draws the target diamonds.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InsufficientDataError
        When fewer than two pairs exist (see :func:`indicators.model.fit_target_model`).
    """
    st.check_lang(lang)
    if model is None:
        model = fit_target_model(data, measures=measures, periods=periods, level=level, root=root)
    regs = _chart.registries(root)
    with st.ensure():
        return _draw(model, data, labels=labels, lang=lang, title=title, regs=regs, ax=ax, **kwargs)


def _height_cm(n: int) -> float | None:
    """A new figure's height (cm) for *n* labelled points: on narrow figures the legend and
    notes stack, so the plot gets 0.6 cm more per point to leave the labels room; None (the
    style's height) on wide ones."""
    import matplotlib.pyplot as plt

    if plt.rcParams["figure.figsize"][0] * 72 >= st.COMPACT_PT:
        return None
    return min(9.0 + 0.6 * n, st.MAX_HEIGHT_CM)


def _draw(model: TargetModel, data: pd.DataFrame, *, labels, lang, title, regs, ax, **kwargs):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    pairs = model.pairs
    ax = _chart.get_axes(ax, height_cm=_height_cm(len(pairs)))
    x, y = pairs["previous_outturn"].to_numpy(float), pairs["target"].to_numpy(float)
    lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
    pad = (hi - lo) * 0.12 or 1.0
    grid = np.linspace(lo - pad, hi + pad, 50)
    fit = model.predict(grid)

    ax.plot(grid, grid, color=st.PALETTE["grey"], linewidth=0.8, linestyle=(0, (4, 3)), zorder=1)
    legend = []
    if model.has_intervals:
        ax.fill_between(grid, fit["lower"], fit["upper"], color=st.PALETTE["light"], alpha=0.7, linewidth=0,
                        zorder=0)
    ax.plot(grid, fit["target"], color=st.PALETTE["black"], linewidth=1.2, zorder=2, gid="fit")
    ax.plot(x, y, linestyle="none", zorder=3, gid="pairs", **{**st.MARKS["target"], **kwargs})
    legend = _chart.legend_handles([(st.kind_word("target", lang, start=True), st.MARKS["target"])])
    legend.append(Line2D([], [], color=st.PALETTE["black"], linewidth=1.2, label=_text("fit", lang)))
    if model.has_intervals:
        legend.append(Patch(facecolor=st.PALETTE["light"], alpha=0.7, label=_text("band", lang,
                                                                                   pct=round(model.level * 100))))
    legend.append(Line2D([], [], color=st.PALETTE["grey"], linewidth=0.8, linestyle=(0, (4, 3)),
                         label=_text("equal", lang)))

    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylim(grid[0], grid[-1])
    ax.set_xlabel(_text("x", lang))
    ax.set_ylabel(_text("y", lang))
    ax.grid(True)

    sign = "−" if model.slope < 0 else "+"
    notes = [_text("note_fit", lang, a=st.number(model.intercept, lang), sign=sign,
                   b=st.number(abs(model.slope), lang), n=model.n)]
    notes.append(_text("note_small", lang, n=model.n) if model.has_intervals else _text("note_exact", lang))
    shown = _source_rows(pairs, data)
    _chart.decorate(ax, title=title or _text("title", lang, n=model.n), unit=_chart.unit_text("%", lang, regs),
                    source=_chart.source_line(_chart.source_ids(shown, data), lang, regs), notes=notes,
                    legend=legend)
    if labels:  # last: the places are found in the finished layout
        names = _chart.short_names(pairs[f"name_{lang}"].astype(str).tolist(), lang)
        many_periods = pairs["period"].nunique() > 1
        texts = [f"{name} {period}" if many_periods else name for name, period in zip(names, pairs["period"])]
        _labels.place(ax, x, y, texts, marker_pt=kwargs.get("markersize", st.MARKS["target"]["markersize"]),
                      avoid=[(grid, grid), (grid, fit["target"].to_numpy(float))], size=st.SIZES["value"],
                      color="#4D4D4D", gid="label")
    return ax


def _source_rows(pairs: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """The observations behind the pairs: each target and the previous figure it is paired with."""
    ids, per, kind = (data[c].astype(str) for c in ("series_id", "period", "kind"))
    targets = set(zip(pairs["series_id"], pairs["period"]))
    previous = set(zip(pairs["series_id"], pairs["previous_period"]))
    keys = list(zip(ids, per))
    is_target = pd.Series([k in targets for k in keys], index=data.index) & kind.eq("target")
    is_previous = pd.Series([k in previous for k in keys], index=data.index) & kind.isin(ACTUAL_KINDS)
    return data[is_target | is_previous]
