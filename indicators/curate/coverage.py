"""Which printed numbers are figures, and which of them are curated or excluded.

A *figure* is an Arabic number followed by a unit, ``%`` or a counting word (个, 家, 万 …);
years, months, editions, ages, durations and line numbers (2023年, 第31届, 60岁, 8号线) are
not. A figure is *curated* when a printed row's quote spans it and the row's value is that
number, and *excluded* when it lies inside a fragment of ``data/raw/coverage_exclusions.csv``.
The coverage test and ``suggest --existing`` both ask these questions here.
"""
from __future__ import annotations

import csv
import re

from ..paths import project
from ..data.registry import normalise_text

#: what may follow a number for it to count as a figure (units, %, counting words, 多/余/左右)
UNIT_START = "%‰左万亿千个家项条位场户名座所多余件套台处人列倍吨公平天对栋亩只盏课份班元头辆次页标∶"
FIGURE = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?(?=[{UNIT_START}])")
#: the reviewed list of numbers that are not figures, in data/raw/
EXCLUSIONS = "coverage_exclusions.csv"


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
