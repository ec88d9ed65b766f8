"""Checks of an observations table against the contract, its registries and its sources.

Each check returns a list of :class:`~indicators.exceptions.Problem` (empty when the data
pass), so that one run reports every bad cell at once. Checks work column-wise and look up
each distinct quote once, so they stay linear in the number of rows.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .._cells import FORMULA_START
from ..exceptions import Problem
from ._rows import Cells, combined_codes, paused_gc
from ._rows import problems_at as _problems
from .derive import references
from .figures import best_actuals
from .provenance import check_provenance
from .read import FILE, LINE
from .registry import Registries
from .schema import schema

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?")
#: a plain number, which a spreadsheet reads as a number even with a leading + or -
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)%?")


def validate(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Every problem of *frame* (an observations table with ``_file``/``_line`` columns)."""
    with paused_gc():  # the distinct values of every column: millions of strings, no cycles
        cells = Cells(frame)
        problems = check_schema(frame, registries, cells)
        problems += check_formulas(frame, cells)
        problems += check_key(frame, cells)
        return problems + check_provenance(frame, registries, cells)


def check_schema(frame: pd.DataFrame, registries: Registries, cells: Cells) -> list[Problem]:
    """Types, required cells, allowed codes, patterns, registry references and the rules
    that tie ``kind`` to provenance (derived rows carry a method, others a source and quote).
    *cells* are *frame*'s columns factorized (each distinct value is checked once)."""
    s = schema()
    problems: list[Problem] = []
    for f in s.fields:
        if f.type == "number":
            problems += _problems(frame, frame[f.name].isna(), f.name, "a number")
            continue
        empty = cells.empty(f.name)
        if f.required:
            problems += _problems(frame, empty, f.name, "a value")
        if f.enum is not None:
            problems += _problems(frame, ~empty & ~cells.isin(f.name, f.enum), f.name, f"one of {list(f.enum)}")
        if f.pattern is not None:
            pattern = re.compile(f.pattern)
            bad = cells.where(f.name, lambda d: [v != "" and not (isinstance(v, str) and pattern.fullmatch(v))
                                                 for v in d])
            problems += _problems(frame, bad, f.name, f"text matching {f.pattern}")
        if f.name in s.foreign_keys:
            registry, key = s.foreign_keys[f.name]
            known = registries[registry][key]
            problems += _problems(frame, ~empty & ~cells.isin(f.name, known), f.name,
                                  f"a {key} listed in data/raw/{registry}.csv, such as {known.iloc[0]!r}")
    problems += _check_periods(frame, cells)
    derived = cells.isin("origin", ["derived"])
    problems += _problems(frame, derived & cells.empty("method"), "method",
                          "a method note on a derived row")
    problems += _problems(frame, derived & ~cells.empty("source_id"), "source_id",
                          "no source on a derived row (it is computed, see data/raw/derivations.csv)")
    for col in ("source_id", "quote"):
        problems += _problems(frame, ~derived & cells.empty(col), col,
                              f"a {col} on a printed figure (only derived rows may omit it)")
    known = set(registries["sources"].source_id)
    bad_also = cells.where("also_source_ids", lambda d: [
        v != "" and not (isinstance(v, str) and all(x in known for x in v.split(";"))) for v in d])
    problems += _problems(frame, bad_also, "also_source_ids",
                          "source ids from data/raw/sources.csv separated by ';'")
    return problems


def _check_periods(frame: pd.DataFrame, cells: Cells) -> list[Problem]:
    bad = cells.where("period", lambda d: [bool(p) and not _period_ok(p) for p in d])
    return _problems(frame, bad, "period",
                     "an ISO 8601 period: 2023, 2023-11 or 2023-01/2023-11 (months 01-12, start before end)")


def _period_ok(period: str) -> bool:
    m = _PERIOD.fullmatch(period)
    if not m:
        return False
    y1, m1, y2, m2 = m.groups()
    if any(mm is not None and not 1 <= int(mm) <= 12 for mm in (m1, m2)):
        return False
    if y2 is None:
        return True
    return (m1 is None) == (m2 is None) and (y1, m1 or "") < (y2, m2 or "")


