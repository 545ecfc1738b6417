"""Forms that fit a short terminal: below SHORT rows, fields and buttons drop their borders.

At 80x24 a form of six bordered fields is taller than the screen, so its buttons (and the
codes screen's reminder list) were out of sight. Compact widgets are Textual's own style.
"""

from __future__ import annotations

SHORT = 30  # rows


def fit_short(screen, container) -> None:
    short = screen.app.size.height < SHORT
    container.set_class(short, "-short")
    for widget in container.query("Input, Select, Button"):
        widget.compact = short
