"""Create a round, or a follow-up of the selected round.

Validation and defaults are services.rounds' (the same code path as `survey-tui round new`); any
SurveyError is shown inline under the form, and nothing is created.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from survey_tui import questionnaire as qmod
from survey_tui.errors import SurveyError
from survey_tui.services import rounds
from survey_tui.tui.dashboard.short import fit_short
from survey_tui.tui.dashboard.words import translate_bindings, w


def parse_date(value: str, name: str, today: dt.date | None = None) -> dt.date | None:
    """As on the command line: YYYY-MM-DD, 'today' or +14d (survey_tui/dates.py)."""
    from survey_tui import dates

    return dates.parse_option(value, name, today)


class LaunchForm(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "key_create"),
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(self, base: rounds.RoundDefaults, follows: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.base = base  # services.rounds.defaults, read by the caller (no lookup in compose)
        self.follows = follows
        # The past closing date already warned about: a second ctrl+s with the same
        # date creates the round anyway (e.g. a round only for importing old answers).
        self._past_confirmed: dt.date | None = None

    def compose(self) -> ComposeResult:
        base = self.base
        previous = base.previous
        shipped = ", ".join(qmod.shipped_files()) or w(self, "form_none")
        title = w(self, "form_follow_up_title", slug=self.follows) if previous else w(self, "form_new_title")
        with VerticalScroll(id="dialog", classes="form"):
            yield Static(title, classes="title", markup=False)
            with Horizontal(classes="field"):
                yield Label(w(self, "form_round_name"))
                yield Input(placeholder=w(self, "form_round_name_placeholder"), id="slug")
            with Horizontal(classes="field"):
                yield Label(w(self, "col_questionnaire"))
                yield Input(
                    value="" if previous else (next(iter(qmod.shipped_files()), "")),
                    placeholder=w(self, "form_same_as", slug=self.follows) if previous else w(self, "form_id_or_file", shipped=shipped),
                    id="questionnaire",
                )
            with Horizontal(classes="field"):
                yield Label(w(self, "col_opens"))
                yield Input(placeholder=w(self, "form_date_placeholder"), id="opens")
            with Horizontal(classes="field"):
                yield Label(w(self, "col_closes"))
                yield Input(placeholder=w(self, "form_date_placeholder"), id="closes")
            with Horizontal(classes="field"):
                yield Label(w(self, "form_access"))
                yield Select(
                    [(w(self, "form_access_open"), "open"), (w(self, "form_access_codes"), "codes")],
                    value=base.access,  # rounds.defaults: the one rule for every interface
                    allow_blank=False,
                    id="access",
                )
            with Horizontal(classes="field"):
                yield Label(w(self, "form_min_group"))
                yield Input(
                    value=str(base.min_group),
                    type="integer",
                    id="min_group",
                )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(w(self, "form_create_button"), variant="primary", id="create")
                yield Button(w(self, "form_cancel_button"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#slug", Input).focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # At 80x24 the bordered fields push the buttons below the screen: on a short
        # terminal the fields lose their borders (compact), so the whole form shows.
        fit_short(self, self.query_one("#dialog"))

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_create()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        error = self.query_one("#form-error", Static)
        try:
            closes = parse_date(self.value("closes"), "closes", self.app.today())
            if closes and closes < self.app.today() and closes != self._past_confirmed:
                self._past_confirmed = closes
                error.update(
                    w(self, "form_past_closing", date=closes.isoformat())
                )
                self._show(error)
                return
            slug = self.create()
        except SurveyError as exc:
            error.update(w(self, "error", problem=exc))
            self._show(error)
            return
        self.dismiss(slug)

    def _show(self, message: Static) -> None:
        # At 80x24 the form scrolls and the message sits below the last field: only its
        # first line was in view. Scrolled to once laid out, when its wrapped height is known.
        self.call_after_refresh(message.scroll_visible, animate=False)

    def create(self) -> str:
        access = self.query_one("#access", Select).value
        made = rounds.create(
            self.app.store,
            self.value("slug").strip(),
            questionnaire=self.value("questionnaire").strip() or None,
            opens=parse_date(self.value("opens"), "opens", self.app.today()),
            closes=parse_date(self.value("closes"), "closes", self.app.today()),
            follows=self.follows,
            min_group=self.value("min_group"),
            access=str(access) if isinstance(access, str) else None,
        )
        return made.round.slug
