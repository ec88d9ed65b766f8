"""Private helpers of :mod:`indicators.export.workbook`: safe text, widths, sheets, charts.

Everything is written through openpyxl's public API in write-only mode: tables through
:meth:`Book.table_sheet` (one styled :class:`~openpyxl.cell.WriteOnlyCell` per column and
number format, its value set row by row), the small free-form sheets through
:class:`Sheet`. openpyxl streams each row through lxml when lxml is installed (a
dependency for that reason: about twice as fast per cell as its pure-Python writer).
"""
from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import NumFmt
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from .._cells import guard, neutralise
from ..exceptions import IndicatorsError
from ..data.presentation import Presented

# Excel limits (https://support.microsoft.com/office/excel-specifications-and-limits)
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: words a shortened English sheet name does not end on
_DANGLING = {"and", "of", "the", "for", "in", "&", "–", "-"}
#: widest column we set, in Excel character units; longer text stays readable in the
#: formula bar and in wrapped cells
MAX_WIDTH = 60
#: rows sampled to size columns: enough to be representative, cheap at 100 000 rows
WIDTH_SAMPLE = 2000
#: characters XML 1.0 cannot carry at all (openpyxl's IllegalCharacterError)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: characters that take two columns on screen (CJK, full-width forms)
_WIDE = r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
_WIDE_RE = re.compile(_WIDE)

#: column width (Excel character units) printed on one landscape A4 page at about 60 %
#: zoom, small but readable; wider tables print across several pages
PAGE_WIDTH = 240

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
#: the header of a number column sits over its numbers, right
NUMBER_HEADER = Alignment(horizontal="right")
#: default row height in points (Calibri 11) and in centimetres, to place charts by row
ROW_HEIGHT, ROW_CM = 15, 15 / 72 * 2.54
TABLE_STYLE = "TableStyleMedium2"
MET_FILL = PatternFill(start_color="C6EFCE", end_color="C6EFCE", fill_type="solid")
NOT_MET_FILL = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
MET_FONT = Font(color="006100")
NOT_MET_FONT = Font(color="9C0006")
OPEN_FILL = PatternFill(start_color="FFEB9C", end_color="FFEB9C", fill_type="solid")
OPEN_FONT = Font(color="9C5700")
#: short of an "about" target but inside its tolerance: orange, as the chart's dot
WITHIN_FILL = PatternFill(start_color="FCE4D6", end_color="FCE4D6", fill_type="solid")
WITHIN_FONT = Font(color="974706")
#: status -> (fill, font) of conditional formatting on the comparison sheet
STATUS_STYLES = {"met": (MET_FILL, MET_FONT), "within tolerance": (WITHIN_FILL, WITHIN_FONT),
                 "not met": (NOT_MET_FILL, NOT_MET_FONT), "undetermined": (OPEN_FILL, OPEN_FONT)}
#: column widths of number columns, in Excel character units
NUMBER_WIDTH = 12


# --- text -----------------------------------------------------------------------------

def text_width(text: str) -> int:
    """Width of *text* in Excel character units, CJK characters counting double."""
    return len(text) + len(_WIDE_RE.findall(text))


