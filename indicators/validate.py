"""Checks of an observations table against the contract, its registries and its sources.

Each check returns a list of :class:`~indicators.exceptions.Problem` (empty when the data
pass), so that one run reports every bad cell at once. Checks work column-wise and look up
each distinct quote once, so they stay linear in the number of rows.
"""
from __future__ import annotations

import re

import ahocorasick
import numpy as np
import pandas as pd

from .exceptions import Problem
from .read import FILE, LINE
from .registry import Registries, normalise_text
from .schema import schema

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?")
_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")


def validate(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Every problem of *frame* (an observations table with ``_file``/``_line`` columns)."""
    problems = check_schema(frame, registries)
    problems += check_key(frame)
    problems += check_provenance(frame, registries)
    return problems


def _problems(frame: pd.DataFrame, mask, column: str | None, expected: str, value=None) -> list[Problem]:
    """One problem per row of *frame* where *mask* is true."""
    bad = frame[np.asarray(mask, dtype=bool)]
    values = bad[column] if value is None and column is not None else [value] * len(bad)
    return [Problem(f, int(ln), column, v, expected)
            for f, ln, v in zip(bad[FILE], bad[LINE], values)]


def check_schema(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Types, required cells, allowed codes, patterns, registry references and the rules
    that tie ``kind`` to provenance (derived rows carry a method, others a source and quote)."""
    s = schema()
    problems: list[Problem] = []
    for f in s.fields:
        col = frame[f.name]
        if f.type == "number":
            problems += _problems(frame, col.isna(), f.name, "a number")
            continue
        empty = col.eq("")
        if f.required:
            problems += _problems(frame, empty, f.name, "a value")
        if f.enum is not None:
            problems += _problems(frame, ~empty & ~col.isin(f.enum), f.name, f"one of {list(f.enum)}")
        if f.pattern is not None:
            bad = ~empty & ~col.str.fullmatch(f.pattern)
            problems += _problems(frame, bad, f.name, f"text matching {f.pattern}")
        if f.name in s.foreign_keys:
            registry, key = s.foreign_keys[f.name]
            known = registries[registry][key]
            problems += _problems(frame, ~empty & ~col.isin(known), f.name,
                                  f"a {key} listed in data/raw/{registry}.csv, such as {known.iloc[0]!r}")
    problems += _check_periods(frame)
    derived = frame["kind"].eq("derived")
    problems += _problems(frame, derived & frame["method"].eq(""), "method",
                          "a method note on a derived row")
    problems += _problems(frame, derived & frame["source_id"].ne(""), "source_id",
                          "no source on a derived row (it is computed, see data/raw/derivations.csv)")
    for col in ("source_id", "quote"):
        problems += _problems(frame, ~derived & frame[col].eq(""), col,
                              f"a {col} on a printed figure (only derived rows may omit it)")
    also = frame["also_source_ids"]
    known = set(registries["sources"].source_id)
    bad_also = also.ne("") & ~also.map(lambda v: all(x in known for x in v.split(";")))
    problems += _problems(frame, bad_also, "also_source_ids",
                          "source ids from data/raw/sources.csv separated by ';'")
    catalogue = registries["series"].set_index("series_id")
    unknown = ~frame["series_id"].isin(catalogue.index)
    problems += _problems(frame, unknown & frame["series_id"].ne(""), "series_id",
                          "a series listed in data/raw/series.csv (add it there first)")
    return problems


def _check_periods(frame: pd.DataFrame) -> list[Problem]:
    periods = pd.Series(pd.unique(frame["period"]))
    bad = {p for p in periods if p and not _period_ok(p)}
    return _problems(frame, frame["period"].isin(bad), "period",
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


def check_key(frame: pd.DataFrame) -> list[Problem]:
    """The key (``series_id``, ``period``, ``kind``) is unique."""
    key = list(schema().primary_key)
    later = frame.duplicated(key, keep="first")
    if not later.any():
        return []
    first = frame[~later].set_index(key)
    out = []
    for _, row in frame[later].iterrows():
        seen = first.loc[tuple(row[key])]
        out.append(Problem(row[FILE], int(row[LINE]), "series_id", "/".join(row[key]),
                           f"a unique (series_id, period, kind); the same key is on "
                           f"{seen[FILE]} line {seen[LINE]}"))
    return out


def check_provenance(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Each quote occurs in its source (and in every ``also_source_ids`` document) once
    whitespace and full-width forms are ignored; the value occurs in the quote as a number;
    a qualifier other than ``exact`` has one of its markers (左右, 以上 …) in the quote."""
    printed = frame[frame["kind"].ne("derived") & frame["quote"].ne("")]
    texts = registries.source_texts
    problems: list[Problem] = []

    quotes = pd.Series(pd.unique(printed["quote"]))
    norm = dict(zip(quotes, quotes.map(normalise_text)))
    claims = printed[["source_id", "quote"]].drop_duplicates()
    also = printed.loc[printed["also_source_ids"].ne(""), ["also_source_ids", "quote"]].drop_duplicates()
    for ids, quote in zip(also["also_source_ids"], also["quote"]):
        claims = pd.concat([claims, pd.DataFrame({"source_id": ids.split(";"), "quote": quote})])
    found = set()
    for sid, group in claims.groupby("source_id"):
        if sid in texts:
            found |= {(sid, q) for q in _occurring(texts[sid], group["quote"].map(norm))}
    for col in ("source_id", "also_source_ids"):
        rows = printed[printed[col].ne("")]
        missing = [not all((sid, norm[q]) in found for sid in ids.split(";") if sid in texts)
                   for ids, q in zip(rows[col], rows["quote"])]
        problems += _problems(rows, missing, "quote",
                              f"text that occurs verbatim in the document named by {col} "
                              "(whitespace is ignored; copy the fragment from the file)")

    tokens = {q: {float(t) for t in _NUMBER_IN_TEXT.findall(_DIGIT_COMMA.sub("", norm[q]))}
              for q in quotes}
    no_value = [abs(v) not in tokens[q] for v, q in zip(printed["value"], printed["quote"])]
    problems += _problems(printed, no_value, "value",
                          "a value printed in the quote (as a number; declines as negatives)")

    markers = registries["qualifiers"].set_index("qualifier")["markers"]
    qualified = printed[printed["qualifier"].isin(markers.index) & printed["qualifier"].ne("exact")]
    no_marker = [not any(m in norm[q] for m in markers[k].split("|") if m)
                 for k, q in zip(qualified["qualifier"], qualified["quote"])]
    problems += _problems(qualified, no_marker, "qualifier",
                          "a qualifier whose wording (data/raw/qualifiers.csv markers) is in the quote")
    return problems


def _occurring(text: str, needles: pd.Series) -> set[str]:
    """The needles that occur in *text*, in one pass over it (Aho–Corasick)."""
    automaton = ahocorasick.Automaton()
    for needle in pd.unique(needles):
        if needle:
            automaton.add_word(needle, needle)
    if len(automaton) == 0:
        return set()
    automaton.make_automaton()
    return {needle for _, needle in automaton.iter(text)}


def check_identities(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Accounting identities of ``data/raw/identities.csv`` hold within their tolerance.

    Each identity reads ``lhs = rhs`` where *rhs* adds and subtracts series (``a + b - c``)
    for one period; values are converted to the identity's unit through ``units.csv``.
    An identity whose series are not all in the data is reported too: it guards figures
    that must stay curated. Values are the printed outturns and estimates, else derived
    rows (so an identity can tie figures computed from data/raw/derivations.csv).
    """
    problems = []
    values = frame[frame["kind"].isin(["outturn", "estimate", "derived"])]
    values = (values.sort_values("kind", key=lambda k: k.eq("derived"), kind="stable")
              .drop_duplicates(["series_id", "period"]).set_index(["series_id", "period"]))
    mult = registries.multipliers
    for _, ident in registries["identities"].iterrows():
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
                                    f"outturns, estimates or derived rows for {missing} in {ident.period}"))
            continue

        def converted(sid: str) -> float:
            row = values.loc[(sid, ident.period)]
            return row["value"] * mult[row["unit"]] / mult[ident.unit]

        gap = converted(ident.lhs) - sum(sign * converted(sid) for sign, sid in rhs)
        if abs(gap) > float(ident.tolerance) + 1e-9:
            problems.append(Problem(*where, "rhs", f"{ident.lhs} - ({ident.rhs}) = {gap:.6g} {ident.unit}",
                                    f"the identity to hold within {ident.tolerance} {ident.unit}"))
    return problems
