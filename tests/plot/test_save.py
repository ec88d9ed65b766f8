"""indicators/figures.py: PNG at 300 dpi, SVG with text as text, PDF with the CJK font embedded."""
from __future__ import annotations

import re
import zlib
from io import BytesIO

import numpy as np
import pytest
from chart_checks import draw
from fontTools.ttLib import TTFont
from PIL import Image

import indicators

SERVICES = ["china.services_trade.total", "china.services_trade.exports", "china.services_trade.imports"]


@pytest.fixture(scope="module")
def saved(observations, built_root, tmp_path_factory):
    """One chart of the real data saved in every format, at the half report width."""
    out = tmp_path_factory.mktemp("export")
    ax = draw(indicators.growthplot, observations, series=SERVICES, root=built_root, width="half")
    return indicators.save_figure(ax.figure, "services-trade", root=out)


def test_writes_png_svg_and_pdf_under_figures_and_nothing_else(saved):
    folder = saved["png"].parent
    assert folder.name == "figures"
    assert sorted(p.name for p in folder.iterdir()) == ["services-trade.pdf", "services-trade.png", "services-trade.svg"]


def test_png_is_300_dpi_at_the_report_width_and_not_blank(saved):
    image = Image.open(saved["png"])
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.5)
    assert image.width == round(7.8 / 2.54 * 300)
    pixels = np.asarray(image.convert("L"), dtype=float)
    assert pixels.std() > 20 and (pixels < 128).mean() > 0.01


def test_svg_keeps_unit_and_source_as_text(saved):
    svg = saved["svg"].read_text(encoding="utf-8")
    texts = "".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    assert "单位：亿元" in texts and "资料来源：" in texts
    assert indicators.cjk_font().family in svg


def test_pdf_embeds_the_cjk_font_as_truetype_with_a_unicode_map(saved):
    pdf = saved["pdf"].read_bytes()
    assert b"/Type3" not in pdf
    assert b"/CIDFontType2" in pdf and b"/ToUnicode" in pdf  # Type 42: text stays selectable
    family = indicators.cjk_font().family.replace(" ", "").encode()
    assert re.search(rb"/BaseFont /[A-Z]{6}\+" + family, pdf)
    fonts = [TTFont(BytesIO(data)) for data in _font_files(pdf)]
    cjk = [f for f in fonts if ord("源") in (f.getBestCmap() or {})]  # 资料来源 was drawn with it
    assert cjk and all("glyf" in f for f in fonts)
    assert cjk[0]["name"].getDebugName(1) == indicators.cjk_font().family


def test_out_dir_replaces_the_project_figures_folder(saved, tmp_path):
    import matplotlib.pyplot as plt

    with indicators.style():
        fig = plt.figure()
        fig.text(0.1, 0.5, "资料来源")
        written = indicators.save_figure(fig, "one", formats=("svg",), out_dir=tmp_path / "out")
    assert written == {"svg": tmp_path / "out" / "one.svg"} and written["svg"].is_file()


def test_bad_names_and_formats_are_rejected(saved):
    fig = None
    with pytest.raises(ValueError, match="plain file stem"):
        indicators.save_figure(fig, "../escape")
    with pytest.raises(ValueError, match=r"`formats` must be among"):
        indicators.save_figure(fig, "ok", formats=("jpg",))


def test_a_failed_save_leaves_no_partial_file(tmp_path):
    class Broken:
        def savefig(self, *args, **kwargs):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        indicators.save_figure(Broken(), "broken", root=tmp_path)
    assert list((tmp_path / "figures").iterdir()) == []


def _font_files(pdf: bytes) -> list[bytes]:
    """The decompressed /FontFile2 streams of *pdf*."""
    out = []
    for ref in re.findall(rb"/FontFile2 (\d+) 0 R", pdf):
        match = re.search(rb"\n" + ref + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n", pdf, flags=re.S)
        start = match.end()
        length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))
        raw = pdf[start:start + length]
        out.append(zlib.decompress(raw) if b"/FlateDecode" in match.group(1) else raw)
    return out