def display_width(texts: pd.Series) -> int:
    """Width in Excel character units of the longest text, CJK characters counting double."""
    if texts.empty:
        return 0
    step = max(1, len(texts) // WIDTH_SAMPLE)
    sample = texts.iloc[::step].astype(object).where(texts.iloc[::step].notna(), "").astype(str)
    widths = sample.str.len() + sample.str.count(_WIDE)
    return int(widths.max())


# --- sheets ---------------------------------------------------------------------------

def sheet_name(zh: str, en: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ``"zh en"`` when it fits in 31 characters, else ``zh``
    and the first words of *en* that fit, ending ``…`` (``对外贸易与外资 Foreign trade…``)."""
    name = f"{zh} {en}".strip()
    if len(name) > SHEET_NAME_MAX:
        words = en.split()
        while words and (len(f"{zh} {' '.join(words)}…") > SHEET_NAME_MAX or words[-1].lower() in _DANGLING):
            words.pop()
        name = f"{zh} {' '.join(words).rstrip(',;')}…" if words else (zh.strip() or en.strip())
    name = SHEET_NAME_FORBIDDEN.sub("_", name).strip("'")[:SHEET_NAME_MAX] or "Sheet"
    base, n = name, 2
    while name.casefold() in {t.casefold() for t in taken} or name.casefold() == "history":
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def cell(ws, value, *, font=None, alignment=None, number_format=None):
    """A write-only cell with optional style; text is guarded like table text."""
    c = WriteOnlyCell(ws, guard(value) if isinstance(value, str) else value)
    if font is not None:
        c.font = font
    if alignment is not None:
        c.alignment = alignment
    if number_format is not None:
        c.number_format = number_format
    return c


class Sheet:
    """A free-form sheet (About, Charts) of *book*, built row by row, written at save.

    Counts its rows (charts are anchored by row) and gives rows with wrapped text an
    explicit height, since LibreOffice does not fit row heights of written files itself.
    """

    def __init__(self, book: Book, title: str, widths: list[float]):
        self.ws, self.widths, self.row, self._rows = book.create_sheet(title), widths, 0, []
        for i, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        book.on_save(lambda: [self.ws.append(cells) for cells in self._rows])

    def append(self, values=(), *, font=None, wrap=False, span=False, formats=None):
        """Append one row; *formats* gives number formats by position.

        With *wrap*, text wraps within its column; with *span* too, and the last value also
        takes the columns to the right of it (merged), wrapping within them, so that a long
        line is never cut at a column's edge when printed. Either way the row is made tall
        enough for its wrapped lines."""
        values = list(values)
        last = len(values) - 1
        span = span and 0 <= last < len(self.widths)
        widths = self.widths[:last] + [sum(self.widths[last:])] if span else self.widths
        wraps, cells, lines = wrap or span, [], 1
        for i, v in enumerate(values):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                cells.append(None)
                continue
            if wraps and isinstance(v, str) and i < len(widths):
                lines = max(lines, sum(-(-text_width(part) // int(widths[i])) for part in v.split("\n")))
            fmt = formats[i] if formats and i < len(formats) else None
            cells.append(cell(self.ws, v, font=font, number_format=fmt,
                              alignment=(WRAP if isinstance(v, str) else TOP) if wraps else None))
        self.row += 1
        if span and last < len(self.widths) - 1:
            self.ws.merged_cells.add(f"{get_column_letter(last + 1)}{self.row}:"
                                     f"{get_column_letter(len(self.widths))}{self.row}")
        if lines > 1:
            self.ws.row_dimensions[self.row].height = ROW_HEIGHT * lines
        self._rows.append(cells)

    def skip(self, rows: int = 1):
        for _ in range(rows):
            self.append()

    def add_chart(self, chart):
        """Anchor *chart* under the last row and skip the rows it covers."""
        self.ws.add_chart(chart, f"A{self.row + 2}")
        self.skip(int(np.ceil(chart.height / ROW_CM)) + 2)

    def page_break(self):
        """Start a new printed page after the last row."""
        self.ws.row_breaks.append(Break(id=self.row))


def fit_to_width(ws, *, landscape: bool, pages: int = 1):
    """Print *pages* pages wide (as many pages tall as needed)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = pages, 0


class Book:
    """A write-only openpyxl workbook whose sheets are filled at :meth:`save`.

    Rows reach openpyxl only in :meth:`save`: a write-only sheet that has rows holds an
    open stream, and an error while the workbook is still being prepared (bad data) must
    not leave streams behind.
    """

    def __init__(self):
        self.wb = Workbook(write_only=True)
        self._on_save: list = []

    def create_sheet(self, title):
        return self.wb.create_sheet(title)

    def on_save(self, write) -> None:
        """Call *write()* at :meth:`save`, in the order registered."""
        self._on_save.append(write)

    def table_sheet(self, title: str, table: Presented, *, table_name: str,
                    row_styles: Mapping[str, tuple] | None = None, style_column: str | None = None):
        """Write a presented table (:func:`indicators.data.presentation.present_table`) as an
        Excel table on a new sheet and return the sheet.

        Header row 1 (right-aligned over number columns, as the numbers are) and the name
        column (the first) frozen and repeated on printed pages, banded rows, filter
        buttons, column widths that fit the text (CJK counts double), the table's number
        formats; text guarded by :func:`neutralise`. With *row_styles*
        (cell text of *style_column* -> (fill, font)), whole rows are coloured through
        conditional formatting, so the colours follow the cells when colleagues filter,
        sort or edit.
        """
        frame, formats = table.values, table.formats
        ws = self.wb.create_sheet(title)
        names = [str(c) for c in frame.columns]
        letters = [get_column_letter(i) for i in range(1, len(names) + 1)]
        last_row = len(frame) + 1
        columns, header, total = [], [], 0
        for letter, name in zip(letters, names):
            series = frame[name]
            numeric = name in formats or pd.api.types.is_numeric_dtype(series.dtype)
            header.append(cell(ws, name, font=HEADER_FONT, alignment=NUMBER_HEADER if numeric else None))
            if not numeric:
                series = neutralise(series)
                _refuse_control_characters(series, name)
            width = min(MAX_WIDTH, max(text_width(name) + 4,  # + the filter button
                                       NUMBER_WIDTH if numeric else display_width(series) + 2))
            ws.column_dimensions[letter].width = width
            total += width
            columns.append(_values(series, numeric))
        ws.freeze_panes = "B2"  # the header row and the name column stay on screen
        # printed: the header row and first column on every page, as many pages across as it
        # takes to stay readable (one page wide would shrink a wide table past reading)
        ws.print_title_rows, ws.print_title_cols = "1:1", "A:A"
        fit_to_width(ws, landscape=True, pages=int(np.ceil(total / PAGE_WIDTH)))
        styled = [(names.index(n), *_templates(ws, f)) for n, f in formats.items()]
        self.on_save(lambda: _append_rows(ws, header, columns, styled))
        if len(frame):  # Excel rejects a table without data rows
            ref = f"A1:{letters[-1]}{last_row}"
            table = Table(displayName=table_name, ref=ref, autoFilter=AutoFilter(ref=ref),
                          tableColumns=[TableColumn(id=i, name=n) for i, n in enumerate(names, 1)],
                          tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True))
            with warnings.catch_warnings():  # "add table columns manually": done just above
                warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
                ws.add_table(table)
        if row_styles and len(frame):
            letter = letters[names.index(style_column)]
            for text, (fill, font) in row_styles.items():
                ws.conditional_formatting.add(f"A2:{letters[-1]}{last_row}",
                                              FormulaRule(formula=[f'${letter}2="{text}"'], fill=fill, font=font))
        return ws

    def save(self, path) -> None:
        """Write the workbook to *path* (not atomically: pass a temporary path)."""
        try:
            for write in self._on_save:
                write()
            self.wb.save(path)
        except BaseException:
            for ws in self.wb.worksheets:  # end the sheets' row streams with the workbook
                with contextlib.suppress(Exception):
                    ws.close()
            raise


def _values(series: pd.Series, numeric: bool) -> list:
    """The cell values of a column: Python numbers or text, ``None`` where no cell is written."""
    if numeric:
        numbers = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
        return np.where(np.isfinite(numbers), numbers, None).tolist()
    return [t or None for t in series.tolist()]


def _templates(ws, formats: np.ndarray) -> tuple[list[int], list]:
    """Per row, the index of its format; one styled cell per distinct format."""
    codes, uniques = pd.factorize(pd.Series(formats, dtype=object))
    cells = []
    for fmt in uniques:
        c = WriteOnlyCell(ws)
        c.number_format = fmt
        cells.append(c)
    return codes.tolist(), cells


def _append_rows(ws, header, columns, styled) -> None:
    """Stream the header and the body rows into *ws*. A styled number goes in as its
    column's template cell for that format, with the value set just before the row is
    appended (openpyxl writes each row as it is appended)."""
    ws.append(header)
    for i, values in enumerate(zip(*columns)):
        row = list(values)
        for j, codes, templates in styled:
            if row[j] is not None:
                template = templates[codes[i]]
                template.value = row[j]
                row[j] = template
        ws.append(row)


def _refuse_control_characters(texts: pd.Series, name: str) -> None:
    uniques = pd.unique(texts)
    bad = next((u for u in uniques if isinstance(u, str) and _ILLEGAL.search(u)), None)
    if bad is not None:
        row = int(texts.eq(bad).to_numpy().argmax())
        raise IndicatorsError(f"Column {name!r}, data row {row + 1}: {bad!r} contains a control character "
                              "that Excel files cannot hold; remove it from the data.")


def bar_chart(ws, *, title: str, axis_title: str, first_row: int, last_row: int, columns: list[int],
              width: float = 19) -> BarChart:
    """Horizontal clustered bars: categories in column A, one series per column of
    *columns* (1-based), series names in row *first_row*, data below it; *width* in cm."""
    chart = BarChart()
    chart.type, chart.grouping, chart.style = "bar", "clustered", 10
    chart.title = title
    chart.y_axis.title = axis_title
    for col in columns:
        chart.series.append(Series(Reference(ws, min_col=col, min_row=first_row, max_row=last_row),
                                   title_from_data=True))
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row + 1, max_row=last_row))
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.y_axis.crosses = "max"  # with the categories reversed: the value axis at the bottom
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.y_axis.scaling.min = 0  # bars start at zero, or their lengths mislead
    # whole numbers on the axis, not the cells' 0.0 (sourceLinked would borrow it)
    chart.y_axis.numFmt = NumFmt(formatCode="General", sourceLinked=False)
    chart.legend.position = "b"
    chart.width = width
    bars = (last_row - first_row) * len(columns)
    chart.height = min(20, max(7.5, 3 + 0.5 * bars))
    if len(columns) == 1:
        chart.legend = None  # one series: its name is the title
    return chart
