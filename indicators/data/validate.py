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

from ..exceptions import Problem
from .read import FILE, LINE
from .registry import Registries, normalise_text
from .schema import schema

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?")
_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
_DIGIT_COMMA = re.compile(r",(?<=\d,)(?=\d{3})")  # a comma between digits: 58,902
_NUMBER_OR_BREAK = re.compile(_NUMBER_IN_TEXT.pattern + r"|\n")


def validate(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Every problem of *frame* (an observations table with ``_file``/``_line`` columns)."""
    problems = check_schema(frame, registries)
    problems += check_key(frame)
    problems += check_provenance(frame, registries)
    return problems


def _text(col: pd.Series) -> np.ndarray:
    """The cells of a text column as an object array (no copy for pandas' ``str`` dtype),
    which numpy compares several times faster than pandas' string methods."""
    return col.to_numpy(dtype=object)


def _problems(frame: pd.DataFrame, mask, column: str | None, expected: str, value=None) -> list[Problem]:
    """One problem per row of *frame* where *mask* is true."""
    rows = np.flatnonzero(np.asarray(mask, dtype=bool))
    if len(rows) == 0:
        return []
    bad = frame.iloc[rows]
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
        empty = _text(col) == ""
        if f.required:
            problems += _problems(frame, empty, f.name, "a value")
        if f.enum is not None:
            problems += _problems(frame, ~empty & ~col.isin(f.enum), f.name, f"one of {list(f.enum)}")
        if f.pattern is not None:
            pattern = re.compile(f.pattern)
            bad = [v for v in pd.unique(_text(col))
                   if v != "" and not (isinstance(v, str) and pattern.fullmatch(v))]
            problems += _problems(frame, col.isin(bad), f.name, f"text matching {f.pattern}")
        if f.name in s.foreign_keys:
            registry, key = s.foreign_keys[f.name]
            known = registries[registry][key]
            problems += _problems(frame, ~empty & ~col.isin(known), f.name,
                                  f"a {key} listed in data/raw/{registry}.csv, such as {known.iloc[0]!r}")
    problems += _check_periods(frame)
    derived = _text(frame["origin"]) == "derived"
    problems += _problems(frame, derived & (_text(frame["method"]) == ""), "method",
                          "a method note on a derived row")
    problems += _problems(frame, derived & (_text(frame["source_id"]) != ""), "source_id",
                          "no source on a derived row (it is computed, see data/raw/derivations.csv)")
    for col in ("source_id", "quote"):
        problems += _problems(frame, ~derived & (_text(frame[col]) == ""), col,
                              f"a {col} on a printed figure (only derived rows may omit it)")
    also = frame["also_source_ids"]
    known = set(registries["sources"].source_id)
    bad_also = also.isin([v for v in pd.unique(_text(also)) if v != "" and not
                          (isinstance(v, str) and all(x in known for x in v.split(";")))])
    problems += _problems(frame, bad_also, "also_source_ids",
                          "source ids from data/raw/sources.csv separated by ';'")
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
    """The key (``series_id``, ``period``, ``kind``, ``origin``, ``vintage``) is unique."""
    key = list(schema().primary_key)
    later = frame.duplicated(key, keep="first")
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


def check_provenance(frame: pd.DataFrame, registries: Registries) -> list[Problem]:
    """Each quote occurs in its source (and in every ``also_source_ids`` document) once
    whitespace and full-width forms are ignored; the value occurs in the quote as a number;
    a qualifier other than ``exact`` has one of its markers (左右, 以上 …) in the quote.

    Each distinct quote is normalised, and its numbers read, once; each source is searched
    once for all the quotes claimed from it. Rows refer to their normalised quote by an
    integer code, so the rest are array look-ups, linear in the number of rows.
    """
    printed = frame[(_text(frame["origin"]) != "derived") & (_text(frame["quote"]) != "")]
    texts = registries.source_texts
    problems: list[Problem] = []

    quote_codes, quotes = pd.factorize(_text(printed["quote"]))
    norm_codes, norms = pd.factorize(_normalise_all(quotes))
    norms = np.asarray(norms, dtype=object)
    row_norm = norm_codes[quote_codes].astype(np.int64)  # each row's normalised quote: norms[code]

    sources = {col: _text(printed[col]) for col in ("source_id", "also_source_ids")}
    claimed: dict[str, list[np.ndarray]] = {}
    for sid, rows in _groups(sources["source_id"]):
        claimed.setdefault(sid, []).append(row_norm[rows])
    for ids, rows in _groups(sources["also_source_ids"]):
        for sid in ids.split(";") if ids else []:
            claimed.setdefault(sid, []).append(row_norm[rows])
    found = {sid: np.sort(_occurring(texts[sid], norms, pd.unique(np.concatenate(codes))))
             for sid, codes in claimed.items() if sid in texts}
    none = np.array([], dtype=np.int64)
    for col, values in sources.items():
        missing = np.zeros(len(printed), dtype=bool)
        for ids, rows in _groups(values):
            for sid in ids.split(";") if ids else []:
                if sid in texts:
                    missing[rows] |= ~_isin_sorted(row_norm[rows], found.get(sid, none))
        problems += _problems(printed, missing, "quote",
                              f"text that occurs verbatim in the document named by {col} "
                              "(whitespace is ignored; copy the fragment from the file)")

    # the value among the numbers of its quote, with (quote, number) pairs as integer keys
    number_norm, number = _numbers(norms)
    value = np.abs(printed["value"].to_numpy(dtype=float))
    codes, distinct = pd.factorize(np.concatenate([value, number]))  # a NaN value gets -1
    keys = np.concatenate([row_norm, number_norm]) * (len(distinct) + 1) + (codes + 1)
    no_value = ~pd.Index(keys[:len(value)]).isin(keys[len(value):])
    problems += _problems(printed, no_value, "value",
                          "a value printed in the quote (as a number; declines as negatives)")

    markers = registries["qualifiers"].set_index("qualifier")["markers"]
    qualifier = _text(printed["qualifier"])
    no_marker = np.zeros(len(printed), dtype=bool)
    for k, rows in _groups(qualifier):
        if k in markers.index and k != "exact":
            codes = np.sort(pd.unique(row_norm[rows]))
            has = _containing(norms[codes], [m for m in markers[k].split("|") if m])
            no_marker[rows] = _isin_sorted(row_norm[rows], codes[~has])
    problems += _problems(printed, no_marker, "qualifier",
                          "a qualifier whose wording (data/raw/qualifiers.csv markers) is in the quote")
    return problems


def _normalise_all(texts) -> np.ndarray:
    """:func:`~indicators.registry.normalise_text` of each of *texts*, in one call on
    the texts joined by NUL, which is neither whitespace nor changed or combined by NFKC
    (one text by one when a text holds a NUL itself)."""
    texts = [str(t) for t in texts]
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):
        return np.array([normalise_text(t) for t in texts], dtype=object)
    return np.array(normalise_text(joined).split("\0") if texts else [], dtype=object)


def _numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The numbers printed in each of *texts* (normalised, so without whitespace), as
    (index of the text, number) arrays; ``58,902`` reads as 58902.

    One regular-expression pass over the texts joined by line breaks, which no number
    spans, instead of one per text.
    """
    tokens = np.array(_NUMBER_OR_BREAK.findall(_DIGIT_COMMA.sub("", "\n".join(texts))), dtype=object)
    is_break = tokens == "\n"
    index = np.cumsum(is_break)[~is_break].astype(np.int64)
    codes, distinct = pd.factorize(tokens[~is_break])  # read each distinct number once
    return index, np.array(list(map(float, distinct)), dtype=float)[codes]


def _containing(texts: np.ndarray, words: list[str]) -> np.ndarray:
    """For each of *texts* (normalised, so without whitespace): does it contain any of
    *words*? One regular-expression pass over the texts joined by line breaks."""
    words = [w for w in words if "".join(w.split()) == w]  # whitespace is never in a text
    if not words:
        return np.zeros(len(texts), dtype=bool)
    pattern = re.compile("|".join(["\n"] + [re.escape(w) for w in sorted(words, key=len, reverse=True)]))
    tokens = np.array(pattern.findall("\n".join(texts)), dtype=object)
    is_break = tokens == "\n"
    has = np.zeros(len(texts), dtype=bool)
    has[np.cumsum(is_break)[~is_break]] = True
    return has


def _groups(values: np.ndarray):
    """Yield (distinct value, positions where it occurs) for each distinct value of *values*."""
    codes, distinct = pd.factorize(values)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(distinct) + 1))
    for i, value in enumerate(distinct):
        yield value, order[bounds[i]:bounds[i + 1]]


def _isin_sorted(values: np.ndarray, sorted_: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_)`` for a sorted *sorted_*, by binary search."""
    if len(sorted_) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_, values), len(sorted_) - 1)
    return sorted_[at] == values


