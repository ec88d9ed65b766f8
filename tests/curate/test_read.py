"""Reading documents for ``suggest``: an HTML page without its navigation and footer, a
text PDF, and a scanned PDF refused in one line."""
from __future__ import annotations

import csv

import matplotlib.pyplot as plt
import numpy as np
import pytest

from indicators import cli
from indicators.curate.read import read_document
from indicators.exceptions import DocumentError
from indicators.plot.style import style

from curate.test_suggest import REPORT, SERIES
from projects import make_project

PARAGRAPHS = [line for line in REPORT.splitlines() if line]
PAGE = ("<html><head><title>2031年某市政府工作报告</title>"
        "<meta property='og:site_name' content='某市人民政府'></head><body>"
        "<nav><ul><li><a href='/'>首页</a></li><li><a href='/news'>新闻中心</a></li>"
        "<li><a href='/open'>政务公开</a></li></ul></nav><article><h1>2031年某市政府工作报告</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) +
        "</article><footer><p>版权所有 某市人民政府办公厅 备案号：蜀ICP备12345678号-1 "
        "访问量 1234567 次</p></footer></body></html>")


def test_an_html_page_is_read_without_navigation_and_footer(tmp_path):
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.extracted
    for paragraph in PARAGRAPHS[1:]:
        assert paragraph in document.text
    for chrome in ("新闻中心", "政务公开", "ICP备", "1234567"):
        assert chrome not in document.text
    assert "政府工作报告" in document.title


def test_suggest_on_html_writes_the_text_and_a_sources_row_beside_the_draft(tmp_path):
    root = make_project(tmp_path / "project", documents={"S_NEW": (REPORT, "2031-02-01", "2030/2031")},
                        series=SERIES, curated={})
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "drafts" / "S_NEW.csv"
    assert cli.main(["--root", str(root), "suggest", str(path), "--source-id", "S_NEW", "--output", str(out)]) == 0
    text = (tmp_path / "drafts" / "S_NEW.txt").read_text(encoding="utf-8")
    assert PARAGRAPHS[2] in text and "ICP备" not in text
    with open(tmp_path / "drafts" / "S_NEW.sources.csv", encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["source_id"] == "S_NEW" and row["file"] == "sources/S_NEW.txt"
    assert "政府工作报告" in row["title_zh"]
    with open(out, encoding="utf-8", newline="") as fh:
        values = {r["value"] for r in csv.DictReader(fh)}
    assert {"5.8", "120", "2100", "5.5"} <= values


def _pdf(path, *, text: bool):
    with style():
        fig = plt.figure()
        if text:
            for i, line in enumerate(PARAGRAPHS[2:4]):
                fig.text(0.02, 0.8 - 0.1 * i, line, fontsize=6)
        else:  # a scan: the page is a picture
            fig.figimage(np.random.default_rng(0).random((50, 50)))
        fig.savefig(path)
        plt.close(fig)
    return path


def test_a_text_pdf_is_read(tmp_path):
    document = read_document(_pdf(tmp_path / "report.pdf", text=True))
    assert document.extracted
    assert "地区生产总值增长5.8%" in "".join(document.text.split())


def test_a_scanned_pdf_gets_one_line_saying_to_run_ocr(tmp_path, capsys):
    path = _pdf(tmp_path / "scan.pdf", text=False)
    with pytest.raises(DocumentError, match="no text layer.*OCR"):
        read_document(path)
    root = make_project(tmp_path / "project", documents={"S_NEW": (REPORT, "2031-02-01", "2030/2031")},
                        series=SERIES, curated={})
    assert cli.main(["--root", str(root), "suggest", str(path), "--source-id", "S_NEW",
                     "--output", str(tmp_path / "d.csv")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not (tmp_path / "d.csv").exists()


def test_a_broken_pdf_is_one_line(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(DocumentError, match="broken.pdf"):
        read_document(path)
