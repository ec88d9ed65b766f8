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
