"""Which row stands for a series in a period: the one place that ranks kinds of figure.

Where a table needs "the actual figure" of a series in a period, it takes the outturn,
failing that the estimate (预计): :data:`ACTUAL_KINDS`, best first; of one kind, a printed
figure before one derived by code (``origin``), as :func:`indicators.load` already gives
one row per figure. :func:`best_actuals` applies that
rank to a whole frame, :func:`best_actual` to one series and period; every module that
needs the best figure (comparison, contributions, trends, derivations, identities,
charts) calls one of them.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._rows import positions

#: what stands for an actual figure, best first: the outturn, then the estimate
ACTUAL_KINDS = ("outturn", "estimate")

#: the columns that name one figure's place: a series in a period
KEY = ["series_id", "period"]


def kind_rank(kinds: pd.Series, order: Sequence[str] = ACTUAL_KINDS) -> pd.Series:
    """Position of each of *kinds* in *order* (0 is best); missing for other kinds."""
    rank = positions(kinds, order).astype(float)
    rank[rank < 0] = np.nan
    return pd.Series(rank, index=kinds.index)


def best_actuals(data: pd.DataFrame, *, kinds: Sequence[str] = ACTUAL_KINDS) -> pd.DataFrame:
    """One row per (``series_id``, ``period``): the best of *kinds* that *data* holds.

    Parameters
    ----------
    data : DataFrame
        Observations, with at least ``series_id``, ``period`` and ``kind`` (and ``origin``
        where there is one); every other column is kept as it is.
    kinds : sequence of str, default :data:`ACTUAL_KINDS`
        The kinds that may stand for the figure, best first; rows of other kinds are
        dropped.

    Returns
    -------
    DataFrame
        The chosen rows with their original index, ordered by rank (best kind first) and
        then as in *data*.
    """
    rank = kind_rank(data["kind"], kinds).to_numpy(dtype=float)
    if "origin" in data:  # of one kind, printed before derived
        rank = rank + 0.5 * data["origin"].eq("derived").to_numpy(dtype=bool, na_value=False)
    rows = np.flatnonzero(~np.isnan(rank))
    rows = rows[np.argsort(rank[rows], kind="stable")]
    return data.iloc[rows].drop_duplicates(KEY)


def best_actual(data: pd.DataFrame, series_id: str, period: str, *,
                kinds: Sequence[str] = ACTUAL_KINDS) -> pd.Series | None:
    """The row of *series_id* in *period* of the best of *kinds* present, or None."""
    here = data[data["series_id"].astype(str).eq(series_id) & data["period"].astype(str).eq(period)]
    best = best_actuals(here, kinds=kinds)
    return None if best.empty else best.iloc[0]
