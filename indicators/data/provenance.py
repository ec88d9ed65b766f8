"""Provenance checks: each printed row against its own number in its quote, and its quote
against its document.

A printed row (``origin`` printed) passes when

- its quote occurs in its source, and in every ``also_source_ids`` document, once
  whitespace and full-width forms are ignored;
- the quote prints its value as a number, read by the figure grammar
  (:mod:`indicators.data.grammar`), with the same **sign** (a decline stored negative), the
  same **unit** and the same **qualifier** (the one attached to that number; an
  unqualified number is ``exact``);
- its **kind** fits the document's date (``sources.csv`` ``date_published``): no outturn
  for a period not yet over, nor one the quote calls 预计; a target for a period already
  over only when the quote says it was one (目标, 计划 …);
- its **period** lies within the document's ``reporting_period``, or the quote names its year.

A genuine exception is listed, with a reason, in ``data/raw/validation_exceptions.csv``:
one line per row and check, naming the cell value it accepts; an exception that no
longer matches a failing row is itself a problem, so the list stays reviewed.

Each distinct quote is normalised, searched and read once; rows refer to their quote by
an integer code, so the rest are array look-ups, linear in the number of rows.
"""
from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..exceptions import DataValidationError, Problem
from . import grammar
from ._rows import Cells, groups, isin_sorted, paused_gc, problems_at
from .read import FILE, LINE, read_csv
from .registry import Registries, normalise_text

#: the reviewed exceptions to the per-row checks, in data/raw/
EXCEPTIONS = "validation_exceptions.csv"
EXCEPTION_COLUMNS = ["file", "series_id", "period", "kind", "check", "accepted", "reason"]
#: check -> the column whose cell an exception accepts
CHECKS = {"sign": "value", "unit": "unit", "qualifier": "qualifier", "kind": "kind", "period": "period"}
#: what to do when a row and its quote are both right
_OR_EXCEPT = f"; if row and quote are both right, add the row to data/raw/{EXCEPTIONS} with a reason"
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?")


def check_provenance(frame: pd.DataFrame, registries: Registries, cells: Cells) -> list[Problem]:
    """Every provenance problem of the printed rows of *frame* (see the module docstring);
    *cells* are *frame*'s columns factorized."""
    with paused_gc():
        return _check_provenance(_Printed(frame, cells), registries)


