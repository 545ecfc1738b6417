"""What the PDF report and the PDF poster share: an A4 fpdf2 document with the embedded
DejaVu Sans (survey_tui/fonts, subset to Latin, Greek and Cyrillic; see its README), page
numbers, text the font can show, and the bar charts of svg_chart drawn as vector shapes.

fpdf2 is the extra "pdf" (pure Python, from PyPI alone); it is imported only here, inside
the functions, so nothing else pays for it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from survey_tui.sanitize import clean_text

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
MM_PER_PT = 25.4 / 72


@functools.lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points the embedded regular font has a glyph for (the bold one is cut the same)."""
    from fontTools.ttLib import TTFont

    with TTFont(FONT_DIR / "DejaVuSans.ttf", lazy=True) as font:
        return frozenset(font.getBestCmap())


def pdf_text(text: str) -> str:
    """Clean text with every character the font lacks shown as U+FFFD (never dropped
    silently: a reader sees that something was there). Tabs become spaces."""
    covered = _covered()
    clean = clean_text(text).replace("\t", " ")
    return "".join(ch if ord(ch) in covered or ch == "\n" else "\ufffd" for ch in clean)


def new_pdf(*, footer: str | None = None, title: str = "", lang: str = "en"):
    """An A4 portrait fpdf2 document with the fonts added; `footer`: a text with {page} and
    {pages} printed at the foot of every page (page numbers)."""
    from survey_tui.extras import require

    require("pdf")
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            if footer is None:
                return
            self.set_y(-12)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 6, footer.format(page=self.page_no(), pages="{nb}"), align="R")

    pdf = Document(orientation="portrait", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_lang(lang)
    pdf.set_title(pdf_text(title))
    pdf.set_creator("survey-tui")
    pdf.set_producer("survey-tui")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_font(FAMILY, "", 10)
    return pdf


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def draw_layout(pdf, chart, x: float, y: float) -> None:
    """Draw an svg_chart Layout laid out in millimetres (font sizes too) with its top left at (x, y)."""
    from survey_tui.svg_chart import Rect

    for shape in chart.shapes:
        if isinstance(shape, Rect):
            if shape.dashed:
                if shape.fill:
                    pdf.set_fill_color(*_rgb(shape.fill))
                    pdf.rect(x + shape.x, y + shape.y, max(shape.w, 0.1), shape.h, style="F")
                pdf.set_draw_color(*_rgb("#9aa5b1"))
                pdf.set_dash_pattern(dash=1.2, gap=0.9)
                pdf.set_line_width(0.3)
                pdf.rect(x + shape.x, y + shape.y, max(shape.w, 0.1), shape.h, style="D")
                pdf.set_dash_pattern()
            else:
                pdf.set_fill_color(*_rgb(shape.fill or "#2f5d8a"))
                pdf.rect(x + shape.x, y + shape.y, shape.w, shape.h, style="F")
        else:
            pdf.set_font(FAMILY, "B" if shape.bold else "", shape.size / MM_PER_PT)
            pdf.set_text_color(*_rgb(shape.color))
            pdf.text(x + shape.x, y + shape.y, pdf_text(shape.text))
    pdf.set_text_color(0, 0, 0)


def output(pdf) -> bytes:
    return bytes(pdf.output())
