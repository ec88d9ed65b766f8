"""`sections` (indicators/curate/coverage.py): the reviewed section of each document, read from
data/raw/coverage_sections.csv, and the errors a wrong row gives."""
from __future__ import annotations

import re

import pytest

from indicators.curate.coverage import SECTIONS, sections
from indicators.data.registry import load_registries
from indicators.exceptions import DataValidationError
from indicators.paths import project
from projects import make_project

TEXT = "版头广告9折。\n正文开始：地区生产总值增长6%。正文结束。\n版尾启事100元。"


@pytest.fixture
def root(tmp_path):
    return make_project(tmp_path, documents={"A": (TEXT, "2024-02-01", "2023/2024"),
                                             "B": ("另一份文件，增长5%。", "2024-02-01", "2023/2024")},
                        series=[], curated={})


def write_sections(root, *rows: str) -> None:
    (root / "data" / "raw" / SECTIONS).write_text("source_id,first,last,reason\n" + "".join(r + "\n" for r in rows),
                                                  encoding="utf-8")


def bounds(root):
    return sections(load_registries(project(root)).source_texts, root)


def test_a_section_runs_from_its_first_to_its_last_words_and_other_documents_are_read_whole(root):
    write_sections(root, "A,正文 开始,正文结束,the article only")
    texts = load_registries(project(root)).source_texts
    found = sections(texts, root)
    start, end = found["A"]
    assert texts["A"][start:end] == "正文开始:地区生产总值增长6%。正文结束"
    assert found["B"] == (0, len(texts["B"]))


@pytest.mark.parametrize(("row", "where", "expected"), [
    ("C,正文开始,正文结束,why", "line 2, column 'source_id': got 'C'", "a source_id of sources.csv (A, B)"),
    ("A,正文中间,正文结束,why", "line 2, column 'first': got '正文中间'", "words that occur exactly once in A (found 0 times)"),
    ("A,正文,正文结束,why", "line 2, column 'first': got '正文'", "words that occur exactly once in A (found 2 times)"),
    ("A,正文结束,正文开始,why", "line 2, column 'last': got '正文开始'", "words of A after its first words"),
    ("A,正文开始,正文结束,", "line 2, column 'reason': got ''", "why the section starts and ends there"),
])
def test_a_wrong_section_names_file_line_column_value_and_what_to_do(root, row, where, expected):
    write_sections(root, row)
    with pytest.raises(DataValidationError, match=re.escape(f"{SECTIONS}, {where}; expected {expected}")):
        bounds(root)


def test_a_document_has_one_section(root):
    write_sections(root, "A,正文开始,正文结束,why", "A,正文开始,正文结束,again")
    with pytest.raises(DataValidationError, match=r"line 3, column 'source_id': got 'A'; expected one row per document"):
        bounds(root)


def test_a_missing_sections_file_says_to_restore_it(root):
    with pytest.raises(DataValidationError, match=re.escape(SECTIONS) + ".*restore it from git"):
        bounds(root)
