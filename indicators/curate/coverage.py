"""Which printed numbers are figures, and which of them are curated or excluded.

A *figure* is an Arabic number followed by a unit, ``%`` or a counting word (个, 家, 万 …);
years, months, editions, ages, durations and line numbers (2023年, 第31届, 60岁, 8号线) are
not. A figure is *curated* when a printed row's quote spans it and the row's value is that
number, and *excluded* when it lies inside a fragment of ``data/raw/coverage_exclusions.csv``.
The coverage test and ``suggest --existing`` both ask these questions here.

The reviewed part of each document (its *section*) is a row of ``data/raw/coverage_sections.csv``:
its first and last words, both included, matched after :func:`normalise_text`; a document
without a row there is read whole.
"""
from __future__ import annotations

import csv
import re

from ..exceptions import DataValidationError, Problem
from ..paths import project
from ..data.read import FILE, LINE, read_csv
from ..data.registry import normalise_text

#: what may follow a number for it to count as a figure (units, %, counting words, 多/余/左右)
UNIT_START = "%‰左万亿千个家项条位场户名座所多余件套台处人列倍吨公平天对栋亩只盏课份班元头辆次页标∶"
FIGURE = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?(?=[{UNIT_START}])")
#: the reviewed list of numbers that are not figures, in data/raw/
EXCLUSIONS = "coverage_exclusions.csv"
#: the reviewed section of each document (first and last words, why), in data/raw/
SECTIONS = "coverage_sections.csv"
_SECTION_COLUMNS = ["source_id", "first", "last", "reason"]


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Start and end of every occurrence of *needle* in *text* (overlapping ones too)."""
    spans, i = [], text.find(needle)
    while needle and i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


def curated_figures(observations, texts: dict[str, str]) -> set[tuple[str, int]]:
    """(source, offset) of every printed number a curated row stands for: the row's quote
    spans it, in the row's source or one of its ``also_source_ids``, and the row's value
    is that number. *texts* maps source ids to normalised documents."""
    printed = observations[observations["origin"].astype(str).eq("printed")]
    covered = set()
    for source_id, also, quote, value in zip(printed["source_id"].astype(str), printed["also_source_ids"],
                                             printed["quote"], printed["value"]):
        for sid in [source_id] + [s for s in str(also).split(";") if s]:
            text = texts[sid]
            for s, e in occurrences(text, normalise_text(quote)):
                for m in re.finditer(r"\d+(?:\.\d+)?", text[s:e]):
                    if float(m.group()) == abs(value):
                        covered.add((sid, s + m.start()))
    return covered


def read_exclusions(root=None) -> list[dict[str, str]]:
    """The rows of ``coverage_exclusions.csv``, each with its ``line`` (the header is line 1)."""
    with open(project(root).raw / EXCLUSIONS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, 2):
        row["line"] = line
    return rows


def excluded_figures(exclusions, texts: dict[str, str]) -> dict[tuple[str, int], dict]:
    """(source, offset) of every figure inside an exclusion's fragment -> that exclusion's row."""
    out = {}
    for row in exclusions:
        for sid in row["source_id"].split(";"):
            if sid not in texts:
                continue
            for s, e in occurrences(texts[sid], normalise_text(row["fragment"])):
                for m in FIGURE.finditer(texts[sid][s:e]):
                    out.setdefault((sid, s + m.start()), row)
    return out


def sections(texts: dict[str, str], root=None) -> dict[str, tuple[int, int]]:
    """Start and end offset of the reviewed section of every document in *texts* (source id
    -> normalised text): from its ``first`` words to the end of its ``last`` words in
    ``coverage_sections.csv``; ``(0, len(text))`` for a document without a row.

    Raises
    ------
    DataValidationError
        For a row that names no registered document, repeats one, has no reason, or whose
        first words are not in the document exactly once or last words not after them.
    """
    path = project(root).raw / SECTIONS
    if not path.is_file():
        raise DataValidationError([Problem(str(path), None, None, None,
                                           "the coverage sections registry; restore it from git")])
    table, problems = read_csv(path, columns=_SECTION_COLUMNS, required=_SECTION_COLUMNS), []
    bounds, seen = {sid: (0, len(text)) for sid, text in texts.items()}, set()
    for _, row in table.iterrows():  # row["first"], not row.first: pandas 2 has Series.first
        where = (row[FILE], row[LINE])
        if row.source_id not in texts:
            problems.append(Problem(*where, "source_id", row.source_id,
                                    f"a source_id of sources.csv ({', '.join(sorted(texts))}); "
                                    "fix the id or delete the row"))
            continue
        if row.source_id in seen:
            problems.append(Problem(*where, "source_id", row.source_id, "one row per document; delete the repeat"))
            continue
        seen.add(row.source_id)
        if not row.reason.strip():
            problems.append(Problem(*where, "reason", row.reason, "why the section starts and ends there"))
        text, first, last = texts[row.source_id], normalise_text(row["first"]), normalise_text(row["last"])
        found = len(occurrences(text, first)) if first else 0
        if found != 1:
            problems.append(Problem(*where, "first", row["first"],
                                    f"words that occur exactly once in {row.source_id} (found {found} times); "
                                    "copy them from the document, adding words until they are unique"))
            continue
        start = text.index(first)
        end = text.find(last, start) if last else -1
        if end < 0:
            problems.append(Problem(*where, "last", row["last"],
                                    f"words of {row.source_id} after its first words {row['first']!r}; "
                                    "copy them from the document"))
            continue
        bounds[row.source_id] = (start, end + len(last))
    if problems:
        raise DataValidationError(problems)
    return bounds
