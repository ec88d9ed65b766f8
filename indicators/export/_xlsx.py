"""Private helpers of :mod:`indicators.excel`: safe text, widths, number formats, sheets, charts.

Big tables go through :class:`Book`, which renders their rows column by column
(:mod:`indicators._sheetdata`); the small free-form sheets go through :class:`Sheet`.
"""
from __future__ import annotations

import io
import re
import warnings
from datetime import datetime

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from .._cells import guard, neutralise
from . import _sheetdata

# Excel limits (https://support.microsoft.com/office/excel-specifications-and-limits)
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: widest column we set, in Excel character units; longer text stays readable in the
#: formula bar and in wrapped cells
MAX_WIDTH = 60
#: rows sampled to size columns: enough to be representative, cheap at 100 000 rows
WIDTH_SAMPLE = 2000
#: most decimals shown; values are printed figures, so more means float noise
MAX_DECIMALS = 4
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
#: default row height in points (Calibri 11) and in centimetres, to place charts by row
ROW_HEIGHT, ROW_CM = 15, 15 / 72 * 2.54
TABLE_STYLE = "TableStyleMedium2"
MET_FILL = PatternFill(start_color="C6EFCE", end_color="C6EFCE", fill_type="solid")
NOT_MET_FILL = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
MET_FONT = Font(color="006100")
NOT_MET_FONT = Font(color="9C0006")
OPEN_FILL = PatternFill(start_color="FFEB9C", end_color="FFEB9C", fill_type="solid")
OPEN_FONT = Font(color="9C5700")
#: status -> (fill, font) of conditional formatting on the comparison sheet
STATUS_STYLES = {"met": (MET_FILL, MET_FONT), "not met": (NOT_MET_FILL, NOT_MET_FONT),
                 "undetermined": (OPEN_FILL, OPEN_FONT)}


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


# --- numbers --------------------------------------------------------------------------

def decimals_needed(values: np.ndarray, max_decimals: int = MAX_DECIMALS) -> np.ndarray:
    """Fewest decimals (0 … *max_decimals*) that show each value exactly."""
    values = np.abs(np.asarray(values, dtype=float))
    out = np.full(values.shape, max_decimals)
    for d in range(max_decimals, -1, -1):
        exact = np.isclose(np.round(values, d), values, rtol=1e-12, atol=1e-12)
        out[exact] = d
    return out


_SIMPLE_FORMAT = re.compile(r"^(#,##)?0(\.0+)?$")


def widen(fmt: str, decimals: int) -> str:
    """*fmt* (``0.0``, ``#,##0`` …) with at least *decimals* decimals; others unchanged."""
    if not _SIMPLE_FORMAT.match(fmt):
        return fmt
    whole, _, frac = fmt.partition(".")
    if decimals <= len(frac):
        return fmt
    return f"{whole}.{'0' * decimals}"


def number_formats(values: pd.Series, base: pd.Series) -> np.ndarray:
    """Excel number format of each value: its unit's format (*base*), widened so that no
    printed digit is hidden (a 0.0 format shows 0.25 as 0.25, not 0.3)."""
    base = base.astype(object).where(base.notna() & base.astype(str).ne(""), "General").astype(str)
    decimals = decimals_needed(pd.to_numeric(values, errors="coerce").fillna(0).to_numpy())
    pairs = pd.DataFrame({"fmt": base.to_numpy(), "d": decimals})
    unique = pairs.drop_duplicates()
    lookup = {(f, d): widen(f, d) for f, d in zip(unique["fmt"], unique["d"])}
    return np.array([lookup[p] for p in zip(pairs["fmt"], pairs["d"])], dtype=object)


# --- sheets ---------------------------------------------------------------------------

