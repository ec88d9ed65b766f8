"""Coverage of the curation: every figure the in-scope parts of the documents print is in a
curated CSV (a row whose quote spans it and whose value is that number) or on the reviewed
exclusion list ``data/raw/coverage_exclusions.csv`` with a reason.

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
                                        occurrences, read_exclusions)
from indicators.paths import project
from indicators.data.registry import load_registries, normalise_text

#: The in-scope part of each document: its first and last words (both included), matched
#: after :func:`normalise_text`. Why these bounds:
SECTIONS = {
    # the Xinhua wire on services trade; the rest of the front page (science-base map,
    # household registration, meetings) is not macro data, and the headline
    # "2023年前11个月我国服务进出口总额同比增长9%" repeats the wire's first sentence
    "S000": ("新华社北京1月4日电", "进口同比增长74.9%"),
    # the whole page is the government work report: part of the 2023 review and the 2024 plan
    "S001": ("紧接01版", "紧转05版"),
    # the joint-projects report from its lead to its last sentence; its headline repeats the
    # lead, and the page's other articles (work-conference reactions, public-service hotlines,
    # a rooftop solar plant, a veteran party member, a shopping festival) are not macro data
    "S002": ("记者1月2日从四川省发展改革委获悉", "重点项目实现开门红"),
    # the press-conference reports, up to the rural targets; the editorial, the CPPCC meeting
    # and the central foreign-affairs meeting on the same page print no economic figures
    "S003": ("关键词:意义", "达到10万元以上"),
    # the report from its review to the end of the 36 livelihood projects; the site
    # navigation before it and the glossary and copyright footer after it are not figures
    "S004": ("2023年工作回顾", "名词解释"),
}

CLAUSE_END = re.compile(r"[。;!?]")


@dataclass(frozen=True)
class Figure:
    source_id: str
    start: int
    number: str
    clause: str

    def __str__(self) -> str:
        return f"{self.source_id} {self.number!r} in 「{self.clause}」"


def section_bounds(text: str, source_id: str) -> tuple[int, int]:
    """Start and end offsets of the in-scope section of a normalised document (the whole of a
    document without a reviewed section, such as one added since)."""
    if source_id not in SECTIONS:
        return 0, len(text)
    first, last = (normalise_text(w) for w in SECTIONS[source_id])
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def numeric_clauses(text: str, source_id: str) -> list[tuple[int, str]]:
    """(offset, clause) of each clause of the section that prints at least one figure."""
    start, end = section_bounds(text, source_id)
    out, pos = [], start
    for piece in CLAUSE_END.split(text[start:end]):
        if FIGURE.search(piece):
            out.append((pos, piece))
        pos += len(piece) + 1
    return out


def figures(text: str, source_id: str) -> list[Figure]:
    """Every figure of the section, with its offset in *text* and its clause."""
    return [Figure(source_id, offset + m.start(), m.group(), clause)
            for offset, clause in numeric_clauses(text, source_id)
            for m in FIGURE.finditer(clause)]


@pytest.fixture(scope="module")
def texts(built_root) -> dict[str, str]:
    return load_registries(project(built_root)).source_texts


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


@pytest.mark.parametrize("source_id", sorted(SECTIONS))
def test_each_section_is_found_once(texts, source_id):
    first = normalise_text(SECTIONS[source_id][0])
    assert texts[source_id].count(first) == 1, f"{source_id}: section start {first!r} must occur once"
    start, end = section_bounds(texts[source_id], source_id)
    assert end > start
    assert numeric_clauses(texts[source_id], source_id), f"{source_id}: no numeric clause in scope"


@pytest.mark.parametrize("source_id", sorted(SECTIONS))
def test_every_figure_in_scope_is_curated_or_excluded(texts, covered, exclusions, source_id):
    excluded = excluded_figures(exclusions, texts)
    missing = [f for f in figures(texts[source_id], source_id)
               if (source_id, f.start) not in covered and (source_id, f.start) not in excluded]
    assert not missing, (
        f"{len(missing)} figure(s) of {source_id} have no curated row (a row whose quote spans the "
        f"figure and whose value is it) and no entry in data/raw/{EXCLUSIONS}:\n  "
        + "\n  ".join(map(str, missing)))


def test_exclusions_have_a_reason_and_are_still_needed(texts, covered, exclusions):
    problems = []
    in_scope = {sid: {f.start for f in figures(texts[sid], sid)} for sid in SECTIONS}
    for row in exclusions:
        where = f"{EXCLUSIONS} line {row['line']} ({row['fragment']!r})"
        if None in row or None in row.values():
            problems.append(f"{where}: expected 3 fields (source_id, fragment, reason); "
                            "put a fragment or reason with commas in double quotes")
            continue
        if not row["reason"].strip():
            problems.append(f"{where}: no reason")
        for sid in row["source_id"].split(";"):
            if sid not in SECTIONS:
                problems.append(f"{where}: unknown source {sid!r}")
                continue
            spans = occurrences(texts[sid], normalise_text(row["fragment"]))
            needed = [s + m.start() for s, e in spans for m in FIGURE.finditer(texts[sid][s:e])
                      if s + m.start() in in_scope[sid] and (sid, s + m.start()) not in covered]
            if not needed:
                problems.append(f"{where}: excludes no uncurated in-scope figure of {sid}; "
                                "remove it or fix the fragment")
    assert not problems, "\n".join(problems)
