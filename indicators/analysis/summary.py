"""A comparison table in a few plain sentences, for the notebooks' pages and the workbook.

The words come from the data: the period, how many targets, how many met, missed or still
without an outturn, and which documents the outturns come from. Nothing is written for a
particular year, so next year's report reads as well as this one's.
"""
from __future__ import annotations

import pandas as pd

from .._words import check_lang
from ..data import periods
from .attainment import STATUSES

#: how each status is counted in a sentence
_COUNTED = {
    "zh": {"met": "已完成{n}项", "within tolerance": "在容差内{n}项", "not met": "未完成{n}项",
           "undetermined": "无法判定{n}项", "no outturn yet": "尚无实际数{n}项", "not comparable": "口径不可比{n}项"},
    "en": {"met": "{n} met", "within tolerance": "{n} within tolerance", "not met": "{n} not met",
           "undetermined": "{n} undetermined", "no outturn yet": "{n} with no outturn yet",
           "not comparable": "{n} not comparable"},
}


def summarise(table: pd.DataFrame, *, lang: str = "zh") -> str:
    """One paragraph on *table* (:func:`indicators.targets_vs_outturns` of one or more periods).

    Parameters
    ----------
    table : DataFrame
        The comparison table.
    lang : {"zh", "en"}, default "zh"

    Returns
    -------
    str
        Markdown text: per target period, the number of targets and of each status, the
        documents (and their dates) the outturns come from, and the baseline period.
    """
    check_lang(lang)
    if table.empty:
        return "没有目标。" if lang == "zh" else "No targets."
    out = []
    for period in sorted(pd.unique(table["period"]), key=lambda p: (periods.year(p), p)):
        rows = table[table["period"].eq(period)]
        counts = rows["status"].value_counts()
        parts = [_COUNTED[lang][s].format(n=int(counts[s])) for s in STATUSES if counts.get(s, 0)]
        label, base = periods.label(period, lang), periods.label(periods.previous(period), lang)
        documents = sorted({(s, v) for s, v in zip(rows["outturn_source_id"], rows["outturn_vintage"]) if s})
        with_base = int(rows["baseline"].notna().sum())
        if lang == "zh":
            text = f"**{label}目标{len(rows)}项**：" + "、".join(parts) + "。"
            if documents:
                text += "实际数来自" + "、".join(f"{s}（{v}）" for s, v in documents) + "。"
            text += f"其中{with_base}项有{base}实际数可作基数。"
        else:
            text = f"**{len(rows)} targets for {label}**: " + ", ".join(parts) + "."
            if documents:
                text += " Outturns from " + ", ".join(f"{s} ({v})" for s, v in documents) + "."
            text += f" {with_base} have a {base} outturn as baseline."
        out.append(text)
    return "\n\n".join(out)
