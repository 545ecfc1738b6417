"""What every respondent page shares: a header line, a body and visible key hints."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Static

from survey_tui.i18n import t
from survey_tui.tui.respondent.keys import shown


class Page(Screen):
    # The body scrolls from anywhere, so focus can stay on the always-visible buttons. That is
    # also why each page's #body is not focusable: a focused body shows nothing, so a Tab
    # stop there looked like a lost focus.
    BINDINGS = [
        Binding("pageup", "scroll_body('page_up')", show=False),
        Binding("pagedown", "scroll_body('page_down')", show=False),
        Binding("up", "scroll_body('up')", show=False),
        Binding("down", "scroll_body('down')", show=False),
    ]
    # The rules the welcome page does not use, read when the first later page is shown, so the
    # first paint parses less CSS (bench/bench_startup.py); a page with its own file lists both.
    CSS_PATH = "pages.tcss"
    HINTS = ""  # i18n key of this page's key hints
    # Each page focuses its own widget in page_shown, without scrolling. Textual's auto focus
    # would focus the first focusable widget first and animate the body to centre it,
    # overriding the page's own scroll position a moment later.
    AUTO_FOCUS = ""
    # Below 50 columns the buttons get less padding (respondent.tcss) and these buttons a
    # shorter label, so a row of three buttons still fits in 40 columns.
    NARROW_BELOW = 50
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-roomy")]
    NARROW_LABELS = {"back": ("back_button", "back_button_short"), "submit": ("submit_button", "submit_button_short")}

    @property
    def session(self):
        return self.app.session

    @property
    def lang(self) -> str:
        return self.app.lang

    @property
    def q(self):
        return self.app.session.questionnaire

    def text(self, mapping) -> str:
        return self.q.text(mapping, self.lang)

    def tr(self, key: str, **kw) -> str:
        return shown(t(self.lang, key, **kw))

    def header_text(self) -> str:
        return self.app.title

    def hints_text(self) -> str:
        return self.tr(self.HINTS)

    def compose(self) -> ComposeResult:
        yield Static(self.header_text(), id="header", markup=False)
        yield from self.compose_body()
        with Horizontal(id="actions"):
            yield from self.compose_actions()
        yield Static(self.hints_text(), id="hints", markup=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Queued keys can move on, or quit, before a page has finished mounting: a page that is
        # no longer on screen (or already torn down) has lost its widgets, and looking for
        # them would crash the app while it closes.
        if self.is_attached and self.is_current:
            self._fit_labels(self.app.size.width)
            self.page_shown()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_labels(event.size.width)

    def _fit_labels(self, width: int) -> None:
        narrow = width < self.NARROW_BELOW
        for button in self.query("#actions Button"):
            keys = self.NARROW_LABELS.get(button.id or "")
            if keys is not None:
                button.label = self.tr(keys[narrow])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys queued before a quit can reach a page that is being torn down.
        if not self.is_attached:
            return False
        if action == "to_review":
            return self.app.return_to_review
        return True

    def page_shown(self) -> None:
        """Focus and scroll a page that is on screen (each page its own)."""

    def compose_actions(self) -> ComposeResult:
        yield from ()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button runs the page action its id names ("next" -> action_next)."""
        action = getattr(self, f"action_{(event.button.id or '').replace('-', '_')}", None)
        if action is not None:
            event.stop()
            action()

    def with_review_hint(self, hints: str) -> str:
        """Pages opened from the review page add how to get back there."""
        return f"{hints} · {self.tr('hint_to_review')}" if self.app.return_to_review else hints

    def after_typing(self, then) -> None:
        """Run `then` once the focused field has taken the keys that came before the one that
        asked for it.

        The page keys (Ctrl+N, Ctrl+P, Ctrl+R) are priority bindings, handled the moment they
        arrive, while the characters typed just before them (typeahead, a paste, one burst
        over SSH) may still wait in the field's own queue: changing page at once lost them.
        A callback on that queue runs after them."""
        focused = self.app.focused
        if focused is None or not focused.call_later(then):
            then()

    def action_to_review(self) -> None:
        self.after_typing(self._to_review)

    def _to_review(self) -> None:
        if not self.is_attached or not self.is_current:  # a quit or another page came first
            return
        self.take_fields()
        self.app.goto("review")

    def take_fields(self) -> None:
        """Put what the page's fields hold now into the session (pages with text fields)."""

    def action_scroll_body(self, how: str) -> None:
        body = self.query("#body")
        if body:
            getattr(body.first(), f"scroll_{how}")(animate=False)
