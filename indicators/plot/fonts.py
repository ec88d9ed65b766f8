"""Finding a font that draws Chinese, so charts never show tofu boxes (□).

The search, best first:

1. a system font from :data:`CJK_FAMILIES` (Noto Sans CJK SC, Source Han Sans SC,
   Microsoft YaHei, PingFang SC, WenQuanYi …) with **TrueType outlines**;
2. the openly licensed fallback that ``pip`` installs with the package: WenQuanYi Micro Hei
   (Apache-2.0, TrueType outlines, embedding allowed) from ``paperang-p2-fonts-cjk``.

Fonts with CFF (PostScript) outlines, such as the ``.otf``/``.ttc`` builds of Noto Sans CJK
that Linux distributions ship, are skipped: matplotlib's PDF backend writes their CFF data
into a TrueType (``/FontFile2``) stream, which viewers may refuse to render. They still
draw fine in PNG, so the error raised when nothing else is found names them.

Nothing is searched at import; :func:`cjk_font` searches once and remembers the answer.
"""
from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..exceptions import FontError

#: system families tried in this order (simplified-Chinese faces first)
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Sarasa Gothic SC",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
)
#: the CSS generic family that ends every font chain (what an SVG viewer uses when it has neither font)
GENERIC_FAMILY = "sans-serif"
#: the pip-installable fallback: distribution and font file suffix (the family is read from the file)
FALLBACK_DISTRIBUTION = "paperang-p2-fonts-cjk"
FALLBACK_SUFFIX = ".ttc"
#: characters every chart may print; a usable font has them all
PROBE = "资料来源单位目标实际上年推算计划完成率同比增长亿元万人个百分点：（）"
MINUS = "\N{MINUS SIGN}"

INSTALL_HINT = (f"Install the fallback font with `pip install {FALLBACK_DISTRIBUTION}` (it is a "
                "dependency of this package: `pip install -e .` installs it), or a system font with "
                "TrueType outlines, e.g. `apt-get install fonts-wqy-microhei` on Debian/Ubuntu.")


@dataclass(frozen=True)
class CJKFont:
    """A font that draws every character in :data:`PROBE`."""

    family: str
    path: Path
    #: ``"system"`` or ``"fallback"`` (the pip-installed WenQuanYi Micro Hei)
    origin: str
    #: whether the font has U+2212 MINUS SIGN (else charts print ``-``, see :func:`rc_params`)
    has_minus: bool


