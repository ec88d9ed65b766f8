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
