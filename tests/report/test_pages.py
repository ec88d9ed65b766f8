"""Reader pages: no code, no reprs, offline, with lang, title and alt text; tables formatted once."""
from __future__ import annotations

import base64
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from browser import chromium, page_problems
from indicators.exceptions import IndicatorsError
from indicators.paths import CHECKOUT_ROOT, SCHEMA_PATH
from indicators.report.notebooks import notebook_paths, run_notebooks
from indicators.report.pages import present

NOTEBOOKS = notebook_paths(CHECKOUT_ROOT)
CJK = re.compile(r"[\u4e00-\u9fff]")
#: what a reader must never see: Python reprs, pandas dumps, missing-value markers
REPRS = re.compile(r"PosixPath|WindowsPath|np\.float64|dtype:|Name: \w+|<NA>|\bNaN\b|\bnan\b|\bNone\b|"
                   r"<chart: |object at 0x")


def schema_title(column):
    fields = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["fields"]
    return next(f["title"] for f in fields if f["name"] == column)


def cells(table):
    soup = BeautifulSoup(table.to_html(), "html.parser")
    return ([th.get_text() for th in soup.select("thead th")],
            [[td.get_text() for td in tr.select("td")] for tr in soup.select("tbody tr")])


# --- present(): the one table helper ------------------------------------------------------

def test_headers_are_the_schema_titles_and_the_registry_titles_in_the_registry_order():
    frame = pd.DataFrame({"status": ["met"], "unit": ["%"], "target": [6.0], "value": [6.0],
                          "name_zh": ["地区生产总值"]})
    headers, _ = cells(present(frame, lang="zh"))
    assert headers == [schema_title("name_zh"), schema_title("value"), "目标值 / Target",
                       schema_title("unit"), "状态 / Status"]


def test_numbers_are_rounded_as_the_unit_prints_them():
    frame = pd.DataFrame({"value": [16.666667, 2.25, 6.0, 4261.73333, 58902.0, -0.0001],
                          "unit": ["%", "%", "%", "亿元", "亿元", "%"]})
    _, rows = cells(present(frame, lang="zh"))
    assert [r[0] for r in rows] == ["16.7", "2.25", "6", "4,261.7", "58,902", "0"]


def test_decimals_come_from_units_csv(project_copy):
    units = project_copy / "data" / "raw" / "units.csv"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace('亿元,100 million yuan,money_cny,元,100000000,"#,##0.0"',
                                  '亿元,100 million yuan,money_cny,元,100000000,"0.000"'), encoding="utf-8")
    frame = pd.DataFrame({"value": [4261.73333], "unit": ["亿元"]})
    _, rows = cells(present(frame, lang="zh", root=project_copy))
    assert rows == [["4261.733", "亿元"]]


def test_missing_values_are_blank_or_a_dash_and_there_is_no_index():
    frame = pd.DataFrame({"series_id": ["a.b", None], "target": [float("nan"), 3.0], "unit": ["%", None],
                          "met": [None, True]}, index=[17, 42])
    table = present(frame, lang="en")
    headers, rows = cells(table)
    assert rows == [["–", "%", "", "a.b"], ["3", "", "yes", ""]]  # in the registry's order
    assert len(headers) == 4 and not re.search(r"NaN|None|17|42", table.to_html())


def test_codes_periods_and_units_read_in_the_page_language():
    frame = pd.DataFrame({"period": ["2023-01/2023-11"], "kind": ["target"], "qualifier": ["about"],
                          "status": ["not met"], "unit": ["亿元"], "met": [False]})
    assert cells(present(frame, lang="zh"))[1] == [["2023年1-11月", "目标", "亿元", "左右", "未达成", "否"]]
    assert cells(present(frame, lang="en"))[1] == [["Jan-Nov 2023", "Target", "100 million yuan", "about",
                                                    "not met", "no"]]


def test_every_row_and_whole_names_are_kept_whatever_the_display_options():
    name = "一个很长很长的指标名称" * 12
    frame = pd.DataFrame({"name_zh": [name] * 300, "value": range(300), "unit": ["个"] * 300})
    with pd.option_context("display.max_rows", 10, "display.max_colwidth", 20):
        html = present(frame).to_html()
        text = repr(present(frame))
    _, rows = cells(present(frame))
    assert len(rows) == 300 and rows[-1] == [name, "299", "个"]
    assert html.count(name) == 300 and "..." not in html and "…" not in html
    assert text.count(name) == 300


