"""Text widths in the embedded DejaVu Sans, so the poster wraps its lines where they end.

With fontTools (installed with the "pdf" and "charts" extras) the widths are the font's own
advance widths, the ones fpdf2 uses, so the PDF's lines fill the column exactly; without
it they are estimated (the SVG and HTML posters need no extra).
"""

from __future__ import annotations

import functools

from survey_tui.svg_chart import CHAR_WIDTH


@functools.lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, float], float] | None:
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    from survey_tui.report_pdf_base import FONT_DIR

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with TTFont(FONT_DIR / name, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {cp: metrics[glyph][0] / per_em for cp, glyph in font.getBestCmap().items()}
    return widths, widths.get(0xFFFD, CHAR_WIDTH)


def width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of `text` at font `size` (in the unit of `size`)."""
    table = _advances(bold)
    if table is None:
        return len(text) * size * CHAR_WIDTH * (1.07 if bold else 1.0)
    widths, missing = table
    return sum(widths.get(ord(ch), missing) for ch in text) * size


def wrap(text: str, room: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `room` (a word longer than a line is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while width(word, size, bold) > room:  # a word alone wider than the line
            cut = len(word)
            while cut > 1 and width(word[:cut], size, bold) > room:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        trial = f"{line} {word}" if line else word
        if line and width(trial, size, bold) > room:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]
