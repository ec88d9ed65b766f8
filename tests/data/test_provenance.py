"""Provenance of the real data, re-checked independently of ``validate()``: every printed
figure's quote is in its documents and prints its value."""
from __future__ import annotations

import csv

import pytest

from indicators.paths import project
from indicators.data.registry import normalise_text

#: measures whose sign is the direction of a change
CHANGES = {"yoy_pct", "rate_pct", "change_pp"}


@pytest.fixture(scope="module")
def texts(built_root) -> dict[str, str]:
    """Source id -> normalised text, read straight from data/raw/sources.csv and the files."""
    raw = project(built_root).raw
    with open(raw / "sources.csv", encoding="utf-8", newline="") as fh:
        return {row["source_id"]: normalise_text((raw / row["file"]).read_text(encoding="utf-8"))
                for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def printed(observations):
    rows = observations[observations["origin"].astype(str).eq("printed")].copy()
    rows["norm"] = rows["quote"].map(normalise_text)
    return rows


def numbers_in(text: str) -> set[float]:
    """The numbers a reader sees in *text*, read character by character (not with the
    validator's pattern): runs of digits with at most one decimal point, ``58,902`` as one
    number when the comma sits before exactly three digits."""
    found, run = set(), ""
    for i, ch in enumerate(text + " "):
        after = text[i + 1:i + 5]
        thousands = ch == "," and run[-1:].isdigit() and "." not in run and after[:3].isdigit() \
            and not after[3:4].isdigit()
        if ch.isdigit() or (ch == "." and run and "." not in run and text[i + 1:i + 2].isdigit()):
            run += ch
        elif not thousands:
            if run:
                found.add(float(run))
            run = ""
    return found


def test_numbers_are_read_as_a_reader_reads_them():
    assert numbers_in("总额58,902亿元，同比增长9%") == {58902, 9}
    assert numbers_in("下降6.8%。第3、4季度") == {6.8, 3, 4}
    assert numbers_in("1,2,3项") == {1, 2, 3}


def label(row) -> str:
    return f"{row.series_id}@{row.period} ({row.kind}) {row.quote!r}"


def test_every_printed_figure_has_a_source_and_a_quote(printed):
    assert printed["source_id"].astype(str).ne("").all()
    assert printed["quote"].str.strip().ne("").all()


def test_every_quote_occurs_in_its_source(printed, texts):
    bad = [label(r) for r in printed.itertuples() if r.norm not in texts[str(r.source_id)]]
    assert not bad, "quotes not found in their source:\n" + "\n".join(bad)


def test_every_quote_occurs_in_each_document_it_is_also_credited_to(printed, texts):
    bad = [f"{label(r)} not in {sid}" for r in printed.itertuples()
           for sid in filter(None, r.also_source_ids.split(";")) if r.norm not in texts[sid]]
    assert not bad, "\n".join(bad)


def test_report_figures_also_printed_in_the_newspaper_are_credited_to_it(printed, texts):
    """S001 prints part of S004 word for word: a quote found there lists S001."""
    from_report = printed[printed["source_id"].astype(str).eq("S004")]
    bad = [label(r) for r in from_report.itertuples()
           if r.norm in texts["S001"] and "S001" not in r.also_source_ids.split(";")]
    assert not bad, "add S001 to also_source_ids of:\n" + "\n".join(bad)


def test_every_value_is_printed_in_its_quote(printed):
    bad = [f"{label(r)}: value {r.value}" for r in printed.itertuples()
           if abs(r.value) not in numbers_in(r.norm)]
    assert not bad, "values not printed in their quote:\n" + "\n".join(bad)


def test_declines_are_stored_as_negative_changes(printed):
    changes = printed[printed["measure"].astype(str).isin(CHANGES)]
    falling = changes[changes["norm"].str.contains("下降|减少")]
    assert len(falling) >= 4  # services exports, energy intensity, work safety, farmland taken
    assert falling["value"].lt(0).all(), falling[["series_id", "value", "quote"]]
    rising = changes[~changes["norm"].str.contains("下降|减少")]
    assert rising["value"].ge(0).all(), rising.loc[rising["value"].lt(0), ["series_id", "value", "quote"]]


def test_qualified_figures_print_their_qualifier(printed, built_root):
    with open(project(built_root).raw / "qualifiers.csv", encoding="utf-8", newline="") as fh:
        markers = {row["qualifier"]: [m for m in row["markers"].split("|") if m] for row in csv.DictReader(fh)}
    qualified = printed[printed["qualifier"].astype(str).ne("exact")]
    bad = [label(r) for r in qualified.itertuples() if not any(m in r.norm for m in markers[str(r.qualifier)])]
    assert not bad, "qualifier wording missing from the quote:\n" + "\n".join(bad)


def test_every_document_is_cited(printed, texts):
    cited = set(printed["source_id"].astype(str)) | {s for ids in printed["also_source_ids"] for s in ids.split(";") if s}
    assert cited == set(texts)
