"""How a table is shown to a reader: column order, bilingual names and number formats.

One place decides it, so that the workbook's sheets (and the HTML pages and charts that
issue 14 wants to present tables the same way) agree: :func:`present_table`. The rules
are data, in ``columns.csv`` beside this module, one row per known column, in reading
order:

``column``
    the column's name in the frame;
``title``
    its bilingual header, Chinese first (empty: the title of the observations contract,
    ``observations.schema.json``);
``type``
    ``text``; ``long_text`` (quotes and comments: shown last); ``number``; ``period``
    (always text, ``2024`` not the number 2024); ``status`` (a status of
    :func:`indicators.targets_vs_outturns`, shown in both languages); ``flag`` (yes/no,
    shown as words: LibreOffice and WPS print booleans as 1/0);
``unit_column``, ``number_format``, ``max_decimals``
    for numbers: the column naming each row's unit (whose ``number_format`` in
    ``data/raw/units.csv`` applies), else the format itself, and the most decimals shown
    (4 for printed figures, so that no printed digit is hidden; fewer for computed ones).

Columns the registry does not know keep their name, follow the known short columns and
precede the long texts; numbers among them get :data:`DEFAULT_FORMAT` with at most
:data:`DEFAULT_DECIMALS` decimals.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Mapping, NamedTuple

import numpy as np
import pandas as pd

from .. import _words
from ..data.schema import schema

COLUMNS_FILE = Path(__file__).with_name("columns.csv")
#: how a yes/no cell reads: (True, False)
FLAG_WORDS = ("是 yes", "否 no")
#: most decimals any number shows: values are printed figures, so more is float noise
MAX_DECIMALS = 4
#: format and decimals of a number column the registry does not know
DEFAULT_FORMAT, DEFAULT_DECIMALS = "#,##0", 2
TYPES = ("text", "long_text", "number", "period", "status", "flag")


class Presented(NamedTuple):
    """What :func:`present_table` returns; unpacks as ``frame, formats``."""

    #: the table as a reader sees it: bilingual headers in reading order, no index, periods
    #: and flags as text, statuses in both languages, numbers as numbers (NaN: empty)
    frame: pd.DataFrame
    #: header -> Excel number format of each row (``"0.0"``, ``"#,##0.00"``), for every
    #: number column; the decimals a page should print
    formats: dict[str, np.ndarray]


def present_table(table: pd.DataFrame, *, units: Mapping[str, str] | pd.Series | None = None,
                  exact: bool = False) -> Presented:
    """The reader's view of *table*: column order, bilingual names and number formats.

    Parameters
    ----------
    table : DataFrame
        Observations, :func:`indicators.targets_vs_outturns` output, a notebook's table …
        Its index is dropped.
    units : mapping or Series, optional
        Unit -> Excel number format, e.g. ``{"%": "0.0", "亿元": "#,##0.0"}``
        (``number_format`` of ``data/raw/units.csv``); default: none, so numbers with a
        unit column fall back to :data:`DEFAULT_FORMAT`.
    exact : bool, default False
        Show numbers as printed (``6``, ``5.5``), dropping the unit format's own decimals
        (``0.0`` would show ``6.0``); for chart data, whose labels print numbers so.

    Returns
    -------
    Presented
        ``(frame, formats)``; the first column of *frame* is the name column.
    """
    rules = column_rules()
    known = [c for c in rules.index if c in table.columns]
    unknown = [c for c in table.columns if c not in rules.index]
    long = [c for c in known if rules.at[c, "type"] == "long_text"]
    order = [c for c in known if c not in long] + unknown + long
    formats, columns = {}, {}
    for col in order:
        values, kind = table[col].reset_index(drop=True), _type(table[col], rules, col)
        header = title(col)
        if kind == "number":
            values = pd.to_numeric(values, errors="coerce").astype(float)
            base = _base_format(table, col, rules, units)
            limit = int(rules.at[col, "max_decimals"] or MAX_DECIMALS) if col in rules.index else DEFAULT_DECIMALS
            formats[header] = number_formats(values, base, max_decimals=limit, exact=exact)
        elif kind == "period":
            values = _period_text(values)
        elif kind == "flag":
            values = values.map({True: FLAG_WORDS[0], False: FLAG_WORDS[1], "True": FLAG_WORDS[0],
                                 "False": FLAG_WORDS[1]}).astype(object)
        elif kind == "status":
            values = values.map(lambda s: status_word(s) if isinstance(s, str) else s).astype(object)
        columns[header] = values
    return Presented(pd.DataFrame(columns), formats)


def title(column: str) -> str:
    """Bilingual header of *column*: the registry's title, else the contract's, else the name."""
    rules = column_rules()
    if column in rules.index and rules.at[column, "title"]:
        return rules.at[column, "title"]
    fields = {f.name: f.title for f in schema().fields}
    return fields.get(column, column)


def status_word(status: str) -> str:
    """``达成 met`` for ``met``: the chart words (:func:`indicators._words.status_word`), Chinese first."""
    if status not in _words.labels()["status"]:
        return status
    return f"{_words.status_word(status, 'zh')} {_words.status_word(status, 'en')}"


@cache
def column_rules() -> pd.DataFrame:
    """``columns.csv``, indexed by column (read once)."""
    rules = pd.read_csv(COLUMNS_FILE, dtype=str, keep_default_na=False).set_index("column")
    bad = rules.index[~rules["type"].isin(TYPES)]
    if len(bad):
        raise ValueError(f"{COLUMNS_FILE}: column {bad[0]!r} has type {rules.at[bad[0], 'type']!r}; "
                         f"the type must be one of {list(TYPES)}.")
    return rules


def _type(values: pd.Series, rules: pd.DataFrame, col: str) -> str:
    if col in rules.index:
        return rules.at[col, "type"]
    if pd.api.types.is_bool_dtype(values.dtype) or (
            values.dtype == object and len(values.dropna()) and values.dropna().isin([True, False]).all()):
        return "flag"
    return "number" if pd.api.types.is_numeric_dtype(values.dtype) else "text"


def _base_format(table, col, rules, units) -> pd.Series:
    n = len(table)
    unit_col = rules.at[col, "unit_column"] if col in rules.index else ""
    if unit_col and unit_col in table.columns and units is not None:
        mapped = table[unit_col].astype(str).map(dict(units)).reset_index(drop=True)
        return mapped.where(mapped.notna() & mapped.ne(""), DEFAULT_FORMAT)
    fmt = (rules.at[col, "number_format"] if col in rules.index else "") or DEFAULT_FORMAT
    return pd.Series([fmt] * n, dtype=object)


def _period_text(values: pd.Series) -> pd.Series:
    """Periods as text: ``2024`` (read from CSV as a number) becomes ``"2024"``."""
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.map(lambda v: None if pd.isna(v) else str(int(v)) if float(v).is_integer() else str(v))
    return values.astype(object).where(values.notna(), None).map(lambda v: v if v is None else str(v))


# --- number formats ---------------------------------------------------------------------

def decimals_needed(values, max_decimals: int = MAX_DECIMALS) -> np.ndarray:
    """Fewest decimals (0 … *max_decimals*) that show each value exactly."""
    values = np.abs(np.asarray(values, dtype=float))
    out = np.full(values.shape, max_decimals)
    for d in range(max_decimals, -1, -1):
        exact = np.isclose(np.round(values, d), values, rtol=1e-12, atol=1e-12)
        out[exact] = d
    return out


_SIMPLE_FORMAT = re.compile(r"^(#,##)?0(\.0+)?$")


def widen(fmt: str, decimals: int) -> str:
    """*fmt* (``0.0``, ``#,##0`` …) with at least *decimals* decimals; others unchanged."""
    if not _SIMPLE_FORMAT.match(fmt):
        return fmt
    whole, _, frac = fmt.partition(".")
    if decimals <= len(frac):
        return fmt
    return f"{whole}.{'0' * decimals}"


def number_formats(values: pd.Series, base: pd.Series, *, max_decimals: int = MAX_DECIMALS,
                   exact: bool = False) -> np.ndarray:
    """Excel number format of each value: its base format (from its unit), widened so that
    no digit up to *max_decimals* is hidden (a ``0.0`` format shows 0.25 as 0.25, not 0.3).
    With *exact*, the base's own decimals are dropped first (6 shows as 6, not 6.0)."""
    base = base.astype(object).where(base.notna() & base.astype(str).ne(""), "General").astype(str)
    if exact:
        base = base.map(lambda f: f.partition(".")[0] if _SIMPLE_FORMAT.match(f) else f)
    decimals = decimals_needed(pd.to_numeric(values, errors="coerce").fillna(0).to_numpy(), max_decimals)
    pairs = pd.DataFrame({"fmt": base.to_numpy(), "d": decimals})
    unique = pairs.drop_duplicates()
    lookup = {(f, d): widen(f, d) for f, d in zip(unique["fmt"], unique["d"])}
    return np.array([lookup[p] for p in zip(pairs["fmt"], pairs["d"])], dtype=object)
