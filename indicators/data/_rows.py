"""Row helpers shared by the checks: problems at rows, text columns as arrays, groups."""
from __future__ import annotations

import gc
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ..exceptions import Problem
from .read import FILE, LINE


def text(col: pd.Series) -> np.ndarray:
    """The cells of a text column as an object array (no copy for pandas' ``str`` dtype),
    which numpy compares several times faster than pandas' string methods."""
    return col.to_numpy(dtype=object)


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


def groups(values: np.ndarray):
    """Yield (distinct value, positions where it occurs) for each distinct value of *values*."""
    codes, distinct = pd.factorize(values)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(distinct) + 1))
    for i, value in enumerate(distinct):
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
