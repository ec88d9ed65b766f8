"""Reader pages: executed notebooks as HTML a reader can use, and tables formatted for them.

:func:`write_page` renders an executed notebook with the ``reader`` template
(``templates/reader/``, extending JupyterLab's): without code cells (``code=True`` also
writes the page with code to ``code/NAME.html`` beside it), fully offline (no script from a
CDN), ``<html lang>`` from the notebook's ``lang`` parameter, ``<title>`` from its first
heading in that language, and charts with the alt text and display width that
:func:`indicators.save_figure` gives them.

:func:`present` is the one way a notebook shows a table: headers in both languages (the
contract's titles from ``observations.schema.json``, and ``columns.csv`` beside this module
for the analysis columns), numbers rounded as printed (the unit's ``number_format`` in
``data/raw/units.csv``), codes in words of the page's language, no index, nothing left out
and no ``NaN``. Each row of ``columns.csv`` gives a column's ``format`` (``text``, ``prose``
for sentences, ``period``, ``unit``, ``qualifier``, ``word`` for codes such as statuses,
``bool``, ``number``), for numbers the ``unit_column`` whose unit sets the decimals (else
``decimals``), and for columns outside the contract the two titles.
"""
from __future__ import annotations

import ast
import base64
import copy
import csv
import html
import io
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .. import _words
from .._atomic import atomic_path
from ..data import periods
from ..data.registry import load_registries
from ..data.schema import schema
from ..data.units import unit_table
from ..exceptions import IndicatorsError
from ..paths import project

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
#: what a missing number shows
MISSING = "–"
#: a number is shown with all its digits when it has at most this many decimals (or the
#: unit's, if more): a figure printed as 2.25 stays 2.25, a computed 16.666667 becomes 16.7
EXACT_DECIMALS = 2
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


@cache
def _columns() -> dict[str, dict[str, str]]:
    with open(HERE / "columns.csv", encoding="utf-8", newline="") as fh:
        return {row["column"]: row for row in csv.DictReader(fh)}


@cache
def _value_words() -> dict[str, dict[str, str]]:
    with open(HERE / "words.csv", encoding="utf-8", newline="") as fh:
        return {row["value"]: row for row in csv.DictReader(fh)}


@cache
def _qualifier_words(root: str) -> dict[str, dict[str, str]]:
    return _words.qualifier_names(load_registries(project(root))["qualifiers"])


def header(column: str) -> str:
    """The bilingual header of *column*: ``目标值 / Target``.

    Raises
    ------
    IndicatorsError
        If *column* is neither in the observations contract nor in ``columns.csv``.
    """
    if column in schema().columns:
        return schema().field(column).title
    spec = _spec(column)
    return f"{spec['title_zh']} / {spec['title_en']}"


def _spec(column: str) -> dict[str, str]:
    spec = _columns().get(column)
    if spec is None:
        raise IndicatorsError(
            f"present(): no header for column {column!r}. Add a row to {HERE / 'columns.csv'} "
            "(column, format, unit_column, decimals, title_zh, title_en), or rename the column to one "
            f"listed there: {', '.join(_columns())}.")
    return spec


def word(value: str, lang: str) -> str:
    """A code as a reader reads it: a status, kind, origin or role in *lang*
    (``columns.csv``'s neighbour ``words.csv``, then the chart words of ``labels.json``)."""
    known = _value_words().get(value)
    if known is not None:
        return known[lang]
    labels = _words.labels()
    if value in labels["status"]:
        return _words.status_word(value, lang)
    if value in labels["kind"]:
        return _words.kind_word(value, lang, start=True)
    return labels["text"].get(value, {}).get(lang, value)


