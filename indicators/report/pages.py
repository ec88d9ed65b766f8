"""Reader pages: executed notebooks as HTML a reader can use, and tables formatted for them.

:func:`write_page` renders an executed notebook with the ``reader`` template
(``templates/reader/``, extending JupyterLab's): without code cells (``code=True`` also
writes the page with code to ``code/NAME.html`` beside it), fully offline (no script from a
CDN), ``<html lang>`` from the notebook's ``lang`` parameter, ``<title>`` from its first
heading in that language, and charts with the alt text and display width that
:func:`indicators.save_figure` gives them.

:func:`present` is the one way a notebook shows a table: the one table presentation of
the package (:func:`indicators.data.presentation.present_table`, whose column registry is
``indicators/data/columns.csv``), so that a page, the workbook and the charts show a table's
columns in the same order, under the same names, with the same digits.
"""
from __future__ import annotations

import ast
import copy
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import _words
from .._atomic import atomic_path
from ..data.presentation import present_table
from ..plot.fonts import font_face_rule

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
TEMPLATE = "reader"
#: folder, beside the reader pages, of the same pages with their code
CODE_DIR = "code"
#: ``<html lang>`` of a page by the notebook's ``lang`` (BCP 47: Chinese in simplified script)
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
#: family name of the Chinese font each page embeds (a subset: only the characters it shows)
CJK_FAMILY = "Indicators CJK"
#: characters from here up are drawn with the embedded font (CJK, fullwidth punctuation …)
CJK_FROM = 0x2E80
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# --- tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    """A table as a reader sees it: ``text`` holds every cell as shown, headers included;
    ``classes`` gives each column's HTML class: ``number`` (right-aligned on a page),
    ``prose`` (sentences, given room to wrap) or ``""``.

    Notebooks display it as HTML (every row, no index); ``repr`` is the same as plain text.
    """

    text: pd.DataFrame
    classes: tuple[str, ...]

    def to_html(self) -> str:
        def row(tag, values):
            cells = ((f' class="{c}"' if c else "", html.escape(str(v))) for v, c in zip(values, self.classes))
            return "<tr>" + "".join(f"<{tag}{cls}>{v}</{tag}>" for cls, v in cells) + "</tr>"

        body = "\n".join(row("td", r) for r in self.text.itertuples(index=False))
        return (f'<table class="indicators-table">\n<thead>{row("th", self.text.columns)}</thead>\n'
                f"<tbody>\n{body}\n</tbody>\n</table>")

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.max_rows", None,
                               "display.max_columns", None, "display.width", None):
            return self.text.to_string(index=False)


def present(frame: pd.DataFrame, *, lang: str = "zh", root: str | os.PathLike | None = None) -> Table:
    """*frame* as a page shows it: :func:`indicators.data.presentation.present_table` in
    *lang*, the one table presentation of the pages, the workbook and the charts (column
    order, bilingual headers, numbers as printed, codes in words, no index, no ``NaN``).

    Parameters
    ----------
    frame : DataFrame
        Columns listed in ``indicators/data/columns.csv``; the index is dropped.
    lang : {"zh", "en"}, default "zh"
        Language of periods, units, qualifiers and codes (headers are bilingual).
    root : path-like, optional
        Project whose ``data/raw/units.csv`` and ``qualifiers.csv`` are used.
    """
    shown = present_table(frame, lang=_words.check_lang(lang), root=root)
    return Table(shown.text, shown.classes)


# --- pages -------------------------------------------------------------------------------

def page_lang(nb) -> str:
    """The ``lang`` the notebook ran with: the last ``lang = "…"`` of its ``parameters`` and
    ``injected-parameters`` cells (the project's first language when none sets it)."""
    lang = _words.LANGS[0]
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type != "code" or not {"parameters", "injected-parameters"} & set(tags):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "lang" for t in node.targets)
                    and isinstance(node.value, ast.Constant) and node.value.value in _words.LANGS):
                lang = node.value.value
    return lang


def page_title(nb, lang: str, *, default: str = "") -> str:
    """The notebook's first heading in *lang*: of ``01 · 成都经济增长 / Chengdu growth``,
    ``01 · 成都经济增长`` (zh) or ``01 · Chengdu growth`` (en); *default* without a heading."""
    heading = next((line.lstrip("#").strip() for cell in nb.cells if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if re.match(r"#+\s", line)), None)
    if not heading:
        return default
    prefix, rest = re.fullmatch(r"(\d+\s*·\s*)?(.*)", heading).groups()
    parts = [p.strip() for p in rest.split(" / ")]
    wanted = [p for p in parts if bool(_CJK.search(p)) == (lang == "zh")]
    return (prefix or "") + (wanted[0] if wanted and len(parts) > 1 else rest)


def render_page(nb, *, code: bool = False, default_title: str = "") -> str:
    """The HTML page of the executed notebook *nb*, with its code cells when *code*."""
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    lang = page_lang(nb)
    nb.metadata["title"] = page_title(nb, lang, default=default_title)
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not code, exclude_input_prompt=not code,
                            exclude_output_prompt=not code, language_code=lang)
    shown = nb if code else _without_code(nb)
    resources = {"html_lang": HTML_LANG[lang], "cjk_family": CJK_FAMILY,
                 "cjk_font_face": font_face(nbformat_text(shown) + nb.metadata["title"])}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _without_code(nb):
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.source = ""
    return out


def nbformat_text(nb) -> str:
    """All text of *nb* (sources and outputs) as one string."""
    import nbformat

    return nbformat.writes(nb)


def font_face(text: str) -> str:
    """A ``<style>`` with an ``@font-face`` for :data:`CJK_FAMILY` (see
    :func:`indicators.plot.fonts.font_face_rule`), so a page shows Chinese on a machine
    without Chinese fonts. Empty when *text* has no character from :data:`CJK_FROM` up."""
    rule = font_face_rule(text, family=CJK_FAMILY, start=CJK_FROM)
    return f'<style type="text/css">{rule}</style>' if rule else ""


def write_page(nb, path: str | os.PathLike, *, code: bool = False) -> Path:
    """Write the reader page of *nb* to *path* and, with *code*, the page with its code to
    ``code/NAME.html`` beside it; each atomically. Without *code*, an older page with code
    of the same name is removed, so that it never shows other numbers. Returns *path*."""
    path = Path(path)
    code_page = path.parent / CODE_DIR / path.name
    for target, with_code in [(path, False)] + ([(code_page, True)] if code else []):
        body = render_page(nb, code=with_code, default_title=path.stem)
        with atomic_path(target) as tmp:
            tmp.write_text(body, encoding="utf-8")
    if not code:
        code_page.unlink(missing_ok=True)
    return path
