"""Horizontal bar charts as plain shapes, written out as SVG (or drawn by the PDF renderers).

Pure Python, so the HTML report and the poster need no matplotlib. `layout` places the
shapes once; `to_svg` writes them with every text escaped, and the PDF renderers draw the
same shapes with fpdf2, so a chart looks the same in every printed format.

Each bar's label stands on its own line above the bar (theme titles are long), and the
value text after the bar. A hidden count (below the minimum group) is not drawn to its
length: a dashed outline reaches the minimum group, the most it can be, and the text says
"< 5".
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape as _xml_escape

ACCENT = "#2f5d8a"
MUTED = "#9aa5b1"
HIDDEN = "#e8edf2"
INK = "#1f2328"
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = 0.58  # a DejaVu Sans character's mean advance, in ems (for wrapping only)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str  # the value as printed next to the bar ("5 / 11 = 45 %", "< 5 / 11")
    hidden: bool = False  # below the minimum group: not drawn to its length


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    color: str = INK


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = ACCENT
    dashed: bool = False


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    shapes: tuple


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` cut into lines that fit `width` at font `size` (estimated advance widths)."""
    chars = max(int(width / (size * CHAR_WIDTH)), 8)
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def layout(bars, *, maximum: int, title: str = "", width: float = 640, size: float = 13,
           floor: int = 0, wrap_text=None) -> Layout:
    """Shapes of a bar chart `width` wide (any unit: px in SVG, mm in PDF scale with `size`);
    `wrap_text(text, width, size, bold)` cuts labels into lines (default: estimated widths)."""
    if wrap_text is None:
        def wrap_text(text, room, at, bold=False):
            return wrap(text, room, at)
    shapes: list = []
    y = 0.0
    line = size * 1.3
    if title:
        for part in wrap_text(title, width, size * 1.1, True):
            y += line * 1.1
            shapes.append(Text(0, y, part, size * 1.1, bold=True))
        y += size * 0.4
    value_room = size * CHAR_WIDTH * 24  # "10 / 11 = 91 % (62–98 %)" fits
    area = max(width - value_room, width * 0.4)
    scale = area / maximum if maximum > 0 else 0
    bar_h = size * 1.1
    for bar in bars:
        for part in wrap_text(bar.label, width, size, False):
            y += line
            shapes.append(Text(0, y, part, size))
        y += size * 0.35
        if bar.hidden:
            length = scale * max(floor - 1, 1)  # the most it can be
            shapes.append(Rect(0, y, length, bar_h, fill=HIDDEN, dashed=True))
        else:
            length = scale * bar.value
            if length > 0:
                shapes.append(Rect(0, y, length, bar_h))
        shapes.append(Text(length + size * 0.5, y + bar_h * 0.8, bar.shown, size, bold=not bar.hidden,
                           color=MUTED if bar.hidden else INK))
        y += bar_h + size * 0.4
    return Layout(width, y + size * 0.3, tuple(shapes))


# Characters XML 1.0 does not allow at all (escaping cannot carry them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """Text escaped for an XML or HTML element."""
    return _xml_escape(_NOT_XML.sub("\ufffd", value))


def xml_attr(value: str) -> str:
    """Text escaped for an XML or HTML attribute in double or single quotes."""
    return _xml_escape(_NOT_XML.sub("\ufffd", value), {'"': "&quot;", "'": "&#39;"})


def to_svg(chart: Layout, *, label: str = "", standalone: bool = False) -> str:
    """The layout as an <svg> element (`standalone`: a whole .svg file with its XML header).

    Texts are escaped for XML; `label` is the chart's accessible name.
    """
    w, h = chart.width, chart.height
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1f} {h:.1f}" width="{w:.0f}" '
        f'height="{h:.0f}" role="group" aria-label="{xml_attr(label)}" font-family="{xml_attr(FONT)}">'
    )
    if label:
        out.append(f"<title>{xml_text(label)}</title>")
    out += [shape_svg(shape) for shape in chart.shapes]
    out.append("</svg>")
    return "\n".join(out)


def shape_svg(shape) -> str:
    if isinstance(shape, Rect):
        if shape.dashed:
            return (f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                    f'fill="{shape.fill or "none"}" stroke="{MUTED}" stroke-width="1.2" stroke-dasharray="4 3"/>')
        return (f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                f'fill="{shape.fill}"/>')
    weight = ' font-weight="bold"' if shape.bold else ""
    return (f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size:.1f}" fill="{shape.color}"'
            f'{weight}>{xml_text(shape.text)}</text>')
