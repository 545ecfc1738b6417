"""The printable report as a PDF: the same PrintDoc as the HTML report, on A4 pages with
page numbers ("Sivu 2/3"), in the embedded DejaVu Sans (report_pdf_base)."""

from __future__ import annotations

from survey_tui.report_pdf_base import FAMILY, draw_layout, new_pdf, output, pdf_text
from survey_tui.report_print import Chart, Heading, Items, Para, PrintDoc, Table
from survey_tui.report_strings import t
from survey_tui.svg_chart import layout

SIZES = {1: 16, 2: 13, 3: 11}  # heading level -> points
BODY = 9.5
LINE = 4.6  # mm per body line


def _heading(pdf, block: Heading) -> None:
    size = SIZES.get(block.level, 11)
    space = {1: 0, 2: 5, 3: 3}.get(block.level, 2)
    # A heading never ends a page: keep room for it and two lines after it.
    if pdf.get_y() + size * 0.5 + 3 * LINE > pdf.page_break_trigger:
        pdf.add_page()
    elif pdf.get_y() > pdf.t_margin + 1:
        pdf.ln(space)
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(31, 35, 40)
    pdf.multi_cell(0, size * 0.48, pdf_text(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
    if block.level == 2:
        pdf.set_draw_color(47, 93, 138)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.6, pdf.w - pdf.r_margin, pdf.get_y() + 0.6)
        pdf.ln(2)
    pdf.ln(1)


def _para(pdf, block: Para) -> None:
    color = {"meta": (61, 70, 80), "note": (87, 96, 106), "quote": (31, 35, 40)}.get(block.kind, (31, 35, 40))
    pdf.set_text_color(*color)
    pdf.set_font(FAMILY, "", BODY - (1 if block.kind == "note" else 0))
    if block.kind == "quote":
        x = pdf.l_margin + 5
        top = pdf.get_y()
        pdf.set_x(x)
        pdf.multi_cell(pdf.epw - 5, LINE, pdf_text(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(154, 165, 177)
        pdf.set_line_width(0.8)
        if pdf.get_y() > top:
            pdf.line(x - 2, top, x - 2, pdf.get_y())
    else:
        pdf.multi_cell(0, LINE, pdf_text(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _items(pdf, block: Items) -> None:
    pdf.set_font(FAMILY, "", BODY)
    pdf.set_text_color(31, 35, 40)
    for number, item in enumerate(block.items, 1):
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(5, LINE, f"{number}." if block.numbered else "•")
        pdf.multi_cell(pdf.epw - 7, LINE, pdf_text(item), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(pdf, block: Table) -> None:
    from fpdf.fonts import FontFace

    columns = len(block.headers)
    # Number columns as wide as their widest cell (a share "10 / 11 = 91 %" stays on one
    # line; a header may wrap between words); the first column, titles, takes the rest.
    pdf.set_font(FAMILY, "B", BODY - 1)
    heads = [max((pdf.get_string_width(word) for word in pdf_text(h).split()), default=0) for h in block.headers]
    pdf.set_font(FAMILY, "", BODY - 1)
    need = [max([heads[i]] + [pdf.get_string_width(pdf_text(row[i])) for row in block.rows]) + 3.5
            for i in range(columns)]
    rest = sum(need[1:])
    widths = (max(pdf.epw - rest, pdf.epw * 0.3),) + tuple(need[1:])
    align = tuple("RIGHT" if i in block.right else "LEFT" for i in range(columns))
    pdf.set_font(FAMILY, "", BODY - 1)
    pdf.set_text_color(31, 35, 40)
    pdf.set_draw_color(208, 215, 222)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(255, 255, 255)
    style = FontFace(emphasis="BOLD", fill_color=(240, 243, 246))
    with pdf.table(col_widths=widths, text_align=align, borders_layout="HORIZONTAL_LINES",
                   headings_style=style, line_height=LINE - 0.6, padding=(0.8, 1.2), width=pdf.epw) as table:
        for row in (block.headers,) + block.rows:
            cells = table.row()
            for cell in row:
                cells.cell(pdf_text(cell))
    pdf.ln(2)


def _chart(pdf, block: Chart) -> None:
    shapes = layout(block.bars, maximum=block.maximum, title=block.title, width=pdf.epw, size=3.4,
                    floor=block.floor)
    if pdf.get_y() + shapes.height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    draw_layout(pdf, shapes, pdf.l_margin, top)
    pdf.set_y(top + shapes.height + 1)


RENDER = {Heading: _heading, Para: _para, Items: _items, Table: _table, Chart: _chart}


def render_pdf(doc: PrintDoc) -> bytes:
    """The PrintDoc (report_print.build) as PDF bytes: A4, numbered pages."""
    pdf = new_pdf(footer=t(doc.lang, "print_page", page="{page}", pages="{pages}"), title=doc.title, lang=doc.lang)
    pdf.add_page()
    for block in doc.blocks:
        RENDER[type(block)](pdf, block)
    return output(pdf)