class _Printed:
    """The printed rows of a frame (origin not derived, with a quote), by position, and
    their cells by code (see :class:`~indicators.data._rows.Cells`): no copy of the rows."""

    def __init__(self, frame: pd.DataFrame, cells: Cells):
        self.frame, self.cells = frame, cells
        self.at = np.flatnonzero(~cells.isin("origin", ["derived"]) & ~cells.empty("quote"))

    def __len__(self) -> int:
        return len(self.at)

    def codes(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        """(code of each printed row's cell in *col*, the distinct values they index)."""
        codes, distinct = self.cells[col]
        return codes[self.at], distinct

    def cell(self, col: str, rows) -> np.ndarray:
        """The cells of *col* at printed rows *rows*."""
        codes, distinct = self.codes(col)
        return distinct[codes[rows]]

    def isin(self, col: str, values) -> np.ndarray:
        """Is each printed row's cell in *col* one of *values*?"""
        codes, distinct = self.codes(col)
        return pd.Index(distinct, dtype=object).isin(values)[codes]

    def problems(self, mask, column: str, expected) -> list[Problem]:
        """:func:`~indicators.data._rows.problems_at` of the printed rows where *mask* is
        true; *expected* a text or an array of texts, one per printed row."""
        full = np.zeros(len(self.frame), dtype=bool)
        full[self.at[np.asarray(mask, dtype=bool)]] = True
        if not isinstance(expected, str):
            expected = _spread(len(self.frame), self.at, np.asarray(expected, dtype=object))
        return problems_at(self.frame, full, column, expected)


def _check_provenance(printed: _Printed, registries: Registries) -> list[Problem]:
    quote_codes, distinct = printed.codes("quote")
    used = pd.unique(quote_codes)  # the quotes of printed rows (not of derived ones), in row order
    renumber = np.zeros(len(distinct), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    # the distinct normalised quotes, as Arrow (for the grammar, word lists and keys) and as str
    encoded = pa.array(_normalise_all(distinct[used]), pa.large_string()).dictionary_encode()
    quotes = encoded.dictionary
    norms = quotes.to_numpy(zero_copy_only=False)
    row_norm = encoded.indices.to_numpy().astype(np.int64)[renumber[quote_codes]]  # norms[code] per row

    problems = _check_in_sources(printed, norms, quotes, row_norm, registries)
    reader = grammar.Grammar.of(registries)
    table = reader.read(quotes, where=False)
    found, failures = _check_figures(printed, table, row_norm, registries, norms, reader)
    problems += printed.problems(~found, "value",
                                 "a value printed in the quote (as a number; declines as negatives)")
    failures += _check_kind_and_period(printed, table, quotes, row_norm, registries)
    return problems + _apply_exceptions(printed, failures, registries)


def _check_in_sources(printed, norms, quotes, row_norm, registries) -> list[Problem]:
    """Each row's quote occurs in its source and in each of its ``also_source_ids``."""
    texts = registries.source_texts
    sources = {col: list(groups(*printed.codes(col))) for col in ("source_id", "also_source_ids")}
    claimed: dict[str, list[np.ndarray]] = {}
    for col, grouped in sources.items():
        for ids, rows in grouped:
            for sid in (ids.split(";") if ids else []) if col == "also_source_ids" else [ids]:
                claimed.setdefault(sid, []).append(row_norm[rows])
    needles = _Needles(norms, quotes)
    found = {sid: np.sort(_occurring(texts[sid], needles, pd.unique(np.concatenate(codes))))
             for sid, codes in claimed.items() if sid in texts}
    none = np.array([], dtype=np.int64)
    problems = []
    for col, grouped in sources.items():
        missing = np.zeros(len(printed), dtype=bool)
        for ids, rows in grouped:
            for sid in ids.split(";") if ids else []:
                if sid in texts:
                    missing[rows] |= ~isin_sorted(row_norm[rows], found.get(sid, none))
        problems += printed.problems(missing, "quote",
                                     f"text that occurs verbatim in the document named by {col} "
                                     "(whitespace is ignored; copy the fragment from the file)")
    return problems


def _check_figures(printed, table, row_norm, registries, norms, reader):
    """Find each row's number among its quote's figures; return (found, failures) where
    failures lists (check, rows, expected texts) for sign, unit and qualifier.

    A row agrees with a figure of the same value when sign, unit and qualifier all match;
    when none does, the figure agreeing on most is the one reported."""
    fig = table[table["time"] == ""]
    value = printed.frame["value"].to_numpy(dtype=float)[printed.at]
    codes, _ = pd.factorize(np.concatenate([np.abs(value), fig["value"].to_numpy()]))  # NaN: -1
    width = codes.max(initial=0) + 2
    fig_key = fig["text"].to_numpy() * width + codes[len(value):] + 1
    row_key = row_norm * width + codes[:len(value)] + 1
    order = np.argsort(fig_key, kind="stable")
    lo = np.searchsorted(fig_key[order], row_key, "left")
    count = np.searchsorted(fig_key[order], row_key, "right") - lo
    found = count > 0
    if len(fig) == 0:
        return found, []

    sign = np.sign(value)
    rows_all = slice(None)
    unit, qualifier = printed.cell("unit", rows_all), printed.cell("qualifier", rows_all)
    unknown_unit = ~printed.isin("unit", registries["units"]["unit"])  # reported by check_schema
    unknown_q = ~printed.isin("qualifier", registries["qualifiers"]["qualifier"])
    fsign, funit, fqual = (fig[c].to_numpy() for c in ("sign", "unit", "qualifier"))
    checks = {"sign": lambda c: (sign == 0) | (fsign[c] == sign),
              "unit": lambda c: (funit[c] == unit) | unknown_unit,
              "qualifier": lambda c: (fqual[c] == qualifier) | unknown_q}
    best = np.where(found, order[np.minimum(lo, len(order) - 1)] if len(order) else 0, -1)
    agree = {k: f(np.maximum(best, 0)) & found for k, f in checks.items()}
    score = sum(a.astype(int) for a in agree.values())
    for k in range(1, int(count.max(initial=0))):  # rows whose value the quote prints twice or more
        more = (count > k) & (score < 3)
        if not more.any():
            break
        cand = np.where(more, order[np.minimum(lo + k, len(order) - 1)], 0)
        other = {name: f(cand) for name, f in checks.items()}
        better = more & (sum(a.astype(int) for a in other.values()) > score)
        best = np.where(better, cand, best)
        for name in agree:
            agree[name] = np.where(better, other[name], agree[name])
        score = np.where(better, sum(a.astype(int) for a in other.values()), score)

    failures = []
    for name, ok in agree.items():
        rows = np.flatnonzero(found & ~ok)
        if len(rows):
            shown = _printed(fig, best[rows], norms, reader)
            failures.append((name, rows, [_figure_message(name, value[r], shown[i], fsign[best[r]],
                                                          funit[best[r]], fqual[best[r]])
                                          for i, r in enumerate(rows)]))
    return found, failures


def _printed(fig: pd.DataFrame, at: np.ndarray, norms: np.ndarray, reader) -> list[str]:
    """What the quote prints for the figures ``fig.iloc[at]``: their quotes are read
    again, this time with where each figure is."""
    texts = fig["text"].to_numpy()[at]
    ordinal = at - np.searchsorted(fig["text"].to_numpy(), texts)  # figure number within its quote
    codes, distinct = pd.factorize(texts)
    again = reader.read(norms[distinct])
    again = again[again["time"] == ""]
    starts = np.searchsorted(again["text"].to_numpy(), codes)
    return list(again["printed"].to_numpy()[starts + ordinal])


def _figure_message(check, value, shown, fsign, funit, fqual) -> str:
    where = f"the quote prints 「{shown}」 there"
    if check == "sign":
        return (f"{-value:g}, a decline: {where}" if fsign < 0 else
                f"{abs(value):g}: {where}, with no decline word (下降, 减少 …) before it") + _OR_EXCEPT
    if check == "unit":
        return (f"{funit!r}: {where}" if funit else
                f"the unit printed with the number, but {where}, with no unit of data/raw/units.csv "
                "(add the printed form to its aliases column)") + _OR_EXCEPT
    return (f"{fqual!r}: {where}" + (", with no qualifier marker of data/raw/qualifiers.csv attached"
                                     if fqual == "exact" else "")) + _OR_EXCEPT


def _check_kind_and_period(printed, table, quotes, row_norm, registries):
    """Kind and period against the document's date and reporting period: (check, rows,
    expected texts) for each failure; *quotes* are the normalised quotes, as an Arrow array."""
    sources = registries["sources"].set_index("source_id")
    sid_codes, sids = printed.codes("source_id")  # looked up once per distinct source
    published_d = pd.to_datetime(sources["date_published"].reindex(sids).to_numpy(), errors="coerce",
                                 format="%Y-%m-%d").to_numpy()
    published = published_d[sid_codes]
    rep_d = sources["reporting_period"].reindex(sids).to_numpy()
    rep_start, rep_end = (d[sid_codes] for d in _spans(pd.Series(rep_d, dtype=object).fillna("").to_numpy()))
    period_codes, periods_d = printed.codes("period")
    start, end = (d[period_codes] for d in _spans(periods_d))
    kind = printed.cell("kind", slice(None))
    dated = ~np.isnat(published) & ~np.isnat(end)
    says_target = grammar.says(quotes, grammar.TARGET_WORDS)[row_norm]
    says_estimate = grammar.says(quotes, grammar.ESTIMATE_WORDS)[row_norm]
    day = np.datetime_as_string(published_d, unit="D") if len(published_d) else published_d
    failures = []
    open_ = dated & (kind == "outturn") & (end >= published)
    failures.append(("kind", np.flatnonzero(open_), [
        f"'target' or 'estimate': the period had not ended when {sids[sid_codes[r]]} appeared on {day[sid_codes[r]]}" + _OR_EXCEPT
        for r in np.flatnonzero(open_)]))
    over = dated & (kind == "target") & (end < published) & ~says_target
    failures.append(("kind", np.flatnonzero(over), [
        f"'outturn': the period was over when {sids[sid_codes[r]]} appeared on {day[sid_codes[r]]}, and the quote does not "
        f"say the figure was a target ({'、'.join(grammar.TARGET_WORDS)})" + _OR_EXCEPT
        for r in np.flatnonzero(over)]))
    estimate = (kind == "outturn") & says_estimate & ~open_
    failures.append(("kind", np.flatnonzero(estimate), ["'estimate': the quote says 预计" + _OR_EXCEPT]
                     * int(estimate.sum())))

    years = grammar.named_years(table)
    key = pd.Index(years["text"].to_numpy() * 10_000 + years["year"].to_numpy())
    pub_year = np.where(np.isnat(published), 0, published.astype("datetime64[Y]").astype(np.int64) + 1970)
    rel = table[table["relative"].notna()]
    rel_key = pd.Index(rel["text"].to_numpy() * 100 + rel["relative"].to_numpy().astype(np.int64))
    first, last = (np.where(np.isnat(d), 0, d.astype("datetime64[Y]").astype(np.int64) + 1970) for d in (start, end))
    named = np.zeros(len(printed), dtype=bool)
    for y in (first, last):
        named |= pd.Index(row_norm * 10_000 + y).isin(key)
        named |= (pub_year > 0) & pd.Index(row_norm * 100 + (y - pub_year)).isin(rel_key)
    outside = ~np.isnat(rep_end) & ~np.isnat(end) & ((start < rep_start) | (end > rep_end)) & ~named
    failures.append(("period", np.flatnonzero(outside), [
        f"a period within {sids[sid_codes[r]]}'s reporting period {rep_d[sid_codes[r]]} (data/raw/sources.csv), or a quote "
        f"that names {last[r]}年" + _OR_EXCEPT for r in np.flatnonzero(outside)]))
    return [f for f in failures if len(f[1])]


def _spans(periods: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each ISO period (``NaT`` for one that does not parse)."""
    codes, distinct = pd.factorize(periods)
    first = np.full(len(distinct) + 1, np.datetime64("NaT", "D"))
    last = first.copy()
    for i, p in enumerate(distinct):
        parts = [_PERIOD.fullmatch(x) for x in str(p).split("/")]
        if not p or len(parts) > 2 or not all(parts) or any(m.group(2) and not 1 <= int(m.group(2)) <= 12
                                                            for m in parts):
            continue
        (y1, m1), (y2, m2) = parts[0].groups(), parts[-1].groups()
        a = np.datetime64(f"{y1}-{m1 or '01'}", "M")
        b = (np.datetime64(y2, "Y") + np.timedelta64(1, "Y") if m2 is None
             else np.datetime64(f"{y2}-{m2}", "M") + np.timedelta64(1, "M"))  # numpy 2.5: no bare + 1
        first[i], last[i] = a.astype("datetime64[D]"), b.astype("datetime64[D]") - np.timedelta64(1, "D")
    return first[codes], last[codes]


def read_exceptions(registries: Registries) -> tuple[pd.DataFrame, list[Problem]]:
    """The reviewed exceptions of ``data/raw/validation_exceptions.csv`` (none when the
    file is absent), and the problems of the file itself."""
    path = registries.project.raw / EXCEPTIONS
    if not path.exists():
        return pd.DataFrame(columns=EXCEPTION_COLUMNS + [FILE, LINE]), []
    try:
        table = read_csv(path, columns=EXCEPTION_COLUMNS, required=EXCEPTION_COLUMNS)
    except DataValidationError as err:
        return pd.DataFrame(columns=EXCEPTION_COLUMNS + [FILE, LINE]), err.problems
    problems = problems_at(table, table["reason"] == "", "reason",
                           "a reason: why the row is right although the check fails")
    problems += problems_at(table, ~table["check"].isin(list(CHECKS)), "check", f"one of {list(CHECKS)}")
    return table, problems


def _apply_exceptions(printed, failures, registries) -> list[Problem]:
    """Problems of the failures not excused by an exception, plus the exceptions that excuse
    nothing (stale: the row was fixed, moved or changed)."""
    table, problems = read_exceptions(registries)
    excused: dict[tuple, int] = {}
    for i, row in enumerate(table.itertuples(index=False)):
        excused[(row.series_id, row.period, row.kind, row.check, row.accepted)] = i
    used = np.zeros(len(table), dtype=bool)
    processed = str(registries.project.observations)
    name_codes, names = printed.codes(FILE)
    validated = set(names[pd.unique(name_codes)])
    # files compared as absolute paths: a row's file is named as the reader was given it
    # (relative to the working folder), an exception's relative to data/raw/
    where = {n: str(Path(n).resolve()) for n in validated}
    listed = [str((registries.project.raw / f).resolve()) for f in table["file"]]
    for check, rows, expected in failures:
        column = CHECKS[check]
        keep = np.ones(len(rows), dtype=bool)
        for j, r in enumerate(rows):
            row = printed.frame.iloc[printed.at[r]]
            name = names[name_codes[r]]
            cell = f"{row[column]:g}" if column == "value" else str(row[column])
            i = excused.get((row["series_id"], row["period"], row["kind"], check, cell))
            if i is not None and (name == processed or where[name] == listed[i]):
                used[i], keep[j] = True, False
        mask = np.zeros(len(printed), dtype=bool)
        mask[rows[keep]] = True
        problems += printed.problems(mask, column, _spread(len(printed), rows, expected))
    # an exception is stale when its file is validated (a fixture without it is not)
    # and it excused nothing: the row passes now, or has gone
    files = {where[f] for f in validated}
    named = np.flatnonzero(printed.isin("series_id", table["series_id"]))
    keys = set(zip(*(printed.cell(c, named) for c in ("series_id", "period", "kind"))))
    in_scope = np.array([f in files or (processed in validated and k in keys) for f, k in
                         zip(listed, zip(table["series_id"], table["period"], table["kind"]))], dtype=bool)
    problems += problems_at(table, in_scope & ~used, "check", "an exception that a failing row still needs: "
                            "the row it names passes the check now, or no longer exists; remove the line")
    return problems


def _spread(n: int, rows: np.ndarray, expected: list[str]) -> np.ndarray:
    out = np.empty(n, dtype=object)
    out[rows] = expected
    return out


def _normalise_all(texts) -> np.ndarray:
    """:func:`~indicators.registry.normalise_text` of each of *texts*, in one call on
    the texts joined by NUL, which is neither whitespace nor changed or combined by NFKC
    (one text by one when a text holds a NUL itself)."""
    texts = [str(t) for t in texts]
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):
        return np.array([normalise_text(t) for t in texts], dtype=object)
    return np.array(normalise_text(joined).split("\0") if texts else [], dtype=object)


class _Needles:
    """The texts to find in documents (the normalised quotes, as str and as Arrow), each with the key
    that stands for it in an automaton: its shortest prefix, of the lengths 16, 24, 36,
    54 …, that at most :data:`_SHARED_PREFIX` texts share (a text shorter than that is its
    own key). Keys are found once for all documents, column-wise by Arrow."""

    def __init__(self, norms: np.ndarray, texts: pa.Array):
        self.norms = norms  # the same texts as str, for startswith
        self.key = np.full(len(norms), -1, dtype=np.int64)  # -1: an empty text, found nowhere
        self.keys: list[str] = []
        todo, length = np.flatnonzero(norms != ""), 16
        while len(todo):
            prefix = pc.utf8_slice_codeunits(texts.take(todo), 0, length).dictionary_encode()
            codes = prefix.indices.to_numpy().astype(np.int64)
            done = np.bincount(codes)[codes] <= _SHARED_PREFIX
            used, number = np.unique(codes[done], return_inverse=True)
            self.key[todo[done]] = len(self.keys) + number
            self.keys += prefix.dictionary.take(used).to_pylist()
            todo, length = todo[~done], length + length // 2
        self.key_length = np.fromiter(map(len, self.keys), dtype=np.int64, count=len(self.keys))


def _occurring(text_: str, needles: _Needles, codes) -> np.ndarray:
    """The *codes* whose text (``needles.norms[code]``) occurs in *text_*, found in one
    pass over it (Aho–Corasick).

    The automaton holds the keys of the texts (:class:`_Needles`), and each hit is
    confirmed with ``startswith`` for the texts of its key: the automaton's size, and time
    to build, then grow with the number of texts rather than with their total length.
    """
    codes = np.asarray(codes, dtype=np.int64)
    codes = codes[needles.key[codes] >= 0]
    if len(codes) == 0:
        return np.array([], dtype=np.int64)
    key_of = needles.key[codes]
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k in np.unique(key_of).tolist():
        automaton.add_word(needles.keys[k], k)
    automaton.make_automaton()
    hits = np.fromiter(chain.from_iterable(automaton.iter(text_)), dtype=np.int64).reshape(-1, 2)
    key = hits[:, 1]
    start = hits[:, 0] - needles.key_length[key] + 1
    # each hit against each text of its key: the texts sorted by key, then a run per hit
    by_key = np.argsort(key_of, kind="stable")
    first = np.searchsorted(key_of[by_key], key, "left")
    per_hit = np.searchsorted(key_of[by_key], key, "right") - first
    hit = np.repeat(np.arange(len(hits)), per_hit)
    candidate = by_key[first[hit] + np.arange(len(hit)) - np.repeat(np.cumsum(per_hit) - per_hit, per_hit)]
    confirmed = [text_.startswith(n, s) for n, s in
                 zip(needles.norms[codes[candidate]].tolist(), start[hit].tolist())]
    return np.unique(codes[candidate[np.array(confirmed, dtype=bool)]])


#: most texts one automaton key may stand for (see :class:`_Needles`)
_SHARED_PREFIX = 4
