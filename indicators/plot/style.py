"""The house chart style: one context manager, one palette, one look per kind of figure.

(Named ``chart_style`` rather than ``style`` so that the module never shadows the
:func:`style` function that ``indicators.style`` exports.)

``with indicators.style(): ...`` applies the settings below and restores the previous ones
on exit, like seaborn's ``rcmod``; importing this module changes nothing.

Kinds of figure are always drawn the same way (:data:`MARKS`, :data:`BARS`):

| kind | mark |
|---|---|
| outturn (实际) | filled blue circle / filled blue bar |
| target, plan (目标、计划) | white diamond edged vermillion / white bar edged vermillion |
| previous outturn (上年实际) | filled grey circle |
| estimate (预计) | the outturn's mark, hollow |
| derived (推算) | the mark of its kind, hatched (bars) or half-filled (markers) |

Colours are Okabe & Ito's colour-blind-safe set. Text sizes are in points for figures
placed at 100 % in an A4 report: :data:`WIDTHS_CM` gives the full and half text widths.
"""
from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator
from importlib.resources import files

from .. import _words as _text
from ..data import periods as _periods
from .._words import LANGS, check_lang, kind_word, status_word, text  # noqa: F401  (re-exported for the plot modules)

#: Okabe & Ito (2008), safe for the common colour-vision deficiencies
PALETTE = {
    "blue": "#0072B2", "vermillion": "#D55E00", "orange": "#E69F00", "sky": "#56B4E9",
    "green": "#009E73", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
    "grey": "#8C8C8C", "light": "#D9D9D9",
}
#: markers of each kind of figure (keyword arguments of ``Axes.plot``)
MARKS = {
    "outturn": dict(marker="o", markersize=6.5, color=PALETTE["blue"], markeredgecolor=PALETTE["blue"]),
    "target": dict(marker="D", markersize=6, color=PALETTE["vermillion"], markerfacecolor="white",
                   markeredgecolor=PALETTE["vermillion"], markeredgewidth=1.6),
    "baseline": dict(marker="o", markersize=5.5, color=PALETTE["grey"], markeredgecolor=PALETTE["grey"]),
}
MARKS["plan"] = MARKS["target"]
MARKS["estimate"] = dict(MARKS["outturn"], markerfacecolor="white")
#: an outturn short of an "about" target but inside its tolerance band
MARKS["within tolerance"] = dict(MARKS["outturn"], color=PALETTE["orange"], markeredgecolor=PALETTE["orange"])
#: the tolerance band of an "about" target (keyword arguments of ``Axes.fill_between``)
TOLERANCE_BAND = dict(color=PALETTE["vermillion"], alpha=0.12, linewidth=0)
#: bars of each kind of figure (keyword arguments of ``Axes.bar``)
BARS = {
    "outturn": dict(color=PALETTE["blue"], edgecolor=PALETTE["blue"], linewidth=0.8),
    "target": dict(color="white", edgecolor=PALETTE["vermillion"], linewidth=1.4),
}
BARS["plan"] = BARS["target"]
BARS["estimate"] = dict(BARS["outturn"], color="white")
#: how a derived value changes its kind's mark (the hatch takes the bar's edge colour)
DERIVED_BAR = dict(color="white", hatch="////")
DERIVED_MARK = dict(fillstyle="left", markerfacecoloralt="white")
#: the growth line of level-and-growth charts
GROWTH_LINE = dict(color=PALETTE["black"], marker="o", markersize=4.5, linewidth=1.2)
#: the three parts of a trade balance
BALANCE = {"exports": PALETTE["green"], "imports": PALETTE["sky"], "balance": PALETTE["purple"]}
#: report widths: A4 (21 cm) less 2.5 cm margins, and half of it less a 4 mm gutter
WIDTHS_CM = {"full": 16.0, "half": 7.8}
#: the tallest figure that fits an A4 text block (29.7 cm less margins and a caption)
MAX_HEIGHT_CM = 23.0
#: default heights: room for the title, legend, unit and source line around the plot
HEIGHTS_CM = {"full": 9.5, "half": 8.5}
CM = 1 / 2.54
#: figures narrower than this (points) drop the less essential table columns
COMPACT_PT = 300
#: text sizes (points)
SIZES = {"title": 10, "label": 8, "tick": 7.5, "value": 7, "note": 6.5}

_RC = {
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "font.size": SIZES["label"],
    "axes.titlesize": SIZES["title"],
    "axes.labelsize": SIZES["label"],
    "axes.edgecolor": "#4D4D4D",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#E0E0E0",
    "grid.linewidth": 0.6,
    "xtick.labelsize": SIZES["tick"],
    "ytick.labelsize": SIZES["tick"],
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.fontsize": SIZES["tick"],
    "legend.frameon": False,
    "hatch.linewidth": 0.7,
    "lines.solid_capstyle": "butt",
    # text stays text: TrueType (Type 42) in PDF and PostScript, <text> in SVG
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
    "svg.hashsalt": "indicators",  # stable ids: the same figure gives the same file
}


