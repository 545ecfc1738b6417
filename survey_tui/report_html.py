"""The printable report as ONE self-contained HTML file: inline CSS, charts as inline SVG.

Nothing is fetched: no script, no external stylesheet, font or image, and a
Content-Security-Policy that would block one anyway. Every text is escaped (html.escape
after sanitize.clean_text), and user text carries dir="auto" so a right-to-left answer
neither turns the page around nor hides its neighbours.
"""

from __future__ import annotations

from survey_tui.report_print import Chart, Heading, Items, Para, PrintDoc, Table
from survey_tui.svg_chart import layout, to_svg, xml_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1f2328; background: #fff;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #2f5d8a; padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .35rem; }
p { margin: .3rem 0; }
p.meta { color: #3d4650; }
p.note { color: #57606a; font-size: .9em; font-style: italic; }
blockquote { margin: .4rem 0 .4rem 1rem; padding-left: .6rem; border-left: 3px solid #9aa5b1;
  white-space: pre-line; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .92em; }
th, td { border-bottom: 1px solid #d0d7de; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f3f6; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: .6rem 0; break-inside: avoid; }
svg { max-width: 100%; height: auto; }
h2, h3 { break-after: avoid; }
tr, li { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } }
"""


def _e(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def _table(block: Table) -> str:
    head = "".join(
        f'<th{" class=num" if i in block.right else ""} scope="col" dir="auto">{_e(h)}</th>'
        for i, h in enumerate(block.headers)
    )
    rows = []
    for row in block.rows:
        cells = "".join(
            f'<td class="num">{_e(c)}</td>' if i in block.right else f'<td dir="auto">{_e(c)}</td>'
            for i, c in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def chart_svg(block: Chart, width: float = 640) -> str:
    shapes = layout(block.bars, maximum=block.maximum, title=block.title, width=width, floor=block.floor)
    return to_svg(shapes, label=block.title)


def block_html(block) -> str:
    if isinstance(block, Heading):
        return f'<h{block.level} dir="auto">{_e(block.text)}</h{block.level}>'
    if isinstance(block, Para):
        if block.kind == "quote":
            return f'<blockquote dir="auto">{_e(block.text)}</blockquote>'
        cls = f' class="{block.kind}"' if block.kind != "body" else ""
        return f'<p{cls} dir="auto">{_e(block.text)}</p>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Items):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f'<li dir="auto">{_e(item)}</li>' for item in block.items) + f"</{tag}>"
    if isinstance(block, Chart):
        return f"<figure>{chart_svg(block)}</figure>"
    raise TypeError(f"unknown block {type(block).__name__}")


def page(title: str, lang: str, body: str, css: str = CSS) -> str:
    """A whole self-contained HTML document around `body` (already escaped HTML)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def render_html(doc: PrintDoc) -> str:
    """The PrintDoc (report_print.build) as one HTML document."""
    body = "<main>\n" + "\n".join(block_html(block) for block in doc.blocks) + "\n</main>"
    return page(doc.title, doc.lang, body)
