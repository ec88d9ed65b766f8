"""Row helpers shared by the checks and the tables: columns factorized once, problems at
rows, groups, keys of several columns, a value's place in a short list."""
from __future__ import annotations

import gc
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ..exceptions import Problem
from .read import FILE, LINE


class Cells:
    """The columns of one frame, each factorized once: ``cells[name]`` is (``codes``,
    ``distinct``), with ``distinct[codes]`` the column's cells (an object array; a missing
    cell is a value of its own). Checks then look at each distinct value once and spread
    the answer to the rows by ``codes``, at the cost of one hash pass per column."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._done: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __getitem__(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in self._done:
            codes, distinct = pd.factorize(self.frame[name], use_na_sentinel=False)
            self._done[name] = codes.astype(np.int64, copy=False), np.asarray(distinct, dtype=object)
        return self._done[name]

    def where(self, name: str, test) -> np.ndarray:
        """Row mask: *test* (a function of the distinct values to a boolean array) of each
        row's cell in column *name*."""
        codes, distinct = self[name]
        return np.asarray(test(distinct), dtype=bool)[codes]

    def empty(self, name: str) -> np.ndarray:
        """Row mask: the cell of column *name* is ``""`` (a missing cell is not)."""
        return self.where(name, lambda d: d == "")

    def isin(self, name: str, values) -> np.ndarray:
        """Row mask: the cell of column *name* is one of *values*."""
        return self.where(name, lambda d: pd.Index(d, dtype=object).isin(values))


def problems_at(frame: pd.DataFrame, mask, column: str | None, expected, value=None) -> list[Problem]:
    """One problem per row of *frame* where *mask* is true; *expected* is a text, or an
    array of texts (one per row of *frame*)."""
    rows = np.flatnonzero(np.asarray(mask, dtype=bool))
    if len(rows) == 0:
        return []
    bad = frame.iloc[rows]
    values = bad[column] if value is None and column is not None else [value] * len(bad)
    expect = [expected] * len(rows) if isinstance(expected, str) else np.asarray(expected, dtype=object)[rows]
    return [Problem(f, int(ln), column, v, e)
            for f, ln, v, e in zip(bad[FILE], bad[LINE], values, expect)]


def groups(codes: np.ndarray, distinct: np.ndarray):
    """Yield (value, positions where it occurs) for each value of *distinct* that *codes*
    (positions in *distinct*) name, in the order of *distinct*."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(distinct) + 1))
    for i, value in enumerate(distinct):
        if bounds[i + 1] > bounds[i]:
            yield value, order[bounds[i]:bounds[i + 1]]


def isin_sorted(values: np.ndarray, sorted_: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_)`` for a sorted *sorted_*, by binary search."""
    if len(sorted_) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_, values), len(sorted_) - 1)
    return sorted_[at] == values


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while millions of small objects are made: they
    hold no cycles, and each collection would walk them all again (about a third of the
    time of reading a million quotes)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def positions(values: pd.Series, keys) -> np.ndarray:
    """Where each of *values* stands in *keys* (a short list of text), -1 where it is not
    there or missing. The keys are hashed, not the values
    (``pyarrow.compute.index_in``); a categorical's categories are placed once each."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values.dtype, pd.CategoricalDtype):
        found = positions(pd.Series(values.cat.categories.astype(str)), keys)
        return np.append(found, -1)[category_codes(values)]
    keys = pa.array([str(k) for k in keys], pa.string())
    text = pa.array(values, from_pandas=True)
    if not pa.types.is_string(text.type) and not pa.types.is_large_string(text.type):
        text = text.cast(pa.string())  # no value at all is type null (pandas 2 stores such a column as objects)
    return pc.fill_null(pc.index_in(text, value_set=keys), -1).to_numpy().astype(np.int64)


def category_codes(values: pd.Series) -> np.ndarray:
    """The codes of a categorical column as int64, a missing value's code the number of
    categories (one past the last), so that it indexes one extra item appended to them."""
    codes = values.cat.codes.to_numpy().astype(np.int64)
    return np.where(codes < 0, len(values.cat.categories), codes)


def combined_codes(codes: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """One int64 per row for several code columns together: equal where every column's
    code is equal. *codes* are per-row codes, each column's in ``range(size)`` of *sizes*;
    the running combination is renumbered densely before it could overflow."""
    combined, span = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64), 1
    for column, size in zip(codes, sizes):
        if span * size >= 2 ** 62:
            combined, distinct = pd.factorize(combined)
            combined, span = combined.astype(np.int64), len(distinct)
        combined, span = combined * size + column, span * size
    return combined
