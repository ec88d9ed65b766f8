"""Tiny observations tables for behaviour tests: build the rows a test needs, nothing more."""
from __future__ import annotations

import pandas as pd

from indicators.data.schema import schema


def observation(series_id: str, period: str, kind: str, value: float, unit: str, qualifier: str = "exact",
                measure: str = "level", **columns) -> dict:
    """One row in the observations layout: every contract column, empty unless given.

    Names default to the series id, the topic to ``output`` and the area to ``CD``.
    """
    row = {c: "" for c in schema().columns}
    row.update(series_id=series_id, topic="output", name_zh=series_id, name_en=series_id, geo="CD",
               period=period, kind=kind, origin="printed", measure=measure, value=value, unit=unit,
               qualifier=qualifier)
    row.update(columns)
    return row


def obs(*rows, **columns) -> pd.DataFrame:
    """Observations from ``(series_id, period, kind, value, unit, qualifier, measure)``
    tuples; *columns* (``topic="t"`` …) apply to every row."""
    return pd.DataFrame([observation(*row, **columns) for row in rows])


def outturns(*rows, **columns) -> pd.DataFrame:
    """Observations from ``(series_id, period, value, unit, qualifier)`` outturn tuples of levels."""
    return obs(*((s, p, "outturn", v, u, q, "level") for s, p, v, u, q in rows), **columns)
