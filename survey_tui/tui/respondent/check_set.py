"""A list of checkboxes that is one Tab stop, moved through with the arrow keys (as a RadioSet).

Textual's SelectionList draws one line per option and cuts a long title with "…"; the
options of a `multiple` question are the questionnaire's own text and must be read whole,
so each is a Checkbox whose label wraps. ↑/↓ (or ←/→) move the highlight, Space or Enter
turns the highlighted option on or off.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Checkbox


class CheckSet(Vertical, can_focus=True, can_focus_children=False):
    BINDINGS = [
        Binding("down,right", "move(1)", show=False),
        Binding("up,left", "move(-1)", show=False),
        Binding("enter,space", "toggle", show=False),
    ]

    highlighted: reactive[int] = reactive(0)

    class Toggled(Message):
        """The respondent turned the option at `index` on or off."""

        def __init__(self, check_set: CheckSet, index: int, value: bool) -> None:
            super().__init__()
            self.check_set = check_set
            self.index = index
            self.value = value

    @property
    def boxes(self) -> list[Checkbox]:
        return list(self.query_children(Checkbox))

    def on_mount(self) -> None:
        for box in self.boxes:
            box.can_focus = False
        self.watch_highlighted(self.highlighted)

    def watch_highlighted(self, index: int) -> None:
        boxes = self.boxes
        for n, box in enumerate(boxes):
            box.set_class(n == index, "-selected")
        if boxes:
            self.call_after_refresh(self.scroll_visible_box, boxes[index])

    def scroll_visible_box(self, box: Checkbox) -> None:
        if box.is_attached and self.has_focus:
            box.scroll_visible(animate=False)

    def action_move(self, delta: int) -> None:
        self.highlighted = max(0, min(self.highlighted + delta, len(self.boxes) - 1))

    def action_toggle(self) -> None:
        boxes = self.boxes
        if boxes:
            boxes[self.highlighted].toggle()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        index = self.boxes.index(event.checkbox)
        self.post_message(self.Toggled(self, index, event.value))

    def on_click(self, event: events.Click) -> None:
        # The mouse is optional: a click highlights (and, through the Checkbox, toggles) it.
        self.focus()
        widget = event.widget
        if isinstance(widget, Checkbox) and widget in self.boxes:
            self.highlighted = self.boxes.index(widget)

    def set_value(self, index: int, value: bool) -> None:
        """Set an option without telling anyone (a choice taken back)."""
        box = self.boxes[index]
        with box.prevent(Checkbox.Changed):
            box.value = value

    @property
    def checked(self) -> list[int]:
        return [n for n, box in enumerate(self.boxes) if box.value]
