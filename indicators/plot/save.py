"""Saving charts for reports: PNG at 300 dpi, and SVG and PDF whose text stays text.

| format | text | use |
|---|---|---|
| ``png`` | pixels, 300 dpi | pasting into Word or PowerPoint as a picture |
| ``svg`` | ``<text>`` elements naming the font (``svg.fonttype: none``) | editing labels; Office inserts SVG as an editable drawing |
| ``pdf`` | TrueType subsets embedded as Type 42 (``/FontFile2``), selectable | LaTeX and print |

Files are written to ``figures/NAME.<format>`` of the project (or *out_dir*), each atomically (a reader
sees the old file or the new one, never half of one). Their size is the figure's: make
figures at a report width with ``indicators.style(width="full" | "half")``.

In a notebook (an IPython kernel), :func:`save_figure` also shows the very PNG it saved, at
the figure's width in CSS pixels (96 to the inch, so the 300-dpi pixels stay sharp on any
screen) with the chart's title as alt text, and closes the figure so the inline backend does
not show a second, 100-dpi copy.
"""
from __future__ import annotations

import base64
import html
import io
import os
import re
import sys
from pathlib import Path

from .._atomic import atomic_path
from ..paths import project
from . import style as st
from .fonts import cjk_font, font_face_rule

FORMATS = ("png", "svg", "pdf")
#: a file stem that is safe on every system and in a URL
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: what every export needs whatever the caller's settings: text as text, fonts embedded
_EXPORT_RC = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "none", "svg.hashsalt": "indicators"}
#: CSS pixels to the inch: the width at which a page shows a figure of a given width
CSS_DPI = 96


def save_figure(fig, name: str, *, formats: tuple[str, ...] = FORMATS, dpi: int = 300,
                out_dir: str | os.PathLike | None = None,
                root: str | os.PathLike | None = None) -> dict[str, Path]:
    """Write *fig* as ``figures/NAME.png``, ``.svg`` and ``.pdf``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        E.g. ``ax.figure`` of a chart helper.
    name : str
        File stem: letters, digits, ``-``, ``_`` and ``.``, e.g. ``"targets-2024-zh"``.
    formats : tuple of {"png", "svg", "pdf"}
        Formats to write.
    dpi : int, default 300
        Resolution of the PNG (vector formats ignore it).
    out_dir : path-like, optional
        Folder to write into instead of the project's ``figures/`` (created if missing);
        notebooks executed headless pass a temporary one.
    root : path-like, optional
        Project folder whose ``figures/`` is used when *out_dir* is not given.

    Returns
    -------
    dict
        Format -> path written.

    Raises
    ------
    ValueError
        If *name* is not a plain file stem or a format is unknown.
    FontError
        If no font can draw Chinese.
    """
    import matplotlib as mpl

    if not _NAME.fullmatch(name):
        raise ValueError(f"The value for `name` must be a plain file stem (letters, digits, '-', '_', '.'), "
                         f"but {name!r} was passed.")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"The value for `formats` must be among {list(FORMATS)}, but {unknown} was passed.")
    folder = project(root).figures if out_dir is None else Path(out_dir)
    metadata = {"png": {"Title": name}, "svg": {"Title": name, "Date": None},
                "pdf": {"Title": name, "CreationDate": None, "ModDate": None}}
    written = {}
    with st.ensure(), mpl.rc_context(_EXPORT_RC):
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            with atomic_path(path) as tmp:
                if fmt == "svg":
                    Path(tmp).write_text(_svg(fig, metadata[fmt]), encoding="utf-8")
                else:
                    fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata[fmt], facecolor="white")
            written[fmt] = path
        if _in_kernel():
            if "png" in written:
                png = written["png"].read_bytes()
            else:
                buffer = io.BytesIO()
                fig.savefig(buffer, format="png", dpi=dpi, metadata=metadata["png"], facecolor="white")
                png = buffer.getvalue()
            _show(fig, png, dpi=dpi, alt=chart_title(fig) or name)
    return written


def _svg(fig, metadata: dict) -> str:
    """*fig* as SVG text with its Chinese font embedded: the text stays text (editable in
    Office), and an ``@font-face`` rule carrying the CJK font cut down to the characters the
    figure prints (:func:`~indicators.plot.fonts.font_face_rule`) lets a viewer without
    Chinese fonts draw them instead of boxes."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=metadata, facecolor="white")
    svg = buffer.getvalue()
    rule = font_face_rule(html.unescape(svg), family=cjk_font().family)
    style = '<style type="text/css">'  # matplotlib writes one into <defs>
    return svg.replace(style, style + rule, 1)


def chart_title(fig) -> str:
    """The text of *fig*'s title (its text artist with gid ``"title"``), on one line; ``""``
    when it has none."""
    from matplotlib.text import Text

    title = next((t.get_text() for t in fig.findobj(Text) if t.get_gid() == "title" and t.get_text()), "")
    # a line break wrapped inside Chinese text joins without a space, elsewhere with one
    title = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])", "", title)
    return re.sub(r"\s*\n\s*", " ", title).strip()


def _in_kernel() -> bool:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def _show(fig, png: bytes, *, dpi: int, alt: str) -> None:
    import matplotlib.pyplot as plt
    from IPython.display import display

    width_px = int.from_bytes(png[16:20], "big")  # the PNG's IHDR chunk: width, then height
    data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"<chart: {alt}>"}
    display(data, raw=True, metadata={"image/png": {"width": round(width_px / dpi * CSS_DPI), "alt": alt}})
    plt.close(fig)