def present(frame: pd.DataFrame, *, lang: str = "zh", root: str | os.PathLike | None = None) -> Table:
    """*frame* formatted for a page: the one table helper of the notebooks.

    Parameters
    ----------
    frame : DataFrame
        Columns from the observations contract or ``columns.csv``; the index is dropped,
        so make labels columns first (``reset_index``).
    lang : {"zh", "en"}, default "zh"
        Language of periods, units, qualifiers and codes (headers are bilingual).
    root : path-like, optional
        Project whose ``data/raw/units.csv`` and ``qualifiers.csv`` are used.

    Returns
    -------
    Table
        Every row and column as text; numbers at most to the unit's decimals (``#,##0.0``
        for 亿元) unless printed with up to :data:`EXACT_DECIMALS`, no trailing zeros,
        ``–`` for a missing number and an empty cell for missing text.

    Raises
    ------
    IndicatorsError
        If a column has no header (the message says where to add one).
    """
    _words.check_lang(lang)
    root = str(project(root).root)
    headers = [header(c) for c in frame.columns]
    cells = {h: _format(frame, c, lang, root) for h, c in zip(headers, frame.columns)}
    classes = tuple(_spec(c)["format"] if _spec(c)["format"] in ("number", "prose") else "" for c in frame.columns)
    return Table(pd.DataFrame(cells, columns=headers).reset_index(drop=True), classes)


def _format(frame: pd.DataFrame, column: str, lang: str, root: str) -> list[str]:
    spec, values = _spec(column), frame[column].astype(object).tolist()
    kind = spec["format"]
    if kind == "number":
        return _numbers(frame, spec, root)
    shown = []
    for v in values:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            shown.append("")
        elif kind == "period":
            shown.append(periods.label(str(v), lang))
        elif kind == "unit":
            shown.append(_unit_name(str(v), lang, root))
        elif kind == "qualifier":
            shown.append(_qualifier_words(root).get(str(v), {}).get(lang, str(v)))
        elif kind == "word":
            shown.append(word(str(v), lang))
        elif kind == "bool":
            shown.append(word(str(bool(v)).lower(), lang))
        else:
            shown.append(str(v))
    return shown


def _unit_name(unit: str, lang: str, root: str) -> str:
    units = unit_table(root)
    if lang == "zh" or unit == "%" or unit not in units.index:
        return unit
    return str(units.loc[unit, "name_en"])


def _numbers(frame: pd.DataFrame, spec: dict[str, str], root: str) -> list[str]:
    values = pd.to_numeric(frame[spec["column"]], errors="coerce").tolist()
    units = (frame[spec["unit_column"]].astype(object).tolist() if spec["unit_column"] in frame
             else [None] * len(values))
    table = unit_table(root)
    out = []
    for x, unit in zip(values, units):
        decimals, thousands = int(spec["decimals"] or 2), True
        if isinstance(unit, str) and unit in table.index:
            pattern = str(table.loc[unit, "number_format"])
            decimals, thousands = len(pattern.partition(".")[2]), "," in pattern
        out.append(number(x, decimals, thousands=thousands))
    return out


def number(x: float, decimals: int, *, thousands: bool = True) -> str:
    """*x* rounded as printed: all its digits when it has at most ``max(decimals,
    EXACT_DECIMALS)`` of them, else *decimals*; no trailing zeros; ``–`` when missing."""
    if x is None or pd.isna(x):
        return MISSING
    exact = max(decimals, EXACT_DECIMALS)
    shown = exact if abs(round(x, exact) - x) <= 1e-9 * max(1.0, abs(x)) else decimals
    return _words.number(float(x), shown, thousands=thousands)


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
    """A ``<style>`` with an ``@font-face`` for :data:`CJK_FAMILY`: the charts' Chinese font
    (:func:`indicators.cjk_font`) cut down to the characters of *text* from :data:`CJK_FROM`
    up and embedded as WOFF, so a page shows Chinese on a machine without Chinese fonts.
    Empty when *text* has no such character."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from ..plot.fonts import cjk_font

    chars = sorted({ord(ch) for ch in text if ord(ch) >= CJK_FROM})
    if not chars:
        return ""
    font = TTFont(cjk_font().path, fontNumber=0)
    options = subset.Options()
    options.flavor, options.name_IDs, options.layout_features = "woff", ["*"], ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's timestamps, which fontTools cannot subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<style type="text/css">@font-face {{ font-family: "{CJK_FAMILY}"; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); }}</style>')


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
