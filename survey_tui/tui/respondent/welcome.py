"""Welcome: the resume code, the cover letter, what is promised, language, consent, resume."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.lazy import Lazy
from textual.widgets import Input, Static

from survey_tui.errors import SurveyError
from survey_tui.i18n import LANGUAGE_NAMES, LANGUAGES
from survey_tui.tui.respondent import draft
from survey_tui.tui.respondent.action_link import ActionLink
from survey_tui.tui.respondent.page import Page


class WelcomeScreen(Page):
    CSS_PATH = None  # its rules are in the app's respondent.tcss, parsed before the first paint
    HINTS = "hints_welcome"
    # Page's breakpoints: below 50 columns the "Language" label gives way (respondent.tcss).
    BINDINGS = [Binding("escape", "app.request_quit", show=False)]

    def compose_body(self) -> ComposeResult:
        q = self.q
        with VerticalScroll(id="body", can_focus=False):
            langs = [lang for lang in q.languages if lang in LANGUAGES]
            if len(langs) > 1:
                with Horizontal(id="languages"):
                    yield Static(self.tr("language_label"), classes="label", markup=False)
                    for lang in langs:
                        yield ActionLink(
                            LANGUAGE_NAMES[lang], id=f"lang-{lang}", classes="-current" if lang == self.lang else None
                        )
            yield Static(self.tr("welcome_heading"), classes="heading", markup=False)
            # Above the cover letter, so the code shows without scrolling.
            yield Static(self.tr("resume_code_text", token=self.session.token), id="token", classes="para spaced", markup=False)
            intro = self.text(q.intro).strip()
            if intro:
                yield Static(intro, classes="intro", markup=False)
            # Below the cover letter, out of view at first: mounted right after the
            # first paint so the page appears sooner (bench/bench_startup.py).
            with Lazy(Vertical(id="after-intro")):
                yield Static(self.tr("anonymity_heading"), classes="subheading", markup=False)
                yield Static(self.tr("promise_text", min_group=self.app.round.min_group), id="promise", classes="para", markup=False)
                consent = self.text(q.consent).strip()
                if consent:
                    yield Static(self.tr("consent_heading"), classes="subheading", markup=False)
                    yield Static(consent, classes="para", markup=False)
                yield Static(self.tr("resume_heading"), classes="subheading", markup=False)
                with Horizontal(id="resume-row"):
                    yield Input(placeholder=self.tr("resume_placeholder"), id="resume-input", max_length=40)
                    yield ActionLink(self.tr("resume_button"), id="resume", classes="secondary")
                yield Static(self.app.resume_error_text, id="resume-error", classes="error", markup=False)

    def compose_actions(self) -> ComposeResult:
        yield ActionLink(self.tr("start_button"), id="start", classes="primary")

    def page_shown(self) -> None:
        self.query_one("#start", ActionLink).focus(scroll_visible=False)
        self.query_one("#body").scroll_home(animate=False)

    def on_action_link_pressed(self, event: ActionLink.Pressed) -> None:
        event.stop()
        link_id = event.link.id or ""
        if link_id == "start":
            self.app.start_answering()
        elif link_id == "resume":
            self._resume()
        elif link_id.startswith("lang-"):
            self.app.resume_error_text = ""
            self.app.set_language(link_id[5:])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._resume()

    def _resume(self) -> None:
        value = self.query_one("#resume-input", Input).value.strip()
        error = self.query_one("#resume-error", Static)
        if not value:
            error.update(self.tr("resume_empty"))
            return
        app = self.app
        if not draft.load(app.store, app.session, value):
            try:
                other = app.store.draft_round(value)
                if other and other != app.session.slug and app.store.get_round(other).accepting():
                    # The code belongs to another open round (several can be open at once).
                    app.resume_error_text = ""
                    app.requested_resume = value
                    app.start_round(other)
                    return
            except SurveyError:  # a busy or unreadable database: the same answer as "not found"
                pass
            app.resume_error_text = self.tr("resume_not_found")
            error.update(app.resume_error_text)
            return
        app.resume_error_text = ""
        app.notify(self.tr("resumed_notice"))
        app.start_answering()
