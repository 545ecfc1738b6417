"""The poster's one A4 page as SVG, self-contained HTML or PDF, from one poster_layout.

SVG and HTML embed the DejaVu Sans the layout was measured with (a data: URL in an
@font-face rule), so the lines break where they do in the PDF and nothing is fetched.
"""

from __future__ import annotations

import base64
import functools

from survey_tui.poster_layout import PAGE_H, PAGE_W, poster_layout
from survey_tui.poster_model import PosterData
from survey_tui.svg_chart import shape_svg, xml_attr, xml_text

FORMATS = ("pdf", "svg", "html")
POSTER_FONT = "survey-tui DejaVu Sans"


@functools.lru_cache(maxsize=1)
def _font_faces() -> str:
    from survey_tui.report_pdf_base import FONT_DIR

    faces = []
    for name, weight in (("DejaVuSans.ttf", "normal"), ("DejaVuSans-Bold.ttf", "bold")):
        data = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        faces.append(f'@font-face {{ font-family: "{POSTER_FONT}"; font-weight: {weight}; '
                     f"src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}")
    return "\n".join(faces)


def _family() -> str:
    return f"'{POSTER_FONT}', 'DejaVu Sans', Verdana, sans-serif"


def render_svg(data: PosterData, *, standalone: bool = True) -> str:
    """The poster as an SVG document 210 x 297 mm (`standalone`: with the XML declaration)."""
    page = poster_layout(data)
    out = ['<?xml version="1.0" encoding="UTF-8"?>'] if standalone else []
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PAGE_W:.0f} {PAGE_H:.0f}" '
        f'width="{PAGE_W:.0f}mm" height="{PAGE_H:.0f}mm" role="document" aria-label="{xml_attr(data.title)}" '
        f'font-family="{_family()}" xml:lang="{xml_attr(data.lang)}">'
    )
    out.append(f"<title>{xml_text(data.title)}</title>")
    out.append(f"<style>{_font_faces()}</style>")
    out.append(f'<rect x="0" y="0" width="{PAGE_W:.0f}" height="{PAGE_H:.0f}" fill="#ffffff"/>')
    out += [shape_svg(shape) for shape in page.shapes]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render_html(data: PosterData) -> str:
    """The poster as one self-contained HTML page that prints on one A4 sheet."""
    from survey_tui.report_html import page

    css = (
        "@page { size: A4; margin: 0; }\n"
        "html, body { margin: 0; padding: 0; background: #e9edf1; }\n"
        "main { width: 210mm; height: 297mm; margin: 0 auto; background: #fff; overflow: hidden; }\n"
        "main svg { display: block; width: 210mm; height: 297mm; }\n"
        "@media print { html, body { background: #fff; } }\n"
    )
    body = f"<main>\n{render_svg(data, standalone=False)}</main>"
    return page(data.title, data.lang, body, css=css)


def render_pdf(data: PosterData) -> bytes:
    """The poster as a one-page A4 PDF, drawn from the same shapes as the SVG."""
    from survey_tui.report_pdf_base import draw_layout, new_pdf, output

    layout = poster_layout(data)
    pdf = new_pdf(title=data.title, lang=data.lang)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    draw_layout(pdf, layout, 0, 0)
    return output(pdf)


def render(data: PosterData, fmt: str) -> str | bytes:
    return {"pdf": render_pdf, "svg": render_svg, "html": render_html}[fmt](data)
