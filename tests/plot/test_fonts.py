"""indicators/fonts.py: a font that draws Chinese on a machine without any."""
from __future__ import annotations

import subprocess
import sys
import warnings

import pytest
from fontTools.ttLib import TTFont

from indicators.plot import fonts
from indicators.exceptions import FontError


def test_chosen_font_has_truetype_outlines_and_every_probe_character():
    font = fonts.cjk_font()
    assert font.path.is_file()
    with TTFont(font.path, fontNumber=0, lazy=True) as tt:
        assert "glyf" in tt and "CFF " not in tt
        cmap = tt.getBestCmap()
    assert all(ord(ch) in cmap for ch in fonts.PROBE + fonts.MINUS)


def test_fallback_is_the_pip_installed_wenquanyi_micro_hei():
    path = fonts.fallback_path()
    assert path is not None and path.name == "wqy-microhei.ttc"
    font = fonts.cjk_font(families=(), fallback=True)
    assert font.path == path and font.origin == "fallback"
    with TTFont(path, fontNumber=0, lazy=True) as tt:
        family = tt["name"].getDebugName(1)  # name ID 1: the font family, as the file itself says
    assert font.family == family == "WenQuanYi Micro Hei"


def test_no_font_raises_font_error_saying_what_to_install():
    with pytest.raises(FontError, match="pip install paperang-p2-fonts-cjk"):
        fonts.cjk_font(families=("No Such Font SC",), fallback=False)


def test_cff_only_fonts_are_named_in_the_error(monkeypatch, tmp_path):
    path = tmp_path / "cff.otf"
    _cff_font(path)
    monkeypatch.setattr(fonts, "_system_candidates", lambda families: [("Fake CFF SC", path, 0)])
    fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(FontError, match=r"only fonts with CFF outlines.*Fake CFF SC"):
            fonts.cjk_font(families=("Fake CFF SC",), fallback=False)
    finally:
        fonts.cjk_font.cache_clear()


def test_font_without_minus_sign_turns_unicode_minus_off():
    font = fonts.CJKFont("Some CJK", fonts.cjk_font().path, "system", has_minus=False)
    assert fonts.rc_params(font)["axes.unicode_minus"] is False
    assert fonts.rc_params()["font.sans-serif"][0] == fonts.cjk_font().family


def test_glyph_check_catches_tofu_with_matplotlibs_own_font():
    """The chart tests' glyph check would see boxes: DejaVu Sans has no Chinese."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from chart_checks import glyph_warnings

    with warnings.catch_warnings(record=True) as records, plt.rc_context({"font.family": "DejaVu Sans"}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("资料来源")
        fig.canvas.draw()
    assert glyph_warnings(records)


def test_import_does_not_load_matplotlib_or_search_fonts():
    code = "import indicators, sys; assert 'matplotlib' not in sys.modules; assert 'fontTools' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def _cff_font(path):
    """A tiny CFF-flavoured OpenType font with (empty) glyphs for the probe characters."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    chars = fonts.PROBE + fonts.MINUS
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): n for c, n in zip(chars, names[1:])})
    pen = T2CharStringPen(500, None)
    charstrings = {n: pen.getCharString() for n in names}
    fb.setupCFF("FakeCFFSC", {"FullName": "Fake CFF SC"}, charstrings, {})
    fb.setupHorizontalMetrics({n: (1000, 0) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Fake CFF SC", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))


def test_saved_svg_text_falls_back_to_a_generic_family(tmp_path):
    import re
    import xml.etree.ElementTree as ET

    import matplotlib.pyplot as plt

    import indicators

    with indicators.style():
        fig, ax = plt.subplots()
        ax.set_title("资料来源 Source")
        paths = indicators.save_figure(fig, "fonts", formats=("svg",), out_dir=tmp_path)
    styles = [e.get("style", "") for e in ET.parse(paths["svg"]).getroot().iter() if "font-family" in e.get("style", "")]
    families = [re.search(r"font-family:\s*([^;]+)", s).group(1).strip() for s in styles]
    assert families, "the SVG keeps no text as text"
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    assert all(f.split(",")[-1].strip() in generic for f in families), families
    assert all(f.split(",")[0].strip(" '\"") == fonts.cjk_font().family for f in families), families


def test_saved_svg_embeds_the_chinese_font_for_every_character_it_prints(tmp_path):
    """A viewer without Chinese fonts draws an SVG's text from the font the SVG carries."""
    import base64
    import html
    import io
    import re

    import matplotlib.pyplot as plt

    import indicators

    with indicators.style():
        fig, ax = plt.subplots()
        ax.set_title("基础设施类项目（2024年1-11月）")
        ax.set_xlabel("资料来源：成都日报")
        paths = indicators.save_figure(fig, "embedded", formats=("svg",), out_dir=tmp_path)
    svg = paths["svg"].read_text(encoding="utf-8")
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)',
                       svg)
    assert len(faces) == 1, "the SVG embeds no font (or more than one)"
    family, data = faces[0]
    assert family == fonts.cjk_font().family  # the family its <text> elements name first
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    printed = set(html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))))
    assert set("基础设施类项目年月资料来源成都日报（）：") <= printed
    assert {ch for ch in printed if ord(ch) >= 0x2E80 and ord(ch) not in cmap} == set()
