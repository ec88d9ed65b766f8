"""Text cells that a spreadsheet would run as a formula, and how to keep them inert.

Excel and LibreOffice treat a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, also when they open a CSV file, and a tab or carriage return can hide such a
start (OWASP "CSV injection"): ``=HYPERLINK(...)`` becomes a live link, and a formula can
fetch data or run commands. The workbook and every CSV written for people to open guard
such text the same way, with :func:`neutralise`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

#: first characters that make Excel, LibreOffice or a CSV reader treat text as a formula
#: (OWASP "CSV injection": = + - @, and tab / carriage return that hide them)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: prefix that keeps such text inert: Excel's own marker for "text, not a formula"
GUARD = "'"


def neutralise(texts: pd.Series) -> pd.Series:
    """Prefix ``'`` to every text that begins with ``= + - @``, tab or carriage return.

    The cell then holds inert text in Excel, in LibreOffice, after copy-and-paste and after
    a re-export to CSV; the visible apostrophe marks that the text was guarded. Missing
    values become ``""``.
    """
    codes, uniques = pd.factorize(texts.astype(object).where(texts.notna(), ""), use_na_sentinel=False)
    guarded = np.array([guard(str(u)) for u in uniques] or [""], dtype=object)
    return pd.Series(guarded[codes], index=texts.index, dtype=object)


def guard(text: str) -> str:
    """*text*, prefixed with ``'`` when it begins like a formula (see :func:`neutralise`)."""
    return GUARD + text if text[:1] in FORMULA_START else text


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* with every text column neutralised (numbers and other types unchanged)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = neutralise(out[col])
    return out
