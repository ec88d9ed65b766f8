"""The catalogue of every series in the data, as Markdown: what the build writes beside the table.

It lives in ``data/processed/series.md``, written by every build from the data it built, so
it can never fall behind the curated files (a list in the README would go stale each time a
report is added).
"""
from __future__ import annotations

import pandas as pd

from .vintages import FIGURE


def series_catalogue(data: pd.DataFrame) -> str:
    """Markdown: a summary line, then one row per series with its id, names, measure, units,
    kinds, periods and the documents it comes from (``derived`` for series only computed)."""
    data = data.astype({c: str for c in ["series_id", "kind", "origin", "unit", "period", "source_id",
                                         "measure", "topic"]})
    n_derived = int(data["origin"].eq("derived").sum())
    n_revised = int(data.duplicated(FIGURE).sum())
    lines = [f"# Every series\n\n{len(data)} observations in {data['series_id'].nunique()} series "
             f"({n_derived} derived; {n_revised} later vintages of revised figures). Written by "
             "`python -m indicators build` from `data/raw/`; do not edit.\n",
             "| series_id | 名称 | name | measure | unit | kinds | periods | sources |",
             "|---|---|---|---|---|---|---|---|"]
    for (_, series_id), group in data.groupby(["topic", "series_id"], sort=True):
        sources = sorted(set(group["source_id"]) - {""}) or ["derived"]
        cells = [f"`{series_id}`", group["name_zh"].iloc[0], group["name_en"].iloc[0], group["measure"].iloc[0],
                 " ".join(sorted(set(group["unit"]))), " ".join(sorted(set(group["kind"]))),
                 " ".join(sorted(set(group["period"]))), " ".join(sources)]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"