def rc_params(*, width: str | float = "full", height: float | None = None) -> dict:
    """The house settings as a dict of matplotlib rcParams (fonts included).

    Parameters
    ----------
    width : {"full", "half"} or float
        Figure width: a report width from :data:`WIDTHS_CM`, or centimetres.
    height : float, optional
        Figure height in centimetres; default :data:`HEIGHTS_CM` for the report widths,
        else 60 % of the width (at least 8 cm).

    Raises
    ------
    FontError
        If no font can draw Chinese (see :func:`indicators.fonts.cjk_font`).
    """
    from cycler import cycler

    from .fonts import rc_params as font_rc

    width_cm = _width_cm(width)
    if height is None:
        height_cm = HEIGHTS_CM.get(width, max(8.0, 0.6 * width_cm)) if isinstance(width, str) else max(8.0, 0.6 * width_cm)
    else:
        height_cm = float(height)
    order = ["blue", "vermillion", "green", "orange", "sky", "purple", "black"]
    return {**_RC, "axes.prop_cycle": cycler(color=[PALETTE[c] for c in order]),
            "figure.figsize": (width_cm * CM, height_cm * CM), **font_rc()}


def _width_cm(width: str | float) -> float:
    if isinstance(width, str):
        if width not in WIDTHS_CM:
            raise ValueError(f"The value for `width` must be one of {list(WIDTHS_CM)} or a number of "
                             f"centimetres, but {width!r} was passed.")
        return WIDTHS_CM[width]
    return float(width)


@contextlib.contextmanager
def style(*, width: str | float = "full", height: float | None = None,
          rc: dict | None = None) -> Iterator[None]:
    """Context manager applying the house style; the previous settings come back on exit.

    Parameters
    ----------
    width : {"full", "half"} or float, default "full"
        Width of new figures: the A4 text width (16 cm), half of it (7.8 cm) or centimetres.
    height : float, optional
        Height of new figures in centimetres.
    rc : dict, optional
        Further rcParams, applied last.

    Examples
    --------
    >>> with indicators.style(width="half"):                        # doctest: +SKIP
    ...     ax = indicators.growthplot(obs, series=["china.services_trade.total"])
    ...     indicators.save_figure(ax.figure, "services-trade")
    """
    import matplotlib as mpl

    with mpl.rc_context({**rc_params(width=width, height=height), **(rc or {})}):
        yield


def active() -> bool:
    """Whether the current settings already draw Chinese with the house font chain."""
    import matplotlib as mpl

    from .fonts import cjk_font

    chain = mpl.rcParams["font.family"]
    return bool(chain) and chain[0] == cjk_font().family


def ensure() -> contextlib.AbstractContextManager:
    """:func:`style` unless it (or the same fonts) is already in force: helpers draw
    inside this, so they render Chinese even when called outside ``with style():``."""
    return contextlib.nullcontext() if active() else style()


# --- text --------------------------------------------------------------------------------

def number(value: float, lang: str, *, decimals: int = 2, sign: bool = False) -> str:
    """*value* as printed: no trailing zeros, thousands separators in both languages
    (``58,902``, as the tables print it), a true minus sign (U+2212) when the font has one.
    Value labels print as the tables do with :func:`indicators.plot.layout.value_texts`."""
    out = _text.number(abs(value), decimals, thousands=True)
    if value < 0 and out != "0":
        return minus_sign() + out
    return ("+" + out) if sign and value > 0 else out


def thousands(ax) -> None:
    """Separate thousands in the numeric tick labels of *ax* and of the axes sharing its
    figure (``60,000``), as the value labels and tables print them; decimals and the minus
    sign stay matplotlib's. Category and date axes are left alone."""
    import matplotlib.ticker as mticker

    for axes in ax.figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            if type(axis.get_major_formatter()) is mticker.ScalarFormatter:
                axis.set_major_formatter(_thousands_formatter()(useOffset=False))


@functools.cache
def _thousands_formatter() -> type:
    """matplotlib's ScalarFormatter with thousands separated (made once, on first use, so
    that importing this module does not import matplotlib)."""
    import matplotlib.ticker as mticker

    class Thousands(mticker.ScalarFormatter):
        def __call__(self, x, pos=None):
            return re.sub(r"(?<![.\d])\d{4,}", lambda m: f"{int(m.group()):,}", super().__call__(x, pos))

    return Thousands


def minus_sign() -> str:
    """U+2212 when the font has one (``axes.unicode_minus``), else ``-``."""
    import matplotlib as mpl

    return "\N{MINUS SIGN}" if mpl.rcParams["axes.unicode_minus"] else "-"


