"""Reading hand-curated CSV files as analysts really save them.

Every cell keeps the physical line it came from, so that later checks can name it.
What is safe to repair is repaired with a logged warning (an Excel GB18030 or BOM file, blank
lines, stray spaces, full-width digits, thousands separators, a ``%`` glued to a percentage,
an exactly duplicated row); anything else is a :class:`~indicators.exceptions.Problem`.
"""
from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from pathlib import Path

import pandas as pd

from ..exceptions import DataValidationError, Problem

log = logging.getLogger("indicators")

#: bookkeeping columns added to every table read here
FILE, LINE = "_file", "_line"

_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
#: a plain decimal number as a data file prints one: 58902, -6.8, 1e3
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def display_path(path: Path) -> str:
    """*path* relative to the working folder when inside it (``data/raw/units.csv``)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def decode(path: Path) -> str:
    """Return the text of *path*, accepting UTF-8 (with or without BOM) and GB18030.

    Excel on Chinese Windows saves "CSV" as GBK/GB18030 and "CSV UTF-8" with a BOM; both
    are read with a warning. Anything else raises :class:`DataValidationError` naming the
    line of the first undecodable byte.
    """
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        log.warning("%s: removed the UTF-8 byte-order mark that Excel adds", path)
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise DataValidationError(
                [Problem(display_path(path), line, None, data[utf8_error.start : utf8_error.start + 4],
                         "text encoded as UTF-8 (or GB18030); re-save the file as 'CSV UTF-8'")]
            ) from None
        log.warning("%s: read as GB18030 (Excel's Chinese 'CSV'); re-save it as 'CSV UTF-8'", path)
        return text


def read_csv(path: Path, *, columns: list[str], required: list[str]) -> pd.DataFrame:
    """Read a curated or registry CSV into strings, with ``_file`` and ``_line`` columns.

    Parameters
    ----------
    path : Path
        The CSV file.
    columns : list of str
        Every column the file may have; another column is a problem (a typo would
        otherwise drop data silently).
    required : list of str
        Columns that must be present.

    Raises
    ------
    DataValidationError
        For a missing or unknown column, a row with the wrong number of fields, or text
        that is not UTF-8 or GB18030.
    """
    name = display_path(path)
    reader = csv.reader(io.StringIO(decode(path), newline=""))
    problems: list[Problem] = []
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise DataValidationError([Problem(name, 1, None, None, "a header row")]) from None
    for col in required:
        if col not in header:
            problems.append(Problem(name, 1, col, None, f"a column named {col!r}"))
    for col in header:
        if col not in columns:
            problems.append(Problem(name, 1, col, None, f"only the columns {columns}"))
    if problems:
        raise DataValidationError(problems)

    rows, lines, blank = [], [], []
    start = 1
    for record in reader:
        line = start + 1  # the physical line the record starts on
        start = reader.line_num
        if not any(cell.strip() for cell in record):
            blank.append(line)
            continue
        if len(record) != len(header):
            problems.append(Problem(name, line, None, len(record),
                                    f"{len(header)} fields like the header (check for an unquoted comma)"))
            continue
        rows.append(record)
        lines.append(line)
    if problems:
        raise DataValidationError(problems)
    if blank:
        log.warning("%s: skipped blank line(s) %s", name, _ranges(blank))

    frame = pd.DataFrame(rows, columns=header, dtype=object)
    for col in columns:
        if col not in frame:
            frame[col] = ""
    frame = _strip(frame, name, lines)
    frame[FILE] = name
    frame[LINE] = lines
    return _drop_exact_duplicates(frame[columns + [FILE, LINE]], name)


def _strip(frame: pd.DataFrame, name: str, lines: list[int]) -> pd.DataFrame:
    stripped = frame.apply(lambda col: col.str.strip())
    changed = (stripped != frame).any(axis=1).to_numpy()
    if changed.any():
        log.warning("%s: removed stray spaces around cells on line(s) %s",
                    name, _ranges([ln for ln, c in zip(lines, changed) if c]))
    return stripped


def _drop_exact_duplicates(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    data_cols = [c for c in frame.columns if c not in (FILE, LINE)]
    dup = frame.duplicated(subset=data_cols, keep="first")
    if dup.any():
        first = frame[~dup].set_index(data_cols)[LINE]
        for _, row in frame[dup].iterrows():
            kept = first.loc[tuple(row[data_cols])]
            log.warning("%s: line %d repeats line %d exactly; dropped the repeat",
                        name, row[LINE], kept)
    return frame[~dup].reset_index(drop=True)


def parse_numbers(frame: pd.DataFrame, column: str, *, percent_unit: str = "%") -> tuple[pd.Series, list[Problem]]:
    """Parse *column* of a frame from :func:`read_csv` into floats.

    Full-width digits and signs (``９％``), a Unicode minus, thousands separators
    (``58,902``) and a ``%`` glued to a value whose ``unit`` is ``%`` are repaired with a
    warning. Anything else that is not a plain number becomes a problem.
    """
    values, problems = [], []
    repaired: dict[str, list[int]] = {}
    units = frame["unit"] if "unit" in frame else pd.Series("", index=frame.index)
    for text, unit, file, line in zip(frame[column], units, frame[FILE], frame[LINE]):
        value, fixes, expected = _parse_number(text, unit, percent_unit)
        for fix in fixes:
            repaired.setdefault(f"{file}: {fix}", []).append(line)
        if expected:
            problems.append(Problem(file, line, column, text, expected))
        values.append(value)
    for what, lines in repaired.items():
        log.warning("%s in column %r on line(s) %s", what, column, _ranges(lines))
    return pd.Series(values, index=frame.index, dtype="float64"), problems


def _parse_number(text: str, unit: str, percent_unit: str) -> tuple[float, list[str], str | None]:
    fixes = []
    s = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    if s != text:
        fixes.append("converted full-width characters or a Unicode minus")
    if s.endswith("%"):
        if unit != percent_unit:
            return float("nan"), fixes, f"a plain number; a '%' value needs unit {percent_unit!r}, not {unit!r}"
        s = s[:-1].strip()
        fixes.append("removed a '%' glued to the value")
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
        fixes.append("removed thousands separators")
    if not PLAIN_NUMBER.fullmatch(s):
        return float("nan"), fixes, "a number such as 58902 or -6.8 (declines are negative)"
    return float(s), fixes, None


def _ranges(lines: list[int]) -> str:
    """``[3, 4, 5, 9]`` -> ``'3-5, 9'``."""
    out, run = [], [lines[0]]
    for n in lines[1:]:
        if n == run[-1] + 1:
            run.append(n)
        else:
            out.append(run)
            run = [n]
    out.append(run)
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in out)
