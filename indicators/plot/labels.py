"""Point labels that overlap nothing: each label takes the nearest free place around its point.

:func:`place` is a small deterministic placement (no random start, no iteration to a
tolerance): for each point in turn it tries places at growing distances around it, in a
fixed order of directions, and keeps the first whose box stays inside the axes and overlaps
no label already placed, no marker and no line it is told to avoid; when every place is
taken it keeps the one that overlaps least. A label set away from its point gets a thin
leader line. The places are computed for the figure's final layout, so call it last.
"""
from __future__ import annotations

import numpy as np

from . import style as st

#: how far from the marker's edge a label may sit (points), nearest first
DISTANCES_PT = (2, 6, 11, 17, 24, 32, 42, 54)
#: directions tried at each distance, in order of preference: right, above, below, left, diagonals
DIRECTIONS = ((1, 0), (0, 1), (0, -1), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1))
#: a label this far (points) or farther from its marker's edge gets a leader line
LEADER_PT = 5
#: room kept free between a label and anything else (points)
PAD_PT = 1.5
#: a label wider than this share of the axes is wrapped (:func:`indicators.plot.style.wrap`)
WRAP_SHARE = 0.4
LEADER = dict(arrowstyle="-", color="#8C8C8C", linewidth=0.5, shrinkA=1, shrinkB=0)


def place(ax, x, y, texts, *, marker_pt: float, avoid=(), size: float, **kwargs) -> list:
    """Label the points (*x*, *y*) (data coordinates) of *ax* with *texts*.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes with its final size: the figure is laid out (drawn without rendering) first.
    x, y : sequence of float
        The points, in data coordinates.
    texts : sequence of str
        One label per point.
    marker_pt : float
        The markers' size in points (``markersize``): labels keep clear of every marker.
    avoid : sequence of (xs, ys)
        Lines in data coordinates that labels should not cross (a fitted line, a diagonal).
    size : float
        Font size of the labels in points.
    **kwargs
        Passed to each ``Axes.annotate`` call (colour, gid …).

    Labels wider than :data:`WRAP_SHARE` of the axes are wrapped between words.

    Returns
    -------
    list of matplotlib.text.Annotation
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72
    points = ax.transData.transform(np.column_stack([x, y]))
    half = marker_pt * px / 2
    markers = [(p[0] - half, p[1] - half, p[0] + half, p[1] + half) for p in points]
    lines = [_dense(ax.transData.transform(np.column_stack(line))) for line in avoid]
    pad = PAD_PT * px
    frame = ax.bbox.padded(-2 * pad)  # clear of the spines
    placed, chosen, texts = [], {}, list(texts)
    for i in sorted(range(len(texts)), key=lambda i: (points[i][0], points[i][1])):
        if st.text_width(texts[i], size) > WRAP_SHARE * frame.width / px:
            texts[i] = st.wrap(texts[i], WRAP_SHARE * frame.width / px, size)
        probe = ax.annotate(texts[i], xy=(x[i], y[i]), fontsize=size)
        box = probe.get_window_extent(renderer)
        probe.remove()
        others = [m for j, m in enumerate(markers) if j != i]
        chosen[i] = _nearest_free(points[i], box.width, box.height, half=half, px=px, frame=frame,
                                  taken=placed + others, own=markers[i], lines=lines)
        placed.append(chosen[i])
    out = []
    for i, cand in sorted(chosen.items()):
        offset = ((cand[0] - points[i][0]) / px, (cand[1] - points[i][1]) / px)
        near = _nearest(cand, points[i])
        gap = (np.hypot(*(near - points[i])) - half) / px
        # the leader leaves the label where it is nearest the point, as the costs assumed
        relpos = ((near[0] - cand[0]) / (cand[2] - cand[0]), (near[1] - cand[1]) / (cand[3] - cand[1]))
        leader = dict(LEADER, shrinkB=marker_pt / 2, relpos=relpos) if gap >= LEADER_PT else None
        out.append(ax.annotate(texts[i], xy=(x[i], y[i]), xytext=offset, textcoords="offset points", ha="left",
                               va="bottom", fontsize=size, annotation_clip=False, arrowprops=leader, **kwargs))
        out[-1].set_in_layout(False)  # a label never moves the axes it was placed for
    return out


def _nearest_free(point, w: float, h: float, *, half: float, px: float, frame, taken: list, own, lines: list):
    """The box of a *w* × *h* label (pixels) for *point*: the nearest place, in the order of
    :data:`DISTANCES_PT` and :data:`DIRECTIONS`, inside *frame* that overlaps none of the
    boxes *taken* (nor its own marker *own*) and no point of *lines*, and whose leader
    crosses no box; else the place that does so least."""
    pad = PAD_PT * px
    best = None
    for d in DISTANCES_PT:
        for direction in DIRECTIONS:
            cand = _inside_frame(_box(point, direction, half + d * px, w, h), frame)
            if cand is None:
                continue
            grown = (cand[0] - pad, cand[1] - pad, cand[2] + pad, cand[3] + pad)
            leader = _dense(np.array([point, _nearest(cand, point)]))[1:]
            clash = (sum(_overlap(grown, b) for b in [*taken, own]) * 1e3
                     + sum(_inside(grown, line) for line in lines) * 10
                     + sum(_inside(b, leader) for b in taken) * 100)
            if best is None or clash + d < best[0]:
                best = (clash + d, cand)
            if clash == 0:  # the nearest free place
                return cand
    # no place inside the axes at all: next to the point
    return best[1] if best else _box(point, (1, 0), half + DISTANCES_PT[0] * px, w, h)


def _box(point, direction, gap: float, w: float, h: float) -> tuple[float, float, float, float]:
    """The box of a *w* × *h* label *gap* pixels from *point* towards *direction*."""
    dx, dy = direction
    cx = point[0] + dx * (gap + w / 2)
    cy = point[1] + dy * (gap + h / 2)
    if dx == 0:
        cx = point[0]  # above or below: centred
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _inside_frame(box, frame):
    """*box* slid into *frame* (display pixels), or None when it is larger than the frame."""
    w, h = box[2] - box[0], box[3] - box[1]
    if w > frame.width or h > frame.height:
        return None
    x0 = min(max(box[0], frame.x0), frame.x1 - w)
    y0 = min(max(box[1], frame.y0), frame.y1 - h)
    return x0, y0, x0 + w, y0 + h


def _nearest(box, point) -> np.ndarray:
    """The point of *box* nearest *point*: where a leader line meets the label."""
    return np.array([min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])])


def _overlap(a, b) -> float:
    """Area (pixels²) shared by boxes *a* and *b* (x0, y0, x1, y1)."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _dense(line: np.ndarray, step: float = 1.5) -> np.ndarray:
    """*line* (display pixels) with a point every *step* pixels along it."""
    out = [line[:1]]
    for a, b in zip(line[:-1], line[1:]):
        n = max(1, int(np.hypot(*(b - a)) / step))
        out.append(a + (b - a) * np.linspace(0, 1, n + 1)[1:, None])
    return np.concatenate(out)


def _inside(box, line: np.ndarray) -> int:
    """How many points of *line* fall in *box*."""
    return int(np.count_nonzero((line[:, 0] >= box[0]) & (line[:, 0] <= box[2])
                                & (line[:, 1] >= box[1]) & (line[:, 1] <= box[3])))
