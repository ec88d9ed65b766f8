"""Fast cell XML for the big table sheets of :mod:`indicators.excel`.

openpyxl spends ~25 µs on every cell it writes (a Cell object, type checks, an XML element
tree), which at 100 000 observations across the data, comparison and topic sheets is slower
than pandas' own ``to_excel``. Here each column is turned into cell XML in one vectorised
pass and the rows are joined as text; openpyxl still writes everything else (header row,
tables, styles, conditional formatting, charts), and :func:`splice` streams these rows into
the sheets of the saved file. The XML is the same as openpyxl's write-only mode writes
(inline strings, ``t="n"`` numbers, ``t="b"`` booleans, ``s`` = openpyxl's own style ids).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..exceptions import IndicatorsError

#: rows rendered (and held as text) at a time
CHUNK_ROWS = 5000
#: characters XML 1.0 cannot carry at all (openpyxl's IllegalCharacterError)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPECIAL = re.compile(r"[&<>\r]")


@dataclass
class Column:
    """One column's cells, without their row numbers: ``tails[i]`` is everything after
    ``<c r="B7"`` for row *i*, or ``""`` where no cell is written."""

    letter: str
    tails: list[str]


def text_column(letter: str, texts: pd.Series, name: str) -> Column:
    """Inline-string cells of *texts* (already guarded; ``""`` or missing: no cell).

    Works on the distinct texts (a code column has a handful) and indexes back.
    """
    codes, uniques = pd.factorize(texts.astype(object).where(texts.notna(), ""), use_na_sentinel=False)
    uniques = [str(u) for u in uniques]
    bad = next((u for u in uniques if _ILLEGAL.search(u)), None)
    if bad is not None:
        row = int(texts.astype(str).eq(bad).to_numpy().argmax())
        raise IndicatorsError(f"Column {name!r}, data row {row + 1}: {bad!r} contains a control character "
                              "that Excel files cannot hold; remove it from the data.")
    tails = np.array([_inline(u) for u in uniques] or [""], dtype=object)
    return Column(letter, tails[codes].tolist())


def _inline(text: str) -> str:
    if not text:
        return ""
    open_tag = "<t xml:space=\"preserve\">" if text != text.strip() else "<t>"
    if _SPECIAL.search(text):
        text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", "&#13;"))  # a raw CR would be read back as LF
    return f' t="inlineStr"><is>{open_tag}{text}</t></is></c>'


def number_column(letter: str, values: pd.Series, style_ids: Iterable[int] | None = None) -> Column:
    """Numeric cells (missing and infinite values: no cell) with per-row style ids."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    finite = np.isfinite(numbers)
    styles = ([""] * len(numbers) if style_ids is None else [f' s="{s}"' for s in style_ids])
    tails = [f'{s} t="n"><v>{v!r}</v></c>' if ok else "" for s, v, ok in zip(styles, numbers.tolist(), finite)]
    return Column(letter, tails)


def bool_column(letter: str, values: pd.Series) -> Column:
    """TRUE/FALSE cells; missing values: no cell."""
    tails = ["" if pd.isna(v) else f' t="b"><v>{int(bool(v))}</v></c>' for v in values.tolist()]
    return Column(letter, tails)


def render_rows(columns: list[Column], first_row: int) -> Iterator[str]:
    """``<row>`` elements for every row, *CHUNK_ROWS* rows per string."""
    n = len(columns[0].tails) if columns else 0
    letters = [c.letter for c in columns]
    tails = [c.tails for c in columns]
    for start in range(0, n, CHUNK_ROWS):
        out = []
        for i in range(start, min(n, start + CHUNK_ROWS)):
            r = first_row + i
            cells = "".join(f'<c r="{letter}{r}"{tail[i]}' for letter, tail in zip(letters, tails) if tail[i])
            out.append(f'<row r="{r}">{cells}</row>')
        yield "".join(out)


def splice(saved: io.BytesIO, path, rows: dict[str, Callable[[], Iterator[str]]],
           date_time: tuple[int, int, int, int, int, int]) -> None:
    """Copy the workbook *saved* by openpyxl to *path*, inserting ``rows[member]()`` before
    ``</sheetData>`` of each named worksheet part (e.g. ``xl/worksheets/sheet2.xml``)."""
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            out = zipfile.ZipInfo(info.filename, date_time=date_time)
            out.compress_type = zipfile.ZIP_DEFLATED
            data = zin.read(info.filename)
            if info.filename not in rows:
                zout.writestr(out, data)
                continue
            head, tag, tail = data.partition(b"</sheetData>")
            if not tag:  # openpyxl writes <sheetData/> for a sheet without rows
                head, empty, tail = data.partition(b"<sheetData/>")
                if not empty:
                    raise RuntimeError(f"{info.filename} has no <sheetData> to fill")
                head, tag = head + b"<sheetData>", b"</sheetData>"
            with zout.open(out, "w", force_zip64=True) as fh:
                fh.write(head)
                for chunk in rows[info.filename]():
                    fh.write(chunk.encode("utf-8"))
                fh.write(tag + tail)

