"""Vintages: the same figure as successive documents print it.

Every new report restates last year's figures, and statistics bulletins revise them. A
figure is (``series_id``, ``period``, ``kind``); each printed row of it gets the date of its
document as its ``vintage``. In date order, a row that repeats the value of the vintage
before it is the same vintage, printed again: it becomes one row that credits both
documents (``also_source_ids``). A row with another value is a new vintage, a revision.

:func:`select` picks one row per figure from such a table: the latest vintage (what
:func:`indicators.load` gives by default), the first release, or all of them.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..exceptions import Problem
from .read import FILE, LINE
from .registry import Registries

#: a figure: what one vintage at a time may give a value for
FIGURE = ["series_id", "period", "kind"]
#: the columns whose equality makes a restatement the same vintage
SAME_VALUE = ["value", "unit", "qualifier"]
#: what :func:`select` accepts
CHOICES = ("latest", "first", "all")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _dated(sources: pd.DataFrame) -> pd.Series:
    """Whether each source's ``date_published`` is a date (``YYYY-MM-DD``)."""
    return sources["date_published"].map(lambda d: bool(_DATE.fullmatch(d)))


def source_dates(registries: Registries) -> pd.Series:
    """Source id → ``date_published`` (``YYYY-MM-DD``) for every source with a valid date."""
    sources = registries["sources"]
    return sources.loc[_dated(sources)].set_index("source_id")["date_published"]


def date_problems(registries: Registries) -> list[Problem]:
    """Sources whose ``date_published`` is missing or not a date: a vintage needs it."""
    sources = registries["sources"]
    bad = ~_dated(sources)
    return [Problem(f, int(ln), "date_published", d,
                    "the date the document was published, as YYYY-MM-DD: every figure it prints "
                    "takes it as its vintage")
            for f, ln, d in zip(sources.loc[bad, FILE], sources.loc[bad, LINE], sources.loc[bad, "date_published"])]


def merge_restatements(printed: pd.DataFrame, registries: Registries) -> tuple[pd.DataFrame, list[Problem]]:
    """Give each printed row its vintage and fold restatements of one value into one row.

    Parameters
    ----------
    printed : DataFrame
        Printed rows in the observations layout, with ``_file``/``_line``.

    Returns
    -------
    (DataFrame, list of Problem)
        One row per figure and vintage, and the problems: a row whose document has no date
        (or is not registered), and two values for one figure from the same document or
        from two documents of the same date (which vintage is later cannot be told).
    """
    frame = printed.copy()
    dates = source_dates(registries)
    frame["vintage"] = frame["source_id"].map(dates.astype(object)).astype(object).fillna("")
    frame["origin"] = "printed"
    frame = frame.sort_values(FIGURE + ["vintage", "source_id", FILE, LINE], kind="stable", ignore_index=True)
    repeated = frame.duplicated(FIGURE, keep=False)
    if not repeated.any():
        return frame, []
    keep = np.ones(len(frame), dtype=bool)
    also = frame["also_source_ids"].to_numpy(dtype=object).copy()
    problems = []
    for _, group in frame[repeated].groupby(FIGURE, sort=False, observed=True):
        current = None  # index of the row holding the vintage being extended
        for i, row in group.iterrows():
            if current is not None and _same_value(frame.loc[current], row):
                keep[i] = False
                also[current] = _credit(also[current], frame.at[current, "source_id"], row)
            elif current is not None and row["vintage"] == frame.at[current, "vintage"]:
                keep[i] = False
                problems.append(_clash(frame.loc[current], row))
            else:
                current = i
    frame["also_source_ids"] = also
    return frame[keep].reset_index(drop=True), problems


def _same_value(a: pd.Series, b: pd.Series) -> bool:
    return all(a[c] == b[c] for c in SAME_VALUE)


def _credit(also: str, first_source: str, row: pd.Series) -> str:
    """*also* with *row*'s documents added (each once, in order, never the first source)."""
    ids = [s for s in also.split(";") if s]
    for s in [row["source_id"], *row["also_source_ids"].split(";")]:
        if s and s != first_source and s not in ids:
            ids.append(s)
    return ";".join(ids)


def _clash(first: pd.Series, row: pd.Series) -> Problem:
    what = ("the same document" if first["source_id"] == row["source_id"]
            else f"two documents of the same date ({row['vintage']})")
    return Problem(row[FILE], int(row[LINE]), "value", f"{row['value']:g} {row['unit']}",
                   f"one value for {row['series_id']} {row['period']} {row['kind']} from {what}; "
                   f"{first[FILE]} line {int(first[LINE])} gives {first['value']:g} {first['unit']}. "
                   "Keep the one the document means; if two documents of one day differ, correct "
                   "date_published in data/raw/sources.csv")


def select(frame: pd.DataFrame, vintage: str = "latest") -> pd.DataFrame:
    """One row per figure: its ``"latest"`` vintage, its ``"first"`` release, or ``"all"`` rows.

    A printed figure is preferred to a derived one of the same series, period and kind,
    whatever their vintages (a derived plan gives way to a printed plan).
    """
    if vintage not in CHOICES:
        raise ValueError(f"The value for `vintage` must be one of {list(CHOICES)}, but {vintage!r} was passed.")
    if vintage == "all" or frame.empty:
        return frame
    order = frame.sort_values(["origin", "vintage"], ascending=[False, vintage == "first"], kind="stable")
    # "printed" sorts after "derived": descending puts printed first
    return order.drop_duplicates(FIGURE, keep="first").sort_index()