def check_key(frame: pd.DataFrame, cells: Cells) -> list[Problem]:
    """The key (``series_id``, ``period``, ``kind``, ``origin``, ``vintage``) is unique,
    checked on one integer per row made of the columns' codes (*cells*)."""
    key = list(schema().primary_key)
    combined = combined_codes([cells[c][0] for c in key], [len(cells[c][1]) for c in key])
    later = pd.Series(combined).duplicated(keep="first").to_numpy()
    if not later.any():
        return []
    first = frame[~later].set_index(key)
    out = []
    for _, row in frame[later].iterrows():
        seen = first.loc[tuple(row[key])]
        out.append(Problem(row[FILE], int(row[LINE]), "series_id", "/".join(row[key]),
                           f"a unique ({', '.join(key)}); the same key is on "
                           f"{seen[FILE]} line {seen[LINE]}"))
    return out


def check_identities(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Accounting identities of ``data/raw/identities.csv`` hold within their tolerance.

    Each identity reads ``lhs = rhs`` where *rhs* adds and subtracts series (``a + b - c``)
    for one period; values are converted to the identity's unit through ``units.csv``.
    An identity whose series are not all in the data is reported too: it guards figures
    that must stay curated. *frame* holds one row per figure (its latest vintage). An
    identity of ``kind`` outturn ties the outturns (else estimates), one of kind target the
    targets; printed or derived alike (so an identity can tie figures computed from
    data/raw/derivations.csv).
    """
    problems = []
    mult = registries.multipliers
    by_kind = {"outturn": frame[frame["kind"].isin(["outturn", "estimate"])],
               "target": frame[frame["kind"].eq("target")]}
    by_kind = {k: (v.sort_values("kind", key=lambda s: s.eq("estimate"), kind="stable")
                   .drop_duplicates(["series_id", "period"]).set_index(["series_id", "period"]))
               for k, v in by_kind.items()}
    for _, ident in registries["identities"].iterrows():
        if ident.kind not in by_kind:
            problems.append(Problem(ident[FILE], int(ident[LINE]), "kind", ident.kind,
                                    "outturn (the outturns, else estimates) or target"))
            continue
        values = by_kind[ident.kind]
        rhs = [(-1.0 if sign == "-" else 1.0, sid)
               for sign, sid in re.findall(r"([+-]?)\s*([a-z0-9_.]+)", ident.rhs)]
        where = (ident[FILE], int(ident[LINE]))
        missing = [sid for _, sid in [(1.0, ident.lhs)] + rhs if (sid, ident.period) not in values.index]
        units = [values.loc[(sid, ident.period), "unit"] for _, sid in [(1.0, ident.lhs)] + rhs
                 if sid not in missing] + [ident.unit]
        if not all(u in mult.index for u in units):
            continue  # the unknown unit is reported by check_schema (or the registry check)
        if missing:
            problems.append(Problem(*where, "lhs", ident.identity,
                                    f"{ident.kind} rows (printed or derived) for {missing} in {ident.period}"))
            continue

        def converted(sid: str) -> float:
            row = values.loc[(sid, ident.period)]
            return row["value"] * mult[row["unit"]] / mult[ident.unit]

        gap = converted(ident.lhs) - sum(sign * converted(sid) for sign, sid in rhs)
        if abs(gap) > float(ident.tolerance) + 1e-9:
            feeders = _feeders(frame, values, registries, [ident.lhs] + [sid for _, sid in rhs], ident.period,
                               ident.kind)
            named = "; ".join(f"{f} line {ln} ({sid} {v:g} {u})" for f, ln, sid, v, u in feeders)
            problems.append(Problem(*where, "rhs", f"{ident.lhs} - ({ident.rhs}) = {gap:.6g} {ident.unit}",
                                    f"the identity to hold within {ident.tolerance} {ident.unit}; "
                                    f"it is fed by {named}"))
            problems += [Problem(f, ln, "value", v, f"a value that keeps the identity {ident.identity} "
                                 f"({where[0]} line {where[1]}) within {ident.tolerance} {ident.unit}, "
                                 f"which is off by {gap:.6g}; check this row against its quote")
                         for f, ln, sid, v, u in feeders]
    return problems


def _feeders(frame, values, registries, series: list[str], period: str, kind: str) -> list[tuple]:
    """(file, line, series, value, unit) of the curated rows that feed *series* in
    *period*: the rows themselves, or the inputs of the derivation of a derived row."""
    printed = frame[frame["origin"] != "derived"]
    printed = best_actuals(printed).set_index(["series_id", "period"])
    targets = frame[(frame["origin"] != "derived") & (frame["kind"] == "target")].set_index(["series_id", "period"])
    specs = registries["derivations"]
    specs = specs[specs["kind"].eq("target") == (kind == "target")].set_index(["series_id", "period"])
    out = []
    for sid in series:
        row = values.loc[(sid, period)]
        if row["origin"] != "derived" or (sid, period) not in specs.index:
            out.append((row[FILE], int(row[LINE]), sid, row["value"], row["unit"]))
            continue
        for s, p, k in references(str(specs.loc[(sid, period), "inputs"])):
            found = targets if k == "target" else printed
            if (s, p) in found.index:
                fed = found.loc[(s, p)]
                out.append((fed[FILE], int(fed[LINE]), s, fed["value"], fed["unit"]))
    return out


def check_formulas(frame: pd.DataFrame, cells: Cells) -> list[Problem]:
    """No curated text cell begins like a spreadsheet formula (``= + - @``, numbers
    aside, or a tab or carriage return); each distinct value of a column (*cells*) is
    looked at once."""
    problems = []
    for col in frame.columns:
        if col in (FILE, LINE) or not (pd.api.types.is_object_dtype(frame[col])
                                       or pd.api.types.is_string_dtype(frame[col])):
            continue
        bad = cells.where(col, _formula_like)
        if bad.any():
            problems += _problems(frame, bad, col, FORMULA_MESSAGE)
    return problems


def _formula_like(values: np.ndarray) -> np.ndarray:
    """Which of *values* a spreadsheet would run as a formula (see :func:`check_formulas`)."""
    return np.array([isinstance(v, str) and v[:1] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(v)
                     for v in values], dtype=bool)


#: why text that begins like a formula is refused
FORMULA_MESSAGE = ("text that does not begin with =, +, -, @, a tab or a carriage return: Excel and "
                   "LibreOffice run such a cell as a formula when they open the CSV, so it could open a "
                   "link or fetch data on the reader's machine; reword it (or put a word first)")


#: lines of problems printed on the terminal; past that the full list goes to a file
SCREENFUL = 40
#: where the full list goes, under the project folder
PROBLEMS_FILE = "reports/validation-problems.txt"


def problem_report(problems: list[Problem], *, root=None) -> str:
    """Every problem, grouped by file, as the command line prints it.

    Up to :data:`SCREENFUL` lines the report is printed whole; past that, the full list is
    written (atomically) to ``reports/validation-problems.txt`` of the project and the report
    prints the first screenful and says where the rest is.
    """
    from .._atomic import atomic_path
    from ..paths import project

    lines = _grouped(problems)
    head = f"{len(problems)} problem(s) in the data, by file:"
    tail = "Fix the rows named above (data/raw/ is yours to edit) and run the command again."
    if len(lines) <= SCREENFUL:
        return "\n".join([head, *lines, tail])
    path = project(root).reports / PROBLEMS_FILE.split("/", 1)[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text("\n".join([head, *lines, ""]), encoding="utf-8")
    return "\n".join([head, *lines[:SCREENFUL],
                      f"... {len(lines) - SCREENFUL} more lines: the full list is in {path}", tail])


def _grouped(problems: list[Problem]) -> list[str]:
    """A heading line per file, then an indented line per problem in it, in line order;
    each problem line names its file too, so that it can be searched for or copied alone."""
    lines, current = [], None
    for p in sorted(problems, key=lambda p: (p.file, p.line or 0)):
        if p.file != current:
            current = p.file
            lines.append(f"{current}:")
        lines.append(f"  {p}")
    return lines