def qualified(value: str, qualifier: str, lang: str, *, name: str = "") -> str:
    """A target as the document words it: ``6左右`` / ``about 6``, ``700以上`` / ``at least 700``
    (:func:`indicators._words.qualify`)."""
    return _text.qualify(value, qualifier, lang, name=name)


def formula(operation: str, lang: str, **names) -> str | None:
    """How a derivation reads in a note, with series names for ``a``, ``b`` and ``out``."""
    forms = _text.labels()["formula"].get(operation)
    return None if forms is None else forms[check_lang(lang)].format(**names)


def text_width(s: str, size: float) -> float:
    """Width of *s* in points at *size* points in the current font chain."""
    import matplotlib as mpl

    chain = tuple(mpl.rcParams["font.family"]), tuple(mpl.rcParams["font.sans-serif"])
    return max((_line_width(line, float(size), chain) for line in s.split("\n")), default=0.0)


@functools.lru_cache(maxsize=8192)
def _line_width(line: str, size: float, chain: tuple) -> float:
    """Width of one line (*chain*: the font settings in force, so that a cached width is
    never one of another font)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    return TextToPath().get_text_width_height_descent(line, FontProperties(size=size), ismath=False)[0]


#: spans a line never breaks inside: period labels (:data:`indicators.data.periods.LABEL`),
#: dates and ISO periods, numbers with their sign, decimals and per cent, and Latin words
_WHOLE = re.compile("|".join([
    _periods.LABEL.pattern,  # 2022年1-11月, 2023年, 1-11月, Jan-Nov 2023
    r"\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?",  # 2025-01-02, 2023-01/2023-11
    r"[+\-\N{MINUS SIGN}±]?\d[\d,]*(?:\.\d+)?(?:%|‰|个百分点|百分点)?",  # +9%, 10,753.6, 3个百分点
    r"[A-Za-z][\w'’.&\-–]*",  # year-on-year, Sichuan–Chongqing
]))
#: punctuation that ends with what precedes it, and that opens what follows
_CLOSING = "，。；：、）》」』’”,.;:)!?%]–—"  # a range breaks after its dash
_OPENING = "（《「『‘“([<"
#: a bracket a line never starts with: a unit or a remark of up to four characters after a name,
#: with any punctuation that follows it (``（%）、``)
_SHORT_BRACKET = re.compile(r"[（(][^（()）\s]{1,4}[）)][，。；：、,.;:]*")
#: a line prefers to end after these
_PAUSES = "，。；：、,;:"
#: how much shorter than the width a line may end to break at a pause
_PAUSE_SLACK = 0.3


@functools.cache
def _segmenter():
    """jieba-rs (via rjieba) with its embedded dictionary and the house words
    (``words.txt``) added: the same words on every machine."""
    import rjieba

    seg = rjieba.Jieba()
    for word in (files(__package__) / "words.txt").read_text(encoding="utf-8").split():
        seg.add_word(word, None, None)  # frequency: as high as needed to keep it whole
    return seg


def _words(s: str) -> list[str]:
    """*s* cut into words: the :data:`_WHOLE` spans, Chinese words (jieba's dictionary, no
    guessing of unknown words), and every other character alone."""
    out: list[str] = []
    at = 0
    for m in [*_WHOLE.finditer(s), None]:
        gap = s[at:m.start() if m else len(s)]
        for run in re.findall(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]", gap):
            out += _segmenter().cut(run, False) if len(run) > 1 else [run]
        if m:
            out.append(m.group())
            at = m.end()
    return out


def _tokens(s: str) -> list[str]:
    """Break opportunities: between words (:func:`_words`) and after spaces; closing
    punctuation stays with what precedes it, opening punctuation with what follows, a
    number with the unit or qualifier word after it (``5200亿元``, ``6左右``), a name with
    a short bracket after it (``失业率（%）``, ``目标（推算）``)."""
    out: list[str] = []
    glue = False  # the next word joins the last token
    for word in _words(s):
        closing = word[0] in _CLOSING or unicodedata.category(word[0]) in ("Pe", "Pf")
        unit = out and out[-1][-1:].isdigit() and _is_wide(word[0]) and len(word) <= 2
        if out and (glue or closing or unit or (word[0] == " " and not out[-1].endswith(" "))):
            out[-1] += word
        else:
            out.append(word)
        glue = word[-1] in _OPENING or unicodedata.category(word[-1]) in ("Ps", "Pi")
        if len(out) > 1 and not glue and _SHORT_BRACKET.fullmatch(out[-1]):
            out[-2:] = [out[-2] + out[-1]]
    return out


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def wrap(s: str, width_pt: float, size: float) -> str:
    """*s* broken into lines no wider than *width_pt* points at *size* points.

    Lines break between words only: Chinese words (the dictionary that ships inside
    rjieba, plus ``words.txt``), Latin words, and periods, dates and numbers with their
    unit kept whole (``2022年1-11月``, ``2025-01-02``, ``5200亿元``, ``+9%``). A line ends
    after a pause (、，：…) or before an opening bracket when one is near its end; lines are
    evened out; only a word wider than a whole line is cut, between characters. The same
    text gives the same lines on every machine (no file but the package's is read)."""
    out = []
    for paragraph in s.split("\n"):
        lines = _greedy(paragraph, width_pt, size)
        if len(lines) > 1:  # even the lines out: no orphan of one or two characters
            widest = max(text_width(t.strip(), size) for t in _tokens(paragraph))
            even = max(text_width(paragraph, size) / len(lines), min(widest, width_pt))
            while even < width_pt:
                balanced = _greedy(paragraph, even, size)
                if len(balanced) == len(lines):
                    lines = balanced
                    break
                even += size / 2
        out += lines
    return "\n".join(out)


def _greedy(paragraph: str, width_pt: float, size: float) -> list[str]:
    """Lines of whole tokens, each as full as fits, ending after a pause (:data:`_PAUSES`)
    when one falls in its last :data:`_PAUSE_SLACK`; only a token wider than a line on its
    own is cut, between characters."""
    lines, line = [], []
    for token in _tokens(paragraph):
        if line and text_width(("".join(line) + token).rstrip(), size) > width_pt:
            cut = _pause(line, width_pt, size)
            lines.append("".join(line[:cut]).rstrip())
            line = [t.lstrip() if i == 0 else t for i, t in enumerate(line[cut:])]
        if text_width(token.strip(), size) > width_pt:
            *full, token = _chars(("".join(line) + token).lstrip(), width_pt, size)
            lines += [piece.rstrip() for piece in full]
            line = []
        line.append(token if line else token.lstrip())
    lines.append("".join(line).rstrip())
    return lines


def _pause(line: list[str], width_pt: float, size: float) -> int:
    """Where to end *line* (tokens): after its last pause if the line is then still at least
    ``1 - _PAUSE_SLACK`` of *width_pt*, else after all of it."""
    for i in range(len(line) - 1, 0, -1):
        if line[i - 1].rstrip()[-1:] in _PAUSES or line[i][:1] in _OPENING:
            if text_width("".join(line[:i]).rstrip(), size) >= (1 - _PAUSE_SLACK) * width_pt:
                return i
            break
    return len(line)


@functools.cache
def _hyphenator():
    """Pyphen's en_US patterns (the TeX hyphenation patterns, shipped in the wheel)."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _hyphenation(piece: str, text: str, at: int, width_pt: float, size: float) -> int | None:
    """Where in *piece* (the start of ``text[at - len(piece):]``) to cut the Latin word it
    ends inside, the hyphen included, to fit *width_pt*; None if it does not end inside one
    or no hyphenation point fits."""
    head = re.search(r"[A-Za-z]+$", piece)
    if head is None or not text[at:at + 1].isalpha():
        return None
    word = head.group() + re.match(r"[A-Za-z]*", text[at:]).group()
    for point in reversed(_hyphenator().positions(word)):
        cut = head.start() + point
        if cut <= len(piece) and text_width(piece[:cut] + "-", size) <= width_pt:
            return cut
    return None


def _chars(text: str, width_pt: float, size: float) -> list[str]:
    """*text* cut into pieces no wider than *width_pt* points: after its last 年, 月 or space
    that fits (a period splits as ``2022年`` + ``1-11月``), else its last dash, else inside
    a Latin word at a hyphenation point, with a hyphen (``Infrastruc-`` + ``ture``), else
    between characters. No piece starts with a closing mark (it takes the character before
    it along) or ends with an opening one."""
    pieces, piece = [], ""
    for at, ch in enumerate(text):
        if piece.strip() and text_width((piece + ch).strip(), size) > width_pt:
            soft = max(piece.rfind(c) for c in "年月 ")
            soft = soft if soft > 0 else max(piece.rfind(c) for c in "-–/")
            hyphen = _hyphenation(piece, text, at, width_pt, size) if soft <= 0 else None
            if hyphen is not None:
                pieces.append(piece[:hyphen] + "-")
                piece = piece[hyphen:] + ch
                continue
            if soft <= 0 and ch in _CLOSING:  # the closing marks before ch and one more go with it
                soft = len(piece.rstrip(_CLOSING)) - 2
            cut = soft + 1 if soft >= 0 else len(piece)
            while cut > 1 and piece[cut - 1] in _OPENING:  # an opening mark goes with what follows
                cut -= 1
            pieces.append(piece[:cut])
            piece = piece[cut:]
        piece += ch
    return pieces + [piece]