def _outlines(path: Path, index: int = 0):
    """``(is_truetype, cmap)`` of face *index* of *path*; ``(False, {})`` if unreadable."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return "glyf" in font, dict(font.getBestCmap() or {})
    except (TTLibError, OSError, KeyError, AssertionError):
        return False, {}


def _covers(cmap: dict, text: str) -> bool:
    return all(ord(ch) in cmap for ch in text)


def fallback_path() -> Path | None:
    """Path of the pip-installed WenQuanYi Micro Hei collection, or None if not installed."""
    try:
        dist = importlib.metadata.distribution(FALLBACK_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in dist.files or []:
        if str(file).endswith(FALLBACK_SUFFIX):
            path = Path(dist.locate_file(file))
            return path if path.is_file() else None
    return None


def _system_candidates(families):
    """``(family, path, face_index)`` of installed faces of *families*, regular weight first."""
    from matplotlib import font_manager

    wanted = {name: rank for rank, name in enumerate(families)}
    entries = [e for e in font_manager.fontManager.ttflist if e.name in wanted]
    entries.sort(key=lambda e: (wanted[e.name], e.style != "normal", abs(_weight(e.weight) - 400)))
    return [(e.name, Path(e.fname), getattr(e, "index", 0) or 0) for e in entries]


def _weight(weight) -> int:
    from matplotlib import font_manager

    return weight if isinstance(weight, int) else font_manager.weight_dict.get(weight, 400)


@cache
def cjk_font(families: tuple[str, ...] = CJK_FAMILIES, fallback: bool = True) -> CJKFont:
    """The font charts use for Chinese text (searched once per arguments).

    Parameters
    ----------
    families : tuple of str
        System font families to try, best first.
    fallback : bool, default True
        Use the pip-installed WenQuanYi Micro Hei when no system family qualifies.

    Raises
    ------
    FontError
        If no font with TrueType outlines can draw Chinese; the message says what to install.
    """
    from matplotlib import font_manager

    cff_only = []
    for family, path, index in _system_candidates(families):
        truetype, cmap = _outlines(path, index)
        if not _covers(cmap, PROBE):
            continue
        if not truetype:
            cff_only.append(f"{family} ({path})")
            continue
        return CJKFont(family, path, "system", ord(MINUS) in cmap)
    path = fallback_path() if fallback else None
    if path is not None:
        truetype, cmap = _outlines(path)
        if truetype and _covers(cmap, PROBE):
            font_manager.fontManager.addfont(str(path))
            family = font_manager.FontProperties(fname=str(path)).get_name()
            return CJKFont(family, path, "fallback", ord(MINUS) in cmap)
    found = ("; found only fonts with CFF outlines, which matplotlib cannot embed in PDF: "
             + ", ".join(dict.fromkeys(cff_only))) if cff_only else ""
    raise FontError(f"No font that can draw Chinese text was found (tried {', '.join(families)}"
                    + (f" and the {FALLBACK_DISTRIBUTION} package" if fallback else "")
                    + f"){found}. {INSTALL_HINT}")


def rc_params(font: CJKFont | None = None) -> dict:
    """The matplotlib settings that make text use *font* (default :func:`cjk_font`).

    DejaVu Sans, matplotlib's own font, stays in the chain for any glyph the CJK font
    lacks. ``axes.unicode_minus`` is off when the font has no U+2212, so negative numbers
    print ``-`` instead of a missing glyph.

    ``font.family`` names the fonts themselves, not the generic ``sans-serif``: text keeps
    the family it was created with but resolves a generic name when drawn, so a chart made
    inside ``indicators.style()`` and drawn after it (Jupyter's inline display) would
    otherwise fall back to DejaVu Sans and print boxes. The generic ``sans-serif`` comes
    last (:data:`GENERIC_FAMILY`), after both named fonts: matplotlib draws with the first
    font that has a glyph, so it changes nothing on the figure, but an SVG (``svg.fonttype``
    ``"none"`` keeps text as text) writes the chain as its CSS ``font-family``, and a viewer
    without either font then falls back to its own sans-serif instead of a serif default.
    """
    font = cjk_font() if font is None else font
    chain = [font.family, "DejaVu Sans"]
    return {
        "font.family": chain + [GENERIC_FAMILY],
        "font.sans-serif": chain,
        "axes.unicode_minus": font.has_minus,
    }


def font_face_rule(text: str, *, family: str, start: int = 0x2E80) -> str:
    """A CSS ``@font-face`` rule naming *family* for the charts' Chinese font
    (:func:`cjk_font`), cut down to the characters of *text* from code point *start* up
    (CJK, fullwidth punctuation …) and embedded as WOFF data, so an HTML page or an SVG
    shows Chinese on a machine without Chinese fonts. Empty when *text* has no such
    character."""
    import base64
    import io
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = sorted({ord(ch) for ch in text if ord(ch) >= start})
    if not chars:
        return ""
    font = TTFont(cjk_font().path, fontNumber=0)
    options = subset.Options()
    options.flavor, options.name_IDs, options.layout_features = "woff", ["*"], ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's timestamps, which fontTools cannot subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    log = logging.getLogger("fontTools.subset")
    level, log.level = log.level, max(log.level, logging.WARNING)  # not its "name pruned" notes in our log
    try:
        subsetter.subset(font)
    finally:
        log.setLevel(level)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'@font-face {{ font-family: "{family}"; src: url(data:font/woff;base64,{data}) format("woff"); }}'
