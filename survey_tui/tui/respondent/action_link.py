"""A focusable label that acts like a compact button: Enter or a click presses it.

The first page uses it instead of Button: Button's stylesheet is about 7 KB of CSS that
Textual parses before it can paint, which is the largest single cost of showing the
welcome page (bench/bench_startup.py). Later pages use ordinary Buttons.
"""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Link


class ActionLink(Link):
    class Pressed(Message):
        def __init__(self, link: ActionLink) -> None:
            super().__init__()
            self.link = link

        @property
        def control(self) -> ActionLink:
            return self.link

    def __init__(self, label: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(label, url="", id=id, classes=classes)

    def action_open_link(self) -> None:
        self.post_message(self.Pressed(self))
