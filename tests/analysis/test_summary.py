"""`summarise` (indicators/analysis/summary.py): counts read as sentences in both languages,
one and none included."""
from __future__ import annotations

import pytest

import indicators
from fixtures import obs
from indicators.analysis.attainment import STATUSES


def table(*series):
    """A comparison table of 2024 targets; *series* gives, per target, whether it has a 2023
    outturn (the baseline) and a 2024 outturn."""
    rows = []
    for i, (with_base, with_outturn) in enumerate(series):
        rows.append((f"s.{i}", "2024", "target", 6, "%", "at_least", "yoy_pct"))
        if with_base:
            rows.append((f"s.{i}", "2023", "outturn", 5, "%", "exact", "yoy_pct"))
        if with_outturn:
            rows.append((f"s.{i}", "2024", "outturn", 7, "%", "exact", "yoy_pct"))
    return indicators.targets_vs_outturns(obs(*rows))


@pytest.mark.parametrize(("series", "en", "zh"), [
    ([(False, True)], ["**1 target for 2024**: 1 met.", "No target has a 2023 outturn as baseline."],
     ["**2024年目标1项**：达成1项。", "均无2023年实际数可作基数。"]),
    ([(True, True)], ["**1 target for 2024**: 1 met.", "1 has a 2023 outturn as baseline."],
     ["**2024年目标1项**：达成1项。", "其中1项有2023年实际数可作基数。"]),
    ([(True, True), (False, False)], ["**2 targets for 2024**: 1 met, 1 with no outturn yet.",
                                      "1 has a 2023 outturn as baseline."],
     ["**2024年目标2项**：达成1项、暂无实际1项。", "其中1项有2023年实际数可作基数。"]),
    ([(True, True), (True, False), (False, True)], ["**3 targets for 2024**: 2 met, 1 with no outturn yet.",
                                                    "2 have a 2023 outturn as baseline."],
     ["**2024年目标3项**：达成2项、暂无实际1项。", "其中2项有2023年实际数可作基数。"]),
    ([(True, True), (True, True)], ["**2 targets for 2024**: 2 met.", "All have a 2023 outturn as baseline."],
     ["**2024年目标2项**：达成2项。", "均有2023年实际数可作基数。"]),
])
def test_counts_read_in_the_singular_plural_and_none(series, en, zh):
    comparison = table(*series)
    for lang, sentences in (("en", en), ("zh", zh)):
        text = indicators.summarise(comparison, lang=lang)
        for sentence in sentences:
            assert sentence in text, (lang, text)


def test_an_empty_table_reads_as_no_targets():
    empty = table((True, True)).iloc[0:0]
    assert indicators.summarise(empty, lang="en") == "No targets."
    assert indicators.summarise(empty, lang="zh") == "没有目标。"


@pytest.mark.parametrize(("status", "zh", "en"), [
    ("met", "达成3项", "3 met"), ("within tolerance", "容差内3项", "3 within tolerance"),
    ("not met", "未达成3项", "3 not met"), ("undetermined", "无法判定3项", "3 undetermined"),
    ("no outturn yet", "暂无实际3项", "3 with no outturn yet"), ("not comparable", "口径不同3项", "3 not comparable"),
])
def test_each_status_is_counted_in_the_words_of_the_status_column(status, zh, en):
    rows = [(f"s.{i}", "2024", "target", 6, "%", "at_least", "yoy_pct") for i in range(3)]
    comparison = indicators.targets_vs_outturns(obs(*rows)).assign(status=status)
    assert f"：{zh}。" in indicators.summarise(comparison, lang="zh")
    assert f": {en}." in indicators.summarise(comparison, lang="en")


def test_every_status_has_its_count():
    # a status added to targets_vs_outturns needs its summary_<status> words in labels.json
    assert set(STATUSES) == {"met", "within tolerance", "not met", "undetermined", "no outturn yet", "not comparable"}


def test_the_outturns_documents_are_named_by_their_titles_not_their_ids():
    import pandas as pd

    from indicators.paths import CHECKOUT_ROOT

    source = pd.read_csv(CHECKOUT_ROOT / "data" / "raw" / "sources.csv", dtype=str).iloc[0]
    rows = obs(("s.0", "2024", "target", 6, "%", "at_least", "yoy_pct"),
               ("s.0", "2024", "outturn", 7, "%", "exact", "yoy_pct"), source_id=source["source_id"],
               vintage="2025-02-01")
    comparison = indicators.targets_vs_outturns(rows, root=CHECKOUT_ROOT)
    zh = indicators.summarise(comparison, lang="zh", root=CHECKOUT_ROOT)
    en = indicators.summarise(comparison, lang="en", root=CHECKOUT_ROOT)
    assert f"实际数来自{source['title_zh']}（2025-02-01）。" in zh
    assert f"Outturns from {source['title_en']} (2025-02-01)." in en
