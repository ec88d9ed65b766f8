"""`summarise` (indicators/analysis/summary.py): counts read as sentences in both languages,
one and none included."""
from __future__ import annotations

import pytest

import indicators
from fixtures import obs


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
    ([(False, True)], ["**1 target for 2024**: 1 met.", "None has a 2023 outturn as baseline."],
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
