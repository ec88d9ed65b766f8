"""How a table is shown to a reader: the one presentation of the pages, the workbook and the charts.

:func:`present_table` turns a frame into what a reader sees: the columns in reading order,
bilingual headers, numbers rounded as printed, codes in words, no index and no ``NaN``.
The reader pages print its :attr:`Presented.text`; the workbook writes its
:attr:`Presented.values` with its :attr:`Presented.formats` (Excel number formats that
show the same digits); the charts' tables beside the plot print the same columns with
:func:`number_texts`.

The rules are data: ``columns.csv`` beside this module, one row per column, in reading
order (the name first: ``name_zh``, else ``name_en``; long texts last):

``title_zh``, ``title_en``
    the header's two halves, for columns outside the observations contract (the contract's
    columns take their titles from ``observations.schema.json``);
``type``
    ``text``; ``prose`` (sentences: shown last, given room to wrap); ``period`` (text:
    ``2024`` on a sheet, ``2024年`` / ``2024`` on a page); ``unit``; ``qualifier``;
    ``word`` (a code such as a kind or origin, in words on a page); ``status`` (a result of
    :func:`indicators.targets_vs_outturns`, in words everywhere); ``flag`` (yes/no in
    words: spreadsheets print booleans as TRUE/FALSE or 1/0); ``figure`` (a printed
    figure: all its digits when it has at most :data:`PRINTED_DECIMALS`, else rounded as a
    computed number) or ``number`` (a computed number, rounded);
``unit_column``
    for numbers, the column naming each row's unit: its ``number_format`` in
    ``data/raw/units.csv`` sets the thousands separator and, unless ``decimals`` is given,
    how many decimals a rounded number keeps (``#,##0.0``: one);
``decimals``
    for numbers, the decimals a rounded number keeps (without a unit:
    :data:`DEFAULT_DECIMALS`).

Trailing zeros are never shown (``6``, not ``6.0``; ``2.25``), as the documents print them;
numbers round half away from zero, as Excel does. Words for codes are the chart words
(``words.csv`` beside this module, then ``labels.json``).
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from .. import _words
from ..exceptions import IndicatorsError
from ..paths import project
from . import periods
from .registry import Registries, load_registries
from .schema import schema
from .units import unit_table

COLUMNS_FILE = Path(__file__).with_name("columns.csv")
WORDS_FILE = Path(__file__).with_name("words.csv")
TYPES = ("text", "prose", "period", "unit", "qualifier", "word", "status", "flag", "figure", "number")
#: a printed figure with at most this many decimals shows all of them: the documents print
#: at most two, while a computed figure (16.666667) carries float noise past them
PRINTED_DECIMALS = 3
#: decimals a rounded number keeps when neither the registry nor its unit says
DEFAULT_DECIMALS = 2
#: what a missing number shows (a missing text is an empty cell)
MISSING = "–"


@dataclass(frozen=True)
class Presented:
    """A table as a reader sees it; every frame has the headers as columns and no index."""

    #: every cell as shown, text (``""`` for a missing text, :data:`MISSING` for a number)
    text: pd.DataFrame
    #: the cells for a spreadsheet: numbers as floats (``NaN`` where none), all else as
    #: in :attr:`text` (``None`` where empty)
    values: pd.DataFrame
    #: header -> the Excel number format of each row, for every number column; Excel
    #: shows each value as :attr:`text` does
    formats: dict[str, list[str]]
    #: per column, ``"number"``, ``"prose"`` or ``""`` (how a page aligns and wraps it)
    classes: tuple[str, ...]


def present_table(frame: pd.DataFrame, *, lang: str | None = None,
                  root: str | os.PathLike | None = None) -> Presented:
    """*frame* as a reader sees it: reading order, bilingual headers, numbers as printed.

    Parameters
    ----------
    frame : DataFrame
        Columns from the observations contract or ``columns.csv``; the index is dropped,
        so make labels columns first (``reset_index``).
    lang : {"zh", "en"} or None, default None
        Language of periods, units, qualifiers and codes on a page (headers are always
        bilingual). None, for the workbook: periods, units, qualifiers and codes stay as
        the data write them (``2023-01/2023-11``, ``about``), statuses and flags read in
        both languages (``达成 met``, ``是 yes``).
    root : path-like, optional
        Project whose ``data/raw/units.csv`` and ``qualifiers.csv`` are used.

    Returns
    -------
    Presented

    Raises
    ------
    IndicatorsError
        If a column is not in ``columns.csv`` (the message says where to add it).
    """
    if lang is not None:
        _words.check_lang(lang)
    root = str(project(root).root)
    rules = column_rules()
    for column in frame.columns:
        _rule(column)
    rank = {c: i for i, c in enumerate(rules)}
    if "name_zh" not in frame.columns:  # an English page's name column leads as the Chinese one would
        rank["name_en"] = rank["name_zh"]
    order = sorted(frame.columns, key=lambda c: (rules[c]["type"] == "prose", rank[c]))
    frame = frame.reset_index(drop=True)
    text, values, formats, classes = {}, {}, {}, []
    for column in order:
        name, kind = header(column), rules[column]["type"]
        if kind in ("figure", "number"):
            numbers, text[name], formats[name] = _numbers(frame, column, unit_table(root))
            # a negative number shown as 0 is stored as 0: Excel would show "-0"
            values[name] = [0.0 if s == "0" else x for x, s in zip(numbers, text[name])]
        else:
            words = {}  # each distinct value worded once
            text[name] = [words[v] if v in words else words.setdefault(v, _word(v, kind, lang, root))
                          for v in frame[column].astype(object).tolist()]
            values[name] = [s or None for s in text[name]]
        classes.append("number" if kind in ("figure", "number") else "prose" if kind == "prose" else "")
    headers = list(text)
    return Presented(pd.DataFrame(text, columns=headers), pd.DataFrame(values, columns=headers, dtype=object)
                     .astype({h: float for h in formats}), formats, tuple(classes))


def header(column: str) -> str:
    """The bilingual header of *column*: the contract's title (``数值 / Value``), else
    ``columns.csv``'s (``目标值 / Target``).

    Raises
    ------
    IndicatorsError
        If *column* is not in ``columns.csv``.
    """
    if column in schema().columns:
        return schema().field(column).title
    rule = _rule(column)
    return f"{rule['title_zh']} / {rule['title_en']}"


def status_text(status: str, lang: str | None = None) -> str:
    """A status as a table shows it: ``达成`` / ``met``, both (``达成 met``) when *lang* is None."""
    return _word(status, "status", lang, "")


def number_texts(frame: pd.DataFrame, column: str, *, root: str | os.PathLike | None = None,
                 registries: Registries | None = None, minus: str = "-", decimals: int | None = None) -> list[str]:
    """Each number of ``frame[column]`` as a table shows it (:data:`MISSING` when missing),
    with *minus* as the minus sign (a chart passes U+2212); *frame* holds the column's
    ``unit_column`` where it has one. Units from *registries* when given, else from *root*.
    With *decimals*, every number is rounded to at most that many (a crowded chart passes 0),
    the thousands separator still the unit's."""
    _, texts, _ = _numbers(frame.reset_index(drop=True), column, unit_table(root, registries=registries), decimals)
    return [t.replace("-", minus, 1) for t in texts]