def sheet_name(zh: str, en: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ``"zh en"`` when it fits in 31 characters, else ``zh``."""
    name = f"{zh} {en}".strip()
    if len(name) > SHEET_NAME_MAX:
        name = zh.strip() or en.strip()
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

    def append(self, values=(), *, font=None, wrap=False, formats=None):
        """Append one row; *formats* gives number formats by position."""
        cells, lines = [], 1
        for i, v in enumerate(values):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                cells.append(None)
                continue
            if wrap and isinstance(v, str) and i < len(self.widths):
                lines = max(lines, sum(-(-text_width(part) // int(self.widths[i])) for part in v.split("\n")))
            fmt = formats[i] if formats and i < len(formats) else None
            cells.append(cell(self.ws, v, font=font, number_format=fmt,
                              alignment=(WRAP if isinstance(v, str) else TOP) if wrap else None))
        self.row += 1
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
    """A write-only openpyxl workbook whose big tables are streamed in at :meth:`save`.

    openpyxl writes every part of the file; the body rows of :meth:`table_sheet` tables are
    rendered by :mod:`indicators._sheetdata` (vectorised, no per-cell objects) and spliced
    into their sheets.
    """

    def __init__(self):
        self.wb = Workbook(write_only=True)
        self._rows: dict = {}  # worksheet -> callable yielding its body rows' XML
        # Rows reach openpyxl only in save(): a write-only sheet that has rows holds an open
        # stream, and an error while the workbook is still being prepared (bad data) must
        # not leave streams behind.
        self._on_save: list = []

    def create_sheet(self, title):
        return self.wb.create_sheet(title)

    def on_save(self, write) -> None:
        """Call *write()* at :meth:`save`, in the order registered."""
        self._on_save.append(write)

    def table_sheet(self, title: str, frame: pd.DataFrame, headers: dict[str, str], *, table_name: str,
                    formats: dict[str, np.ndarray] | None = None, status_column: str | None = None):
        """Write *frame* as an Excel table on a new sheet and return the sheet.

        Header row 1 (frozen, repeated on printed pages), banded rows, filter buttons,
        column widths that fit the text (CJK counts double), *formats* (column -> number
        format per row) on numeric columns; text guarded by :func:`neutralise`. With
        *status_column*, rows are coloured by status (:data:`STATUS_STYLES`: met green, not
        met red, undetermined amber) through conditional formatting, so the colours follow
        the cells when colleagues filter, sort or edit.
        """
        formats = formats or {}
        ws = self.wb.create_sheet(title)
        columns = list(frame.columns)
        names = [headers.get(c, c) for c in columns]
        letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        last_row = len(frame) + 1
        total = 0
        for letter, col, name in zip(letters, columns, names):
            width = min(MAX_WIDTH, max(text_width(name) + 4,  # + the filter button
                                       display_width(frame[col].astype(str)) + 2 if col not in formats else 12))
            ws.column_dimensions[letter].width = width
            total += width
        ws.freeze_panes = "A2"
        # printed: the header row and first column on every page, as many pages across as it
        # takes to stay readable (one page wide would shrink a wide table past reading)
        ws.print_title_rows, ws.print_title_cols = "1:1", "A:A"
        fit_to_width(ws, landscape=True, pages=int(np.ceil(total / PAGE_WIDTH)))
        header = [cell(ws, n, font=HEADER_FONT) for n in names]
        self.on_save(lambda: ws.append(header))

        cells = []
        for letter, col in zip(letters, columns):
            series = frame[col]
            if col in formats:
                ids = {f: self._style_id(ws, f) for f in pd.unique(formats[col])}
                cells.append(_sheetdata.number_column(letter, series, [ids[f] for f in formats[col]]))
            elif pd.api.types.is_bool_dtype(series.dtype):
                cells.append(_sheetdata.bool_column(letter, series))
            elif pd.api.types.is_numeric_dtype(series.dtype):
                cells.append(_sheetdata.number_column(letter, series))
            else:
                cells.append(_sheetdata.text_column(letter, neutralise(series), col))
        self._rows[ws] = lambda: _sheetdata.render_rows(cells, first_row=2)

        if len(frame):  # Excel rejects a table without data rows
            table = Table(displayName=table_name, ref=f"A1:{letters[-1]}{last_row}")
            table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
            table._initialise_columns()  # sets autoFilter and ids; the names follow
            table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(names, 1)]
            with warnings.catch_warnings():  # "add table columns manually": done just above
                warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
                ws.add_table(table)
        if status_column is not None and len(frame):
            letter = letters[columns.index(status_column)]
            rows = f"A2:{letters[-1]}{last_row}"
            for status, (fill, font) in STATUS_STYLES.items():
                ws.conditional_formatting.add(rows, FormulaRule(formula=[f'${letter}2="{status}"'],
                                                                fill=fill, font=font))
        return ws

    @staticmethod
    def _style_id(ws, number_format: str) -> int:
        """openpyxl's id of the cell style with *number_format* (registered on first use)."""
        probe = WriteOnlyCell(ws)
        probe.number_format = number_format
        return probe.style_id

    def save(self, path, when: datetime) -> None:
        """Write the workbook to *path* (not atomically: pass a temporary path)."""
        for write in self._on_save:
            write()
        saved = io.BytesIO()
        self.wb.save(saved)
        rows = {ws.path.lstrip("/"): render for ws, render in self._rows.items()}
        _sheetdata.splice(saved, path, rows, date_time=max(when, datetime(1980, 1, 1, tzinfo=when.tzinfo))
                          .timetuple()[:6])


def bar_chart(ws, *, title: str, axis_title: str, first_row: int, last_row: int,
              first_col: int, last_col: int, width: float = 19) -> BarChart:
    """Horizontal clustered bars: categories in column A, one series per column
    *first_col* … *last_col*, series names in row *first_row*, data below it; *width* in cm."""
    chart = BarChart()
    chart.type, chart.grouping, chart.style = "bar", "clustered", 10
    chart.title = title
    chart.y_axis.title = axis_title
    data = Reference(ws, min_col=first_col, max_col=last_col, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row + 1, max_row=last_row))
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.y_axis.scaling.min = 0  # bars start at zero, or their lengths mislead
    chart.y_axis.number_format = "General"  # the cells' #,##0.0 crowds the axis
    chart.legend.position = "b"
    chart.width = width
    bars = (last_row - first_row) * (last_col - first_col + 1)
    chart.height = min(20, max(7.5, 3 + 0.5 * bars))
    if last_col == first_col:
        chart.legend = None  # one series: its name is the title
    return chart
