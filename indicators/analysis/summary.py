"""A comparison table in a few plain sentences, for the notebooks' pages and the workbook.

The words come from the data: the period, how many targets, how many met, missed or still
without an outturn, and which documents the outturns come from. Nothing is written for a
particular year, so next year's report reads as well as this one's. The sentences are the
``summary_*`` texts of ``labels.json`` (:func:`indicators._words.text`), singular, plural and
none each in its own form.
"""
from __future__ import annotations

import os

import pandas as pd

from .._words import check_lang, text
from ..data import periods
from ..data.registry import load_registries
from ..paths import project
from .attainment import STATUSES


def summarise(table: pd.DataFrame, *, lang: str = "zh", root: str | os.PathLike | None = None) -> str:
    """One paragraph on *table* (:func:`indicators.targets_vs_outturns` of one or more periods).

    Parameters
    ----------
    table : DataFrame
        The comparison table.
    lang : {"zh", "en"}, default "zh"
    root : path-like, optional
        Project folder whose ``data/raw/sources.csv`` gives the documents' titles.

    Returns
    -------
    str
        Markdown text: per target period, the number of targets and of each status, the
        documents (and their dates) the outturns come from, and the baseline period.
    """
    check_lang(lang)
    if table.empty:
        return text("summary_none", lang)
    joiner = text("list_joiner", lang)
    titles = load_registries(project(root))["sources"].set_index("source_id")[f"title_{lang}"]
    out = []
    for period in sorted(pd.unique(table["period"]), key=lambda p: (periods.year(p), p)):
        rows = table[table["period"].eq(period)]
        counts = rows["status"].value_counts()
        parts = [text(f"summary_{s}", lang, n=int(counts[s])) for s in STATUSES if counts.get(s, 0)]
        label, base = periods.label(period, lang), periods.label(periods.previous(period), lang)
        documents = sorted({(s, v) for s, v in zip(rows["outturn_source_id"], rows["outturn_vintage"]) if s})
        paragraph = text("summary_targets", lang, n=len(rows), period=label) + joiner.join(parts)
        paragraph += text("summary_end", lang)
        if documents:
            paragraph += text("summary_sources", lang, documents=joiner.join(
                text("summary_source", lang, source=titles[s], vintage=v) for s, v in documents))
        paragraph += text("summary_baseline", lang, n=int(rows["baseline"].notna().sum()), of=len(rows), base=base)
        out.append(paragraph)
    return "\n\n".join(out)