def _occurring(text: str, needles: np.ndarray, codes) -> np.ndarray:
    """The *codes* whose needle (``needles[code]``) occurs in *text*, found in one pass
    over it (Aho–Corasick).

    The automaton holds a prefix of each needle, long enough to be shared by at most
    :data:`_SHARED_PREFIX` needles, and each hit is confirmed with ``startswith``: the
    automaton's size, and time to build, then grow with the number of needles rather
    than with their total length.
    """
    codes = np.asarray(codes, dtype=np.int64)
    codes = codes[needles[codes] != ""]
    if len(codes) == 0:
        return np.array([], dtype=np.int64)
    groups: dict[str, list[tuple[int, str]]] = {}
    keys = _prefixes(needles[codes])
    for key, code, needle in zip(keys.tolist(), codes.tolist(), needles[codes].tolist()):
        groups.setdefault(key, []).append((code, needle))
    automaton = ahocorasick.Automaton()
    for key, group in groups.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    found = set()
    for end, (length, group) in automaton.iter(text):
        for code, needle in group:
            if code not in found and text.startswith(needle, end - length + 1):
                found.add(code)
    return np.fromiter(found, dtype=np.int64, count=len(found))


#: most needles one automaton key may stand for (see :func:`_occurring`)
_SHARED_PREFIX = 4


def _prefixes(needles: np.ndarray, length: int = 16) -> np.ndarray:
    """Each needle's shortest prefix, of the lengths 16, 24, 36, 54 …, that at most
    :data:`_SHARED_PREFIX` needles share (a needle shorter than that is its own prefix)."""
    out = np.empty(len(needles), dtype=object)
    todo = np.arange(len(needles))
    while len(todo):
        prefix = np.array([n[:length] for n in needles[todo]], dtype=object)
        codes, _ = pd.factorize(prefix)
        done = np.bincount(codes)[codes] <= _SHARED_PREFIX
        out[todo[done]] = prefix[done]
        todo = todo[~done]
        length += length // 2
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
            problems.append(Problem(*where, "rhs", f"{ident.lhs} - ({ident.rhs}) = {gap:.6g} {ident.unit}",
                                    f"the identity to hold within {ident.tolerance} {ident.unit}"))
    return problems
