"""Coverage of the curation: every figure the in-scope parts of the documents print is in a
curated CSV (a row whose quote spans it and whose value is that number) or on the reviewed
exclusion list ``data/raw/coverage_exclusions.csv`` with a reason. The in-scope part of a
document is its reviewed section in ``data/raw/coverage_sections.csv``, or the whole document
when it has none (one added since).

The documents are split into clauses at 。；！？ after whitespace removal; a figure is an
Arabic number followed by a unit, ``%`` or a counting word (个, 家, 万 …). Years, months,
editions, ages, durations and line numbers (2023年, 第31届, 60岁, 8号线) are not figures.
Numbers written in Chinese numerals (两万亿元) cannot be found this way; none of those is an
economic figure except S003's 两万亿元, which S004 prints as 超2.2万亿元.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

import indicators
from indicators.curate.coverage import (EXCLUSIONS, FIGURE, curated_figures, excluded_figures,
                                        occurrences, read_exclusions, sections)
from indicators.data.registry import load_registries, normalise_text
from indicators.paths import project

CLAUSE_END = re.compile(r"[。;!?]")


@dataclass(frozen=True)
class Figure:
    source_id: str
    start: int
    number: str
    clause: str

    def __str__(self) -> str:
        return f"{self.source_id} {self.number!r} in 「{self.clause}」"


def numeric_clauses(text: str, bounds: tuple[int, int]) -> list[tuple[int, str]]:
    """(offset, clause) of each clause of the section (*bounds*) that prints at least one figure."""
    start, end = bounds
    out, pos = [], start
    for piece in CLAUSE_END.split(text[start:end]):
        if FIGURE.search(piece):
            out.append((pos, piece))
        pos += len(piece) + 1
    return out


def figures(text: str, source_id: str, bounds: tuple[int, int]) -> list[Figure]:
    """Every figure of the section (*bounds*), with its offset in *text* and its clause."""
    return [Figure(source_id, offset + m.start(), m.group(), clause)
            for offset, clause in numeric_clauses(text, bounds)
            for m in FIGURE.finditer(clause)]


@pytest.fixture(scope="module")
def texts(built_root) -> dict[str, str]:
    return load_registries(project(built_root)).source_texts


@pytest.fixture(scope="module")
def bounds(built_root, texts) -> dict[str, tuple[int, int]]:
    return sections(texts, built_root)


@pytest.fixture(scope="module")
def exclusions(built_root):
    return read_exclusions(built_root)


@pytest.fixture(scope="module")
def covered(built_root, texts):
    # every vintage: a figure a later report revised is still curated in the document that printed it
    return curated_figures(indicators.load(built_root, vintage="all"), texts)


def test_figure_finder_keeps_units_and_skips_years_editions_and_line_numbers():
    text = normalise_text("2023年1至11月，服务进出口总额 58902 亿元，同比增长9%；"
                          "第31届大运会；地铁8号线；增长1.2倍；60岁以上老人6000户以上")
    found = [m.group() for m in FIGURE.finditer(text)]
    assert found == ["58902", "9", "1.2", "6000"]


def test_each_reviewed_section_prints_figures(texts, bounds):
    reviewed = [sid for sid, (start, end) in bounds.items() if (start, end) != (0, len(texts[sid]))]
    assert reviewed, "no document has a reviewed section in coverage_sections.csv"
    for sid in reviewed:
        assert numeric_clauses(texts[sid], bounds[sid]), f"{sid}: no numeric clause in scope"


def test_every_figure_in_scope_is_curated_or_excluded(texts, bounds, covered, exclusions):
    # every registered document: its reviewed section, or the whole of it (one added since)
    excluded = excluded_figures(exclusions, texts)
    missing = [f for sid in sorted(texts) for f in figures(texts[sid], sid, bounds[sid])
               if (sid, f.start) not in covered and (sid, f.start) not in excluded]
    assert not missing, (
        f"{len(missing)} figure(s) have no curated row (a row whose quote spans the figure and "
        f"whose value is it) and no entry in data/raw/{EXCLUSIONS}:\n  " + "\n  ".join(map(str, missing)))


def test_exclusions_have_a_reason_and_are_still_needed(texts, bounds, covered, exclusions):
    problems = []
    in_scope = {sid: {f.start for f in figures(texts[sid], sid, bounds[sid])} for sid in texts}
    for row in exclusions:
        where = f"{EXCLUSIONS} line {row['line']} ({row['fragment']!r})"
        if None in row or None in row.values():
            problems.append(f"{where}: expected 3 fields (source_id, fragment, reason); "
                            "put a fragment or reason with commas in double quotes")
            continue
        if not row["reason"].strip():
            problems.append(f"{where}: no reason")
        for sid in row["source_id"].split(";"):
            if sid not in texts:
                problems.append(f"{where}: unknown source {sid!r}")
                continue
            spans = occurrences(texts[sid], normalise_text(row["fragment"]))
            needed = [s + m.start() for s, e in spans for m in FIGURE.finditer(texts[sid][s:e])
                      if s + m.start() in in_scope[sid] and (sid, s + m.start()) not in covered]
            if not needed:
                problems.append(f"{where}: excludes no uncurated in-scope figure of {sid}; "
                                "remove it or fix the fragment")
    assert not problems, "\n".join(problems)
