"""The respondent app: one Session, one screen per page, drafts saved as they go.

Only the welcome page is imported at start-up; the other pages are imported the first
time they are shown, which keeps `survey-tui answer` quick to paint.
"""

from __future__ import annotations

import threading

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from survey_tui.domain import session as draft
from survey_tui.domain.session import Session
from survey_tui.errors import CodeRejected
from survey_tui.services import respond
from survey_tui.tui import byte_guard, paste_guard
from survey_tui.i18n import LANGUAGES, code_error, guess_lang, t
from survey_tui.tui.respondent.keys import with_alt

DRAFT_DEBOUNCE = 1.5  # seconds of quiet typing before the draft is saved

paste_guard.install()
byte_guard.install()


class RespondentApp(App):
    CSS_PATH = "respondent.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding(with_alt("ctrl+q"), "request_quit", show=False, priority=True),
        Binding("ctrl+c", "request_quit", show=False),
        # Priority, unlike Textual's own Tab: a non-priority Tab reaches the focused field
        # first and moves the focus only after bubbling back up, so keys arriving in the same
        # burst (typeahead over a slow SSH link) landed in the field the Tab left.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        store,
        round_slug: str | None,
        *,
        lang: str | None = None,
        code: str | None = None,
        resume: str | None = None,
        token: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.round_slug = round_slug
        self.requested_lang = lang
        self.requested_code = code
        self.requested_resume = resume
        self.fixed_token = token
        self.session: Session | None = None
        self.after_code_page = "theme:0"
        self.code_error_text = ""
        self.resume_error_text = ""
        self.page = ""
        self.return_to_review = False  # a page opened from the review page offers a way back
        self._draft_timer = None
        self.draft_failed = False
        self.draft_discarded = False  # "Discard my draft" in the quit dialog: no draft is written after it
        # Quit with the draft saved: the resume code is printed after the screen is restored,
        # where it stays in the terminal's scrollback (the dialog vanishes with the app).
        self.kept_on_quit = False
        # Draft writes run in worker threads so a busy database never freezes typing;
        # the lock and sequence numbers keep an older draft from overwriting a newer
        # one and keep any draft from reappearing after the submit deleted it.
        self._draft_lock = threading.Lock()
        self._draft_seq = 0
        self._draft_written = 0
        self.submitting = False  # one submit at a time, whatever page the respondent is on
        self.crashed = False  # see panic()
        self._first_screen: Screen | None = None  # the first page, until it is on screen
        self._screens_ready = False

    # ------------------------------------------------------------ start

    @property
    def lang(self) -> str:
        if self.session is not None:
            return self.session.lang
        return self.requested_lang or guess_lang(LANGUAGES)

    def get_default_screen(self) -> Screen:
        # The welcome page is the base screen, so start-up composes and paints it directly
        # instead of an empty default screen that it is then pushed over (bench/bench_startup.py).
        # Other first pages (the round chooser, a resumed page) are pushed in on_mount as
        # before: Textual loads a screen's CSS_PATH only when it is pushed.
        if self.round_slug is not None:
            self.start_round(self.round_slug)
        if self.page == "welcome":
            screen, self._first_screen = self._first_screen, None
            return screen
        return super().get_default_screen()

    def on_mount(self) -> None:
        from survey_tui import startup

        self.call_after_refresh(startup.settle)
        if self.round_slug is None:
            from survey_tui.tui.respondent.round_chooser import RoundChooserScreen

            self.page = "chooser"
            self.push_screen(RoundChooserScreen())
        elif self._first_screen is not None:
            self.push_screen(self._first_screen)
        self._first_screen = None
        self._screens_ready = True

    def start_round(self, slug: str) -> None:
        from survey_tui.services.respond import new_resume_code as new_token

        rnd = self.store.get_round(slug)
        q = rnd.questionnaire
        self.round = rnd
        self.session = Session.begin(q, slug, self.fixed_token or new_token(), self.requested_lang)
        self.title = q.text(q.title, self.session.lang)
        first = "welcome"
        if self.requested_resume:
            if draft.load(self.store, self.session, self.requested_resume):
                first = self.session.page
                self.call_later(self.notify, t(self.lang, "resumed_notice"))
            else:
                # Also as a toast: the welcome page's own error line is far below the fold.
                self.resume_error_text = t(self.lang, "resume_not_found")
                self.call_later(self.notify, self.resume_error_text, severity="warning", timeout=12)
        if self.requested_code and rnd.access == "codes":
            try:
                self.store.check_code(slug, self.requested_code)
                self.session.code = self.requested_code
            except CodeRejected as exc:
                self.code_error_text = code_error(self.lang, exc)
        if first != "welcome" and self.needs_code():
            self.after_code_page = first
            first = "code"
        self.goto(first, save=False)

    def needs_code(self) -> bool:
        return self.round.access == "codes" and not (self.session and self.session.code)

    # ------------------------------------------------------------ navigation

    def make_screen(self, page: str) -> Screen:
        # Imported here, not at the top: only the welcome page is on the start-up path.
        if page == "welcome":
            from survey_tui.tui.respondent.welcome import WelcomeScreen

            return WelcomeScreen()
        if page == "code":
            from survey_tui.tui.respondent.code_entry import CodeEntryScreen

            return CodeEntryScreen()
        if page.startswith("theme:"):
            from survey_tui.tui.respondent.theme_page import ThemePage

            return ThemePage(int(page.split(":", 1)[1]))
        if page == "ranking":
            from survey_tui.tui.respondent.ranking import RankingScreen

            return RankingScreen()
        if page == "review":
            from survey_tui.tui.respondent.review import ReviewScreen

            return ReviewScreen()
        if page == "thanks":
            from survey_tui.tui.respondent.thanks import ThanksScreen

            return ThanksScreen()
        raise ValueError(f"unknown page {page!r}")

    def goto(self, page: str, *, save: bool = True) -> None:
        session = self.session
        if session is not None and page not in ("welcome", "code", "thanks"):
            session.page = page
            session.started = True
        if save and session is not None and session.started:
            self.save_draft()
        if page == "review" or not page.startswith(("theme:", "ranking")):
            self.return_to_review = False
        screen = self.make_screen(page)
        self.page = page
        if not self._screens_ready:
            self._first_screen = screen  # shown by get_default_screen or on_mount
        elif len(self.screen_stack) == 1:
            self.push_screen(screen)  # a default screen cannot be switched away; it stays below
        else:
            self.switch_screen(screen)

    def start_answering(self) -> None:
        """From the welcome page: the code page if needed, else where the session is."""
        session = self.session
        q = session.questionnaire
        self.title = q.text(q.title, session.lang)
        target = session.page if session.page not in ("welcome", "code") else "theme:0"
        if self.needs_code():
            self.after_code_page = target
            self.goto("code")
        else:
            self.goto(target)

    def set_language(self, lang: str) -> None:
        session = self.session
        if session is None or lang == session.lang:
            return
        session.lang = lang
        q = session.questionnaire
        self.title = q.text(q.title, lang)
        self.goto(self.page, save=session.started)

    # ------------------------------------------------------------ drafts

    def answer_changed(self, question_id: str, text: str) -> None:
        self.session.answers[question_id] = text
        self.session.started = True
        self.schedule_draft()

    def schedule_draft(self) -> None:
        """Save the draft once the respondent pauses (each keystroke restarts the wait)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DEBOUNCE, self.save_draft)

    def save_draft(self, *, wait: bool = False) -> bool:
        """Save the draft in a worker thread (or now, with wait=True, e.g. before quitting)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        session = self.session
        if session is None or session.submitted:
            return True
        self._draft_seq += 1
        seq, data = self._draft_seq, session.to_draft()
        if wait:
            ok = self._write_draft(seq, data)
            self._draft_saved(ok)
            return ok

        def work() -> None:
            ok = self._write_draft(seq, data)
            self.call_from_thread(self._draft_saved, ok)

        self.run_worker(work, thread=True, group="draft", name="draft", exit_on_error=False)
        return True

    def keep_draft_after_run(self) -> bool:
        """After the app has ended (a crash): save the answers unless the submit went through.

        Under the draft lock, like every draft write, so a submit still finishing in its
        worker thread cannot be followed by a draft of the same answers."""
        session = self.session
        if session is None or session.submitted or self.draft_discarded or not session.has_content():
            return False
        self._draft_seq += 1
        # _write_draft checks `submitted` again under the lock and then writes nothing.
        return self._write_draft(self._draft_seq, session.to_draft()) and not session.submitted

    def _write_draft(self, seq: int, data: dict) -> bool:
        session = self.session
        with self._draft_lock:
            if session.submitted or self.draft_discarded or seq <= self._draft_written:
                return True
            ok = draft.save_data(self.store, session.slug, session.token, data)
            if ok:
                self._draft_written = seq
            return ok

    def _draft_saved(self, ok: bool) -> None:
        if not ok and not self.draft_failed:
            self.notify(t(self.lang, "draft_save_failed"), severity="warning")
        self.draft_failed = not ok

    # ------------------------------------------------------------ submit

    def submit(self) -> None:
        """Store the response in a worker thread; the review page shows the outcome."""
        session = self.session
        if self.submitting or session.submitted:
            return
        self.submitting = True
        self.save_draft()

        def work() -> tuple[str, str]:
            with self._draft_lock:
                if session.submitted:
                    return "", ""
                outcome = respond.submit(self.store, session)
            return outcome.message, outcome.kind

        self.run_worker(work, thread=True, exclusive=True, group="submit", name="submit")

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        worker = event.worker
        if worker.name != "submit" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.submitting = False
        message, kind = worker.result if event.state == WorkerState.SUCCESS else (t(self.lang, "err_other", detail="?"), "Exception")
        if kind == "CodeRejected":
            self.session.code = None
            self.after_code_page = "review"
        if not message:
            self.goto("thanks", save=False)
            return
        # Keep the answers: save the draft again (closing a round deletes its drafts).
        self.save_draft()
        screen = self.screen
        if hasattr(screen, "show_submit_error"):
            screen.show_submit_error(message, kind)

    # ------------------------------------------------------------ quit

    def action_request_quit(self) -> None:
        from survey_tui.tui.respondent.quit_confirm import QuitConfirmScreen

        if isinstance(self.screen, QuitConfirmScreen):
            self.screen.action_confirm()  # a second Ctrl+Q confirms
            return
        if self.page in ("thanks", "chooser") or self.session is None or self.session.submitted:
            self.exit()
            return

        def done(quit_now: bool | None) -> None:
            if quit_now:
                if self.session.has_content():
                    self.kept_on_quit = self.save_draft(wait=True) and not self.session.submitted
                self.exit()

        self.push_screen(QuitConfirmScreen(), done)

    def discard_draft(self) -> bool | None:
        """Delete the draft now and exit, saying so (no resume code); False if the store refused.

        Under the draft lock, like every draft write: a save already running finishes first,
        and none starts after (draft_discarded), so the draft cannot reappear. None when a
        submit finished meanwhile: the answers are stored, so "discarded" would be untrue."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        session = self.session
        with self._draft_lock:
            if session.submitted:  # the submit, which held the lock, went through
                return None
            self.draft_discarded = True
            try:
                self.store.delete_draft(session.slug, session.token)  # False: none saved yet
            except Exception:  # noqa: BLE001 - a busy or unreadable database: say so, keep the dialog
                self.draft_discarded = False
                self.schedule_draft()  # the save the stopped timer would have made
                return False
        from rich.text import Text

        # Printed after the app has left the screen: plain text, not console markup.
        self.exit(message=Text(t(self.lang, "quit_discarded")))
        return True

    def action_quit(self) -> None:  # ctrl+q is rebound above; keep any other route polite
        self.action_request_quit()

    def panic(self, *renderables) -> None:
        # Textual calls this when its input thread fails and then exits with status 0;
        # remembered so the command can keep the answers and exit non-zero (cli/answer_cmd.py).
        self.crashed = True
        super().panic(*renderables)

    def action_screenshot(self, *args, **kwargs) -> None:
        """Respondents get no screenshot key: a screenshot file would hold their answers."""

    def action_help_quit(self) -> None:
        self.action_request_quit()


def make_app(
    store,
    round_slug: str | None,
    *,
    lang: str | None = None,
    code: str | None = None,
    resume: str | None = None,
    token: str | None = None,
) -> RespondentApp:
    """The respondent app for one round (or a chooser of open rounds when round_slug is None)."""
    return RespondentApp(store, round_slug, lang=lang, code=code, resume=resume, token=token)