def test_a_column_without_a_header_is_rejected_saying_where_to_add_it():
    with pytest.raises(IndicatorsError, match=r"no header for column 'mystery'.*columns\.csv"):
        present(pd.DataFrame({"mystery": [1]}))


# --- pages of a tiny notebook -------------------------------------------------------------

TINY_CHART = '''
import matplotlib.pyplot as plt
import indicators
fig, ax = plt.subplots(figsize=(5, 2.5))
ax.plot([1, 2], [3, 4])
fig.text(0.01, 0.99, "标题：测试图" if lang == "zh" else "Title: a test chart", va="top", gid="title")
written = indicators.save_figure(fig, "01-tiny", formats=("png",), out_dir=output_dir)
'''


def tiny_project(root: Path) -> Path:
    (root / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 · 小测试 / A tiny test\n\n说明 / Notes"),
        nbformat.v4.new_code_cell(f"lang = 'zh'\noutput_dir = {str(root / 'figures')!r}",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("%matplotlib inline" + TINY_CHART),
        nbformat.v4.new_code_cell("import pandas as pd\nfrom indicators.report.pages import present\n"
                                  "present(pd.DataFrame({'value': [1 / 3], 'unit': ['%']}), lang=lang)"),
    ]
    nbformat.write(nb, root / "notebooks" / "01-tiny.ipynb")
    return root


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_a_page_has_its_language_title_and_the_saved_chart_with_alt_text(project_copy):
    root = tiny_project(project_copy)
    (run,) = run_notebooks(root, code=True, progress=False)
    page, code_page = parse(run.html), parse(root / "reports" / "code" / "01-tiny.html")
    assert page.html["lang"] == "zh-Hans" and page.title.get_text() == "01 · 小测试"
    assert "save_figure" not in page.get_text() and "save_figure" in code_page.get_text()
    (img,) = page.find_all("img")  # the saved PNG, and no second copy from the inline backend
    png = (root / "figures" / "01-tiny.png").read_bytes()
    assert base64.b64decode(img["src"].partition(",")[2]) == png
    assert img["alt"] == "标题：测试图"
    assert int(img["width"]) == round(int.from_bytes(png[16:20], "big") / 300 * 96) == 480
    assert page.find("td").get_text() == "0.3"

    (run,) = run_notebooks(root, parameters={"lang": "en"}, progress=False)
    page = parse(run.html)
    assert page.html["lang"] == "en" and page.title.get_text() == "01 · A tiny test"
    assert page.find("img")["alt"] == "Title: a test chart"
    assert not (root / "reports" / "code" / "01-tiny.html").exists(), "a stale page with code is removed"


# --- the project's pages ------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(built_root, tmp_path_factory):
    """Every notebook run in Chinese (with code pages) and in English: lang -> project folder."""
    roots = {}
    for lang in ("zh", "en"):
        root = tmp_path_factory.mktemp(f"pages-{lang}")
        shutil.copytree(built_root / "data", root / "data")
        shutil.copytree(CHECKOUT_ROOT / "notebooks", root / "notebooks")
        run_notebooks(root, parameters={"lang": lang}, code=lang == "zh", progress=False)
        roots[lang] = root
    return roots


PAGES = [(lang, p.stem) for lang in ("zh", "en") for p in NOTEBOOKS]


def reader_text(soup: BeautifulSoup) -> str:
    for tag in soup(["style", "script"]):
        tag.decompose()
    return soup.get_text(" ")


@pytest.mark.slow
@pytest.mark.parametrize("lang, stem", PAGES)
def test_page_reads_without_code_reprs_or_machine_paths(pages, lang, stem):
    root = pages[lang]
    soup = parse(root / "reports" / f"{stem}.html")
    assert soup.select(".jp-InputArea .highlight, .jp-InputPrompt, .jp-OutputPrompt") == []
    text = reader_text(soup)
    assert not REPRS.search(text), REPRS.search(text).group(0)
    for path in {str(root), str(root.resolve()), str(CHECKOUT_ROOT), str(Path.home())}:
        assert path not in text
    assert not re.search(r"(/tmp/|/home/|/work/|[A-Z]:\\)", text)


@pytest.mark.slow
def test_code_pages_show_the_code(pages):
    for path in notebook_paths(pages["zh"]):
        soup = parse(pages["zh"] / "reports" / "code" / f"{path.stem}.html")
        assert soup.select(".jp-InputArea .highlight"), path.stem


@pytest.mark.slow
@pytest.mark.parametrize("lang, stem", PAGES)
def test_page_is_offline_with_language_title_and_alt_text(pages, lang, stem):
    soup = parse(pages[lang] / "reports" / f"{stem}.html")
    assert soup.html["lang"] == {"zh": "zh-Hans", "en": "en"}[lang]
    title = soup.title.get_text().strip()
    assert title.startswith(stem[:2]) and title != "Notebook" and len(title) > 5
    assert bool(CJK.search(title)) == (lang == "zh")
    for tag in soup.find_all(["script", "link", "img", "iframe"]):
        address = tag.get("src") or tag.get("href") or ""
        assert not address or address.startswith(("data:", "#")), f"{tag.name} loads {address[:80]}"
    images = soup.find_all("img")
    saved = (CHECKOUT_ROOT / "notebooks" / f"{stem}.py").read_text(encoding="utf-8").count("save_figure(")
    assert len(images) >= saved
    for img in images:
        assert img.get("alt", "").strip() and "No description" not in img["alt"]
        png = base64.b64decode(img["src"].partition(",")[2])
        assert int(img["width"]) == round(int.from_bytes(png[16:20], "big") / 300 * 96), "300 dpi at 96 px/in"


@pytest.mark.slow
@pytest.mark.parametrize("lang, stem", PAGES + [("code", p.stem) for p in NOTEBOOKS])
def test_page_embeds_a_font_with_every_chinese_character_it_shows(pages, lang, stem):
    from fontTools.ttLib import TTFont

    folder = pages["zh"] / "reports" / "code" if lang == "code" else pages[lang] / "reports"
    html = (folder / f"{stem}.html").read_text(encoding="utf-8")
    fonts = re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(fonts) == 1, "one embedded Chinese font"
    cmap = TTFont(io.BytesIO(base64.b64decode(fonts[0]))).getBestCmap()
    shown = {ch for ch in reader_text(BeautifulSoup(html, "html.parser")) if CJK.match(ch)}
    assert shown and not {ch for ch in shown if ord(ch) not in cmap}


@pytest.mark.slow
@pytest.mark.parametrize("lang, stem", PAGES)
def test_page_tables_have_bilingual_headers_and_no_index(pages, lang, stem):
    soup = parse(pages[lang] / "reports" / f"{stem}.html")
    tables = soup.find_all("table")
    assert tables
    for table in tables:
        headers = [th.get_text().strip() for th in table.select("thead th")]
        assert headers and all(" / " in h for h in headers), headers
        assert not table.select("tbody th"), "an index column"
        assert not any(td.get_text().strip() in ("...", "…") for td in table.select("td"))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analysis_page_counts_targets_without_a_verdict_instead_of_listing_them(pages, lang):
    soup = parse(pages[lang] / "reports" / "06-analysis.html")
    unjudged = {"zh": {"暂无实际", "数据点太少"}, "en": {"no outturn yet", "too few points"}}[lang]
    counts = 0
    for table in soup.find_all("table"):
        headers = [th.get_text().strip() for th in table.select("thead th")]
        if headers == ["状态 / Status", "数目 / Count"]:
            counts += 1
        elif "状态 / Status" in headers:
            column = headers.index("状态 / Status")
            statuses = {tr.select("td")[column].get_text() for tr in table.select("tbody tr")}
            assert not statuses & unjudged, headers
    assert counts == 2, "the targets and the trend projections, each counted by status"
    if lang == "zh":  # no English sentence from an error message ends the Chinese page
        assert not re.search(r"point\(s\)|a trend projection needs", reader_text(soup))


needs_chromium = pytest.mark.skipif(chromium() is None, reason="no Chromium on PATH (chromium, chromium-browser "
                                    "or google-chrome); .ci/run installs it in CI")


@pytest.mark.slow
@needs_chromium
def test_the_browser_check_catches_console_errors_and_failed_loads(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>broken</title>'
                    '<script src="https://cdn.example.org/require.min.js"></script></head>'
                    '<body><img src="missing.png" alt="x"><script>console.error("boom")</script></body></html>',
                    encoding="utf-8")
    problems = "\n".join(page_problems(page))
    assert "console.error: boom" in problems
    assert "cdn.example.org" in problems and "missing.png" in problems


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("lang, stem", PAGES + [("code", p.stem) for p in NOTEBOOKS])
def test_page_renders_in_chromium_without_errors(pages, lang, stem):
    folder = pages["zh"] / "reports" / "code" if lang == "code" else pages[lang] / "reports"
    assert page_problems(folder / f"{stem}.html") == []
