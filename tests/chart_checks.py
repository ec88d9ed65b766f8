"""Helpers for the chart tests: draw with every warning recorded, and read what was drawn."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import indicators  # noqa: E402


def glyph_warnings(records) -> list[str]:
    return [str(w.message) for w in records if "Glyph" in str(w.message) and "missing" in str(w.message)]


def draw(helper, *args, width="full", **kwargs):
    """Call *helper* inside ``indicators.style(width=...)``, draw the figure, and fail on
    any missing-glyph warning. Returns the Axes."""
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        with indicators.style(width=width):
            ax = helper(*args, **kwargs)
            ax.figure.canvas.draw()
    missing = glyph_warnings(records)
    assert not missing, f"{helper.__name__} drew tofu: {missing}"
    return ax


def texts(ax) -> str:
    """Every piece of text on the figure of *ax*, joined by newlines (wrapping undone)."""
    fig = ax.figure
    found = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible()]
    return "\n".join(found)


def flat(s: str) -> str:
    """*s* without line breaks or spaces, to look for a phrase that wrapping may split."""
    return "".join(s.split())


def by_gid(ax, gid: str) -> str:
    return "\n".join(t.get_text() for t in ax.texts if t.get_gid() == gid)


def text_boxes(fig) -> list:
    """``(text, box)`` of every text drawn on *fig*, tick labels included, in display pixels:
    visible, not empty, and (tick labels) at a tick inside the axis' view."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 * (high - low) <= tick.get_loc() <= high + 1e-9 * (high - low):
                    hidden.update({id(tick.label1), id(tick.label2)})
    found = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden and t.figure is fig:
            found.append((t, Text.get_window_extent(t, renderer)))  # an annotation's text, not its arrow
    return found


