"""An answer field with a visible "123 / 4000" counter and a hard length cap.

The cap is applied before text reaches the document: a 1 MB paste is sliced to what
still fits, so the editor never lays out (or undoes) more than the limit allows.
`kind: short` questions get a one-line field: same cap and counter, no line breaks.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from survey_tui.i18n import t
from survey_tui.tui import compat


@compat.filtered_keyboard_input
class CappedTextArea(TextArea):
    """A TextArea that refuses to grow past `max_length` characters."""

    class Capped(Message):
        """Some typed or pasted text did not fit and was cut."""

    def __init__(self, text: str = "", *, max_length: int, soft_wrap: bool = True, **kwargs) -> None:
        super().__init__(text[:max_length], soft_wrap=soft_wrap, tab_behavior="focus", **kwargs)
        self.max_length = max_length
        self._length = len(self.text)
        self.on_length = None  # called with the new length inside each edit

    def edit(self, edit):
        result = super().edit(edit)
        self._length = len(self.text)
        # The counter is updated in the same step as the text, so both reach the screen
        # in one frame (from the Changed message it often lagged a frame or two).
        if self.on_length is not None:
            self.on_length(self._length)
        return result

    @property
    def length(self) -> int:
        return self._length

    def filter_keyboard_input(self, insert: str, start, end) -> str | None:
        """Typed or pasted text cut to what still fits (None: no edit). Called by the
        TextArea before the text reaches the document (see compat.filtered_keyboard_input)."""
        if self.read_only:
            return None
        selected = len(self.get_text_range(start, end)) if start != end else 0
        room = self.max_length - (self._length - selected)
        if len(insert) > room:
            # Normalise newlines first so the count matches what the document stores.
            insert = insert.replace("\r\n", "\n").replace("\r", "\n")[: max(room, 0)]
            self.post_message(self.Capped())
            if not insert and start == end:
                return None
        return insert

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # Keep the count cached: the counter and the cap read it on every keystroke.
        self._length = len(self.text)


class CappedLine(CappedTextArea):
    """A one-line CappedTextArea for `kind: short` answers.

    A TextArea (not an Input) so the cap, the cut notice and the counter work exactly as in
    the long field. Enter never inserts a line break: it asks the page to move on, and line
    breaks in pasted text become spaces, so a one-line answer is stored as one line.
    """

    class Done(Message):
        """Enter was pressed in a one-line field."""

        def __init__(self, field: CappedLine) -> None:
            super().__init__()
            self.field = field

    def __init__(self, text: str = "", *, max_length: int, **kwargs) -> None:
        super().__init__(_one_line(text), max_length=max_length, soft_wrap=False, **kwargs)

    async def on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # TextArea's own key handler (a base class's) is not run
            self.post_message(self.Done(self))
        # Other keys: Textual goes on to TextArea's handler itself (handlers run along the MRO).

    def filter_keyboard_input(self, insert: str, start, end) -> str | None:
        return super().filter_keyboard_input(_one_line(insert), start, end)


def _one_line(text: str) -> str:
    # "\r\n" first, so a Windows line break becomes one space, not two.
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


class AnswerArea(Vertical):
    """Prompt, text field and counter for one question."""

    DEFAULT_CLASSES = "answer"

    class AnswerChanged(Message):
        def __init__(self, question_id: str, text: str) -> None:
            super().__init__()
            self.question_id = question_id
            self.text = text

    def __init__(
        self, question_id: str, prompt: str, text: str, *, max_length: int, required: bool, lang: str, short: bool = False
    ) -> None:
        super().__init__(id=f"answer-{question_id}", classes="-short" if short else None)
        self.short = short
        self.question_id = question_id
        self.prompt = prompt
        self.initial = text
        self.max_length = max_length
        self.required = required
        self.lang = lang
        self._cut_notice = False

    def compose(self) -> ComposeResult:
        marker = t(self.lang, "required_marker" if self.required else "optional_marker")
        yield Static(f"{self.prompt} {marker}", classes="prompt", markup=False)
        field = CappedLine if self.short else CappedTextArea
        area = field(self.initial, max_length=self.max_length, id=f"text-{self.question_id}")
        area.cursor_blink = not self.app.is_headless
        area.on_length = lambda _length: self._update_counter()
        yield area
        yield Static("", classes="counter", markup=False)
        yield Static(t(self.lang, "required_missing"), classes="missing", markup=False)

    def on_mount(self) -> None:
        self._update_counter()

    @property
    def area(self) -> CappedTextArea:
        return self.query_one(CappedTextArea)

    @property
    def text(self) -> str:
        return self.area.text

    def flag_missing(self, show: bool) -> None:
        self.set_class(show, "-missing")

    def on_capped_text_area_capped(self, event: CappedTextArea.Capped) -> None:
        event.stop()
        self._cut_notice = True
        self._update_counter()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = self.area
        area._length = len(area.text)
        if self.has_class("-missing") and area.text.strip():
            self.flag_missing(False)
        # The page opens scrolled to the theme's context; on a small terminal the first
        # field may be below the fold, so typing brings it into view.
        area.scroll_visible(animate=False)
        self.post_message(self.AnswerChanged(self.question_id, area.text))

    def _update_counter(self) -> None:
        count = self.area.length
        key = "counter_full" if count >= self.max_length else "counter"
        line = t(self.lang, key, count=count, limit=self.max_length)
        if count < self.max_length:
            # The notice stays while the answer is at the limit, so it is not missed.
            self._cut_notice = False
        if self._cut_notice:
            # Typed or pasted: the wording is true for both.
            line = t(self.lang, "cut_notice", limit=self.max_length) + f" ({count} / {self.max_length})"
        # Only the cut notice can change the counter's height (it wraps at 80 columns);
        # otherwise skip the page relayout on every keystroke.
        relayout = self.has_class("-cut") != self._cut_notice
        self.set_class(self._cut_notice, "-cut")
        self.set_class(count >= self.max_length * 0.9, "-near")
        counter = self.query_one(".counter", Static)
        counter.update(line, layout=relayout)
        if relayout and self._cut_notice:
            # The counter sits below the field: for the last field on a small terminal it is
            # below the fold, and the notice would go unseen. Scrolled to once laid out.
            self.call_after_refresh(counter.scroll_visible, animate=False)
