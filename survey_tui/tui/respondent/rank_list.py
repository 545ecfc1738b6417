"""A numbered list the respondent reorders from the keyboard (the mouse is optional).

↑/↓ move the highlight; Shift+↑/↓, Ctrl+↑/↓ or +/- move the highlighted item; a digit
puts it in that position; Enter confirms the order as it is.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class RankList(OptionList):
    BINDINGS = [
        Binding("shift+up,ctrl+up,plus,equals_sign", "move(-1)", show=False),
        Binding("shift+down,ctrl+down,minus", "move(1)", show=False),
        *[Binding(str(n), f"place({n})", show=False) for n in range(1, 10)],
    ]

    class Reordered(Message):
        def __init__(self, order: list[str], moved: str | None, confirmed: bool) -> None:
            super().__init__()
            self.order = order
            self.moved = moved
            self.confirmed = confirmed

    def __init__(self, items: list[tuple[str, str]], order: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles = dict(items)
        self.order = list(order)

    def on_mount(self) -> None:
        self._render_items(0)

    def _render_items(self, highlight: int) -> None:
        width = len(str(len(self.order)))
        options = []
        for pos, item_id in enumerate(self.order, 1):
            # Titles come from the questionnaire file: plain Text, never markup.
            options.append(Option(Text(f"{pos:>{width}}. {self.titles[item_id]}"), id=item_id))
        self.set_options(options)
        self.highlighted = highlight

    def action_move(self, delta: int) -> None:
        if self.highlighted is None:
            return
        self._place(self.highlighted, self.highlighted + delta)

    def action_place(self, position: int) -> None:
        if self.highlighted is None or position > len(self.order):
            return
        self._place(self.highlighted, position - 1)

    def _place(self, index: int, to: int) -> None:
        to = max(0, min(to, len(self.order) - 1))
        item = self.order.pop(index)
        self.order.insert(to, item)
        self._render_items(to)
        self.post_message(self.Reordered(list(self.order), item, True))

    def action_select(self) -> None:
        # Enter: the respondent accepts the order as shown.
        self.post_message(self.Reordered(list(self.order), None, True))
