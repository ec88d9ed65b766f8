"""Saving charts for reports: PNG at 300 dpi, and SVG and PDF whose text stays text.

| format | text | use |
|---|---|---|
| ``png`` | pixels, 300 dpi | pasting into Word or PowerPoint as a picture |
| ``svg`` | ``<text>`` elements naming the font (``svg.fonttype: none``) | editing labels; Office inserts SVG as an editable drawing |
| ``pdf`` | TrueType subsets embedded as Type 42 (``/FontFile2``), selectable | LaTeX and print |

Files are written to ``figures/NAME.<format>`` of the project (or *out_dir*), each atomically (a reader
sees the old file or the new one, never half of one). Their size is the figure's: make
figures at a report width with ``indicators.style(width="full" | "half")``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .._atomic import atomic_path
from ..paths import project
from . import style as st

FORMATS = ("png", "svg", "pdf")
#: a file stem that is safe on every system and in a URL
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: what every export needs whatever the caller's settings: text as text, fonts embedded
_EXPORT_RC = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "none", "svg.hashsalt": "indicators"}


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
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata[fmt], facecolor="white")
            written[fmt] = path
    return written