def number_formats(frame: pd.DataFrame, column: str, *, root: str | os.PathLike | None = None,
                   registries: Registries | None = None) -> list[str]:
    """The Excel number format of each number of ``frame[column]`` (``0.0``, ``#,##0``):
    it shows what :func:`number_texts` prints."""
    return _numbers(frame.reset_index(drop=True), column, unit_table(root, registries=registries))[2]


@cache
def column_rules() -> dict[str, dict[str, str]]:
    """``columns.csv`` by column, in reading order (read once).

    Raises
    ------
    IndicatorsError
        If a row has an unknown ``type`` or ``decimals`` that is not a whole number.
    """
    with open(COLUMNS_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, 2):
        if row["type"] not in TYPES:
            raise IndicatorsError(f"{COLUMNS_FILE}, line {line}, column type: {row['type']!r} for "
                                  f"{row['column']!r}; the type must be one of {list(TYPES)}.")
        if row["decimals"] and not row["decimals"].isdigit():
            raise IndicatorsError(f"{COLUMNS_FILE}, line {line}, column decimals: {row['decimals']!r} for "
                                  f"{row['column']!r}; write a whole number such as 1, or leave it empty.")
    return {row["column"]: row for row in rows}


def _rule(column: str) -> dict[str, str]:
    rule = column_rules().get(column)
    if rule is None:
        raise IndicatorsError(
            f"present_table(): no header for column {column!r}. Add a row to {COLUMNS_FILE} (column, title_zh, "
            f"title_en, type, unit_column, decimals), or rename the column to one listed there: "
            f"{', '.join(column_rules())}.")
    return rule