def overlapping_texts(fig, *, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of texts on *fig* whose boxes overlap by more than *tolerance* pixels both ways."""
    boxes = text_boxes(fig)
    out = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if dx > tolerance and dy > tolerance:
                out.append((a.get_text(), b.get_text()))
    return out


def texts_outside(fig, *, tolerance: float = 0.5) -> list[str]:
    """Texts on *fig* whose box reaches past the figure's edge."""
    edge = fig.bbox
    return [t.get_text() for t, box in text_boxes(fig)
            if box.x0 < edge.x0 - tolerance or box.y0 < edge.y0 - tolerance
            or box.x1 > edge.x1 + tolerance or box.y1 > edge.y1 + tolerance]


def broken_words(fig, words) -> list[tuple[str, str]]:
    """``(word, text)`` for each of *words* that a text on *fig* holds only across a line
    break although the word fits its widest line: the word is in the text once spaces and
    breaks are removed, but in no line."""
    renderer = fig.canvas.get_renderer()
    out = []
    for t, _ in text_boxes(fig):
        s = t.get_text()
        if "\n" not in s:
            continue
        lines = s.split("\n")
        width = max(_width(line, t, renderer) for line in lines)
        for word in sorted({w for w in words if w}):
            if (flat(word) in flat(s) and not any(flat(word) in flat(line) for line in lines)
                    and _width(word, t, renderer) <= width):
                out.append((word, s))
    return out


def _width(s: str, t, renderer) -> float:
    return renderer.get_text_width_height_descent(s, t.get_fontproperties(), ismath=False)[0]


#: words by which a legend entry names the axis its series is read on
AXIS_WORDS = ("左轴", "右轴", "left axis", "right axis")


def legends(fig) -> list:
    """Every legend on *fig*: those of its Axes and its own."""
    return [a.get_legend() for a in fig.axes if a.get_legend() is not None] + list(fig.legends)


def legend_entries(fig) -> list[tuple[str, object]]:
    """``(label, handle)`` of every legend entry on *fig*."""
    return [(t.get_text(), h) for lg in legends(fig) for t, h in zip(lg.get_texts(), lg.legend_handles)]


def _finite_points(line) -> int:
    import numpy as np

    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    return int(np.isfinite(x * 0 + y).sum()) if len(x) else 0


def _rgb(colour):
    return tuple(round(c, 3) for c in matplotlib.colors.to_rgba(colour)[:3])


def _shows(value) -> bool:
    return value not in (None, "", " ", "None", "none")


def _draws_marker(handle, line) -> bool:
    return (line.get_marker() == handle.get_marker() and _finite_points(line) >= 1
            and _rgb(line.get_markerfacecolor()) == _rgb(handle.get_markerfacecolor())
            and _rgb(line.get_markeredgecolor()) == _rgb(handle.get_markeredgecolor()))


def _draws_line(handle, line) -> bool:
    return (_shows(line.get_linestyle()) and line.get_linewidth() > 0 and _finite_points(line) >= 2
            and _rgb(line.get_color()) == _rgb(handle.get_color()))


def _draws_bar(handle, patch) -> bool:
    import numpy as np

    if not isinstance(patch, matplotlib.patches.Rectangle):
        return False
    size = np.array([patch.get_width(), patch.get_height()], dtype=float)
    return (bool(np.isfinite(size).all() and (size != 0).all())
            and _rgb(patch.get_facecolor()) == _rgb(handle.get_facecolor())
            and _rgb(patch.get_edgecolor()) == _rgb(handle.get_edgecolor())
            and (patch.get_hatch() or None) == (handle.get_hatch() or None))


def _draws_band(handle, collection) -> bool:
    """*collection* (a shaded band) has the fill of a patch *handle* and finite data."""
    faces = collection.get_facecolor()
    return len(faces) > 0 and _rgb(faces[0]) == _rgb(handle.get_facecolor()) and _has_data(collection)


def _has_data(artist) -> bool:
    import numpy as np

    paths = artist.get_paths() if hasattr(artist, "get_paths") else []
    return any(len(p.vertices) and np.isfinite(p.vertices).all() for p in paths)


def legend_entries_without_data(fig) -> list[str]:
    """Legend entries of *fig* that match nothing drawn, as ``"label: why"``; an empty legend too.

    A marker entry needs a drawn line with the same marker and colours and at least one
    finite point; a line entry needs a drawn line of its colour with at least two finite
    points (one point draws no line); a patch entry needs a drawn bar with the same fill,
    edge and hatch and a finite, non-zero size, or a shaded band of its fill; any other
    entry needs a collection with its label and finite data (a marker entry may stand for
    a band drawn with its label).
    """
    lines = [ln for a in fig.axes for ln in a.get_lines()]
    patches = [p for a in fig.axes for p in a.patches]
    collections = [c for a in fig.axes for c in a.collections]
    problems = [f"{lg.axes or fig}: empty legend" for lg in legends(fig) if not lg.legend_handles]
    for label, handle in legend_entries(fig):
        if isinstance(handle, matplotlib.lines.Line2D):
            marker, line = _shows(handle.get_marker()), _shows(handle.get_linestyle())
            if (marker or line) and any(c.get_label() == label and _has_data(c) for c in collections):
                continue
            if not (marker or line):
                problems.append(f"{label}: the entry shows neither a marker nor a line")
            if marker and not any(_draws_marker(handle, ln) for ln in lines):
                problems.append(f"{label}: no point drawn with the entry's marker {handle.get_marker()!r}")
            if line and not any(_draws_line(handle, ln) for ln in lines):
                problems.append(f"{label}: the entry shows a line, but no line of two or more points is drawn")
        elif isinstance(handle, matplotlib.patches.Patch):
            if not (any(_draws_bar(handle, p) for p in patches) or any(_draws_band(handle, c) for c in collections)):
                problems.append(f"{label}: no bar or band drawn with the entry's fill, edge and hatch")
        elif not any(c.get_label() == label and _has_data(c) for c in collections):
            problems.append(f"{label}: nothing drawn with this label")
    return problems


def has_twin(ax) -> bool:
    """Whether another Axes of the figure sits exactly on *ax* (a ``twinx``/``twiny``)."""
    return any(o is not ax and o.get_position().bounds == ax.get_position().bounds for o in ax.figure.axes)


def axis_names_without_twin(fig) -> list[str]:
    """Legend entries naming a left or right axis on an Axes (or figure) without a twin axis."""
    out = []
    for lg in legends(fig):
        twin = has_twin(lg.axes) if lg.axes is not None else any(has_twin(a) for a in fig.axes)
        out += [t.get_text() for t in lg.get_texts() if not twin and any(w in t.get_text() for w in AXIS_WORDS)]
    return out


def check_legends(fig) -> None:
    """Fail when a legend entry of *fig* has no data drawn or names an axis that is not there."""
    problems = legend_entries_without_data(fig) + [f"{t}: names an axis, but there is no twin axis"
                                                    for t in axis_names_without_twin(fig)]
    assert not problems, problems


def _reference_lines(fig) -> list:
    """Horizontal lines (constant y over two or more points) drawn on any Axes of *fig*."""
    import numpy as np

    out = []
    for a in fig.axes:
        for ln in a.get_lines():
            y = np.asarray(ln.get_ydata(), dtype=float)
            if len(y) >= 2 and np.isfinite(y).all() and np.ptp(y) == 0 and not _shows(ln.get_marker()):
                out.append(ln)
    return out


def value_labels(ax) -> list:
    """The annotations of *ax* and its twins anchored at data points inside the plot (value
    labels, not the furniture)."""
    fig = ax.figure
    out = []
    for a in [a for a in fig.axes if a is ax or a.get_position().bounds == ax.get_position().bounds]:
        for t in a.texts:
            if isinstance(t, matplotlib.text.Annotation) and t.xycoords == "data" and t.get_text().strip():
                px, py = a.transData.transform(t.xy)
                if a.bbox.x0 <= px <= a.bbox.x1 and a.bbox.y0 <= py <= a.bbox.y1:
                    out.append(t)
    return out


def labels_on_marks(ax) -> list[str]:
    """Value labels of *ax* (and its twins) whose text box crosses a horizontal reference line
    or covers a marker, as ``"label: what"``. Draw the figure first."""
    import numpy as np

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    problems = []
    lines = [ln for a in fig.axes for ln in a.get_lines()]
    for t in value_labels(ax):
        box = t.get_window_extent(renderer)
        for ln in _reference_lines(fig):
            xy = ln.get_transform().transform(np.column_stack(ln.get_data()).astype(float))
            if box.y0 < xy[0, 1] < box.y1 and min(xy[:, 0]) < box.x1 and max(xy[:, 0]) > box.x0:
                problems.append(f"{t.get_text()}: on the reference line at y={ln.get_ydata()[0]}")
        for ln in lines:
            if not _shows(ln.get_marker()):
                continue
            r = ln.get_markersize() / 2 * fig.dpi / 72
            xy = ln.get_transform().transform(np.column_stack(ln.get_data()).astype(float))
            for px, py in xy[np.isfinite(xy).all(axis=1)]:
                if box.x0 < px + r and px - r < box.x1 and box.y0 < py + r and py - r < box.y1:
                    problems.append(f"{t.get_text()}: covers a marker at ({px:.0f}, {py:.0f}) px")
    return problems
