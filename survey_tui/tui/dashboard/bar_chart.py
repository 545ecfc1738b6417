"""A horizontal plotext bar chart that is never squeezed below the rows it needs.

plotext maps bars to text rows by rounding: with fewer than about two rows per bar
it silently drops bars or draws one bar with a neighbour's length. Measured with
textual-plotext 1.0.1 / plotext 5.3.2 for 2 to 9 bars and random counts, every height
from 2 rows per bar plus the frame, tick and label rows upwards draws each bar on
its own labelled row with its own length. The chart keeps that minimum height;
the screen puts it in a scrolling container, so a short terminal scrolls instead
of showing a partial chart.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

# Top border, bottom border with ticks, tick labels, axis label.
FRAME_ROWS = 4
ROWS_PER_BAR = 2


def min_chart_height(bars: int) -> int:
    return ROWS_PER_BAR * max(bars, 1) + FRAME_ROWS


class BarChart(PlotextPlot):
    def __init__(self, bars: int, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.styles.min_height = min_chart_height(bars)
