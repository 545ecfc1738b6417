"""Column widths that keep every column of a DataTable inside the terminal's width.

A DataTable sized by its content runs off the right edge when the content is wider than
the screen, and its last columns are simply not seen. Here the widths are chosen in steps,
each only when the previous one does not fit:

1. every column as wide as its header and cells, two cells of padding between columns;
2. one space between columns, and headers of several words on two lines;
3. the free-text columns (`shrink`) cut, the widest first, with "…" (never below
   `least`, nor narrower than their two-line header).

Only past the third step (a terminal too narrow for the fixed columns) does the table
scroll sideways.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len

from survey_tui.sanitize import one_line

GAP = 1  # spaces after each column once the padding is dropped (step 2)


@dataclass(frozen=True)
class Fit:
    padding: int  # DataTable.cell_padding, on each side of each column
    header_height: int
    limits: tuple[int, ...]  # each column's text width (cells are cut to it)

    def column_width(self, i: int) -> int:
        """The width to give DataTable.add_column (the gap is part of it once unpadded)."""
        return self.limits[i] + (0 if self.padding else GAP)

    def header(self, i: int, text: str) -> str:
        """The header, wrapped at its column's width (never into the gap) when it must be."""
        if cell_len(text) <= self.limits[i]:
            return text
        return "\n".join(textwrap.wrap(text, self.limits[i], break_long_words=False)[: self.header_height])

    def cell(self, i: int, text: str) -> str:
        return one_line(text, self.limits[i]) if cell_len(text) > self.limits[i] else text


def two_line_width(header: str) -> int:
    """The narrowest width at which `header` wraps onto at most two lines."""
    full = cell_len(header)
    width = max((cell_len(word) for word in header.split()), default=0)
    while width < full and len(textwrap.wrap(header, width, break_long_words=False)) > 2:
        width += 1
    return min(width, full)


def fit_columns(headers: Sequence[str], rows: Sequence[Sequence[str]], room: int,
                shrink: Sequence[int] = (), least: int = 6) -> Fit:
    cells = [max((cell_len(row[i]) for row in rows), default=0) for i in range(len(headers))]
    natural = tuple(max(cell_len(h), c) for h, c in zip(headers, cells))
    if sum(natural) + 2 * len(natural) <= room:
        return Fit(1, 1, natural)
    heads = [two_line_width(h) for h in headers]
    limits = [max(h, c) for h, c in zip(heads, cells)]
    floor = {i: max(min(least, limits[i]), heads[i]) for i in shrink}
    while sum(limits) + GAP * len(limits) > room:
        cuttable = [i for i in shrink if limits[i] > floor[i]]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: limits[i])
        limits[widest] -= 1
    two_lines = any(cell_len(h) > limit for h, limit in zip(headers, limits))
    return Fit(0, 2 if two_lines else 1, tuple(limits))