# --- numbers -----------------------------------------------------------------------------

def _numbers(frame: pd.DataFrame, column: str, units: pd.DataFrame,
             most: int | None = None) -> tuple[list[float], list[str], list[str]]:
    """The numbers of *column*, each as shown and its Excel format (*units*: ``units.csv``
    indexed by unit), rounded to at most *most* decimals when given; worked out once for
    each distinct number and unit."""
    rule = _rule(column)
    numbers = pd.to_numeric(frame[column], errors="coerce").astype(float).tolist()
    unit_col = rule["unit_column"]
    row_units = frame[unit_col].astype(object).tolist() if unit_col and unit_col in frame else [None] * len(numbers)
    patterns = units["number_format"].astype(str).to_dict()
    done: dict[tuple, tuple[str, str]] = {}
    for x, unit in zip(numbers, row_units):
        if (x, unit) not in done:
            pattern = patterns.get(unit) if isinstance(unit, str) else None
            keep = (most if most is not None else int(rule["decimals"]) if rule["decimals"] else
                    len(pattern.partition(".")[2]) if pattern is not None else DEFAULT_DECIMALS)
            decimals = _decimals(x)
            if not (rule["type"] == "figure" and decimals <= PRINTED_DECIMALS and most is None):
                decimals = _decimals(float(_round(x, keep))) if pd.notna(x) else 0
            thousands = pattern is None or "," in pattern
            done[x, unit] = _text(x, decimals, thousands), _excel_format(decimals, thousands)
    shown = [done[x, unit] for x, unit in zip(numbers, row_units)]
    return numbers, [t for t, _ in shown], [f for _, f in shown]


def _exact(x: float) -> Decimal:
    """*x* to 15 significant digits, as Excel reads a float (0.1 + 0.2 is 0.3)."""
    return Decimal(f"{x:.15g}")


def _decimals(x: float) -> int:
    """Fewest decimals that show *x* exactly (0 when missing)."""
    if pd.isna(x):
        return 0
    return max(0, -_exact(x).normalize().as_tuple().exponent)


def _round(x: float, decimals: int) -> Decimal:
    return _exact(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _text(x: float, decimals: int, thousands: bool) -> str:
    if pd.isna(x):
        return MISSING
    rounded = _round(x, decimals)
    rounded = abs(rounded) if rounded == 0 else rounded  # never "-0"
    return f"{rounded:,.{decimals}f}" if thousands else f"{rounded:.{decimals}f}"


def _excel_format(decimals: int, thousands: bool) -> str:
    return ("#,##0" if thousands else "0") + ("." + "0" * decimals if decimals else "")


# --- words -------------------------------------------------------------------------------

@cache
def _value_words() -> dict[str, dict[str, str]]:
    with open(WORDS_FILE, encoding="utf-8", newline="") as fh:
        return {row["value"]: row for row in csv.DictReader(fh)}


@cache
def _qualifier_words(root: str) -> dict[str, dict[str, str]]:
    return _words.qualifier_names(load_registries(project(root))["qualifiers"])


def _word(value, kind: str, lang: str | None, root: str) -> str:
    """A non-number cell as shown: ``""`` when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "flag":
        value = "true" if value in (True, "True", "true") else "false"
    if kind in ("status", "flag"):
        both = [word(str(value), lang) for lang in _words.LANGS]
        return " ".join(both) if lang is None else word(str(value), lang)
    if lang is None or kind in ("text", "prose"):
        return _period_code(value) if kind == "period" else str(value)
    if kind == "period":
        return periods.label(_period_code(value), lang)
    if kind == "unit":
        units = unit_table(root)
        english = lang == "en" and value != "%" and value in units.index
        return str(units.loc[value, "name_en"]) if english else str(value)
    if kind == "qualifier":
        return _qualifier_words(root).get(str(value), {}).get(lang, str(value))
    return word(str(value), lang)


def _period_code(value) -> str:
    """``2024``, also when a CSV reader made the period the number 2024."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def word(value: str, lang: str) -> str:
    """A code as a reader reads it: a status, kind, origin or role in *lang* (the chart
    ``words.csv`` beside this module, then the chart words of ``labels.json``)."""
    known = _value_words().get(value)
    if known is not None:
        return known[lang]
    labels = _words.labels()
    if value in labels["status"]:
        return _words.status_word(value, lang)
    if value in labels["kind"]:
        return _words.kind_word(value, lang, start=True)
    return labels["text"].get(value, {}).get(lang, value)
