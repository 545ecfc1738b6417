"""`survey-tui answer` (respondents) and `survey-tui demo` (try it with no setup).

Textual and questionary are imported only inside the commands, and only the one used.
"""

from __future__ import annotations

import click

from survey_tui.cli.common import get_store
from survey_tui.i18n import LANGUAGES

DEMO_ROUND = "demo"
DEMO_QUESTIONNAIRE = "kela-sosiaalitoimi"

_lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=None, help="Interface and questionnaire language."
)
_plain_option = click.option(
    "--plain", is_flag=True, help="Line-by-line prompts (screen readers, simple terminals, scripts)."
)


@click.command()
@click.option("--round", "round_slug", metavar="SLUG", help="The round to answer (default: the open one).")
@click.option("--code", metavar="CODE", help="Your one-time code, if the survey uses codes.")
@_lang_option
@_plain_option
@click.option("--resume", metavar="CODE", help="Continue an unfinished answer with its resume code.")
@click.pass_context
def answer(ctx: click.Context, round_slug, code, lang, plain, resume) -> None:
    """Answer a survey round in the terminal."""
    from survey_tui.errors import NotFound
    from survey_tui.i18n import guess_lang, round_unavailable, t
    from survey_tui.sanitize import one_line

    ui_lang = lang or guess_lang(LANGUAGES)
    try:
        store = get_store(ctx)
    except NotFound:  # no database at the given path: for a respondent, simply no survey
        _refuse(ctx, t(ui_lang, "no_open_rounds"))
    if round_slug is None and resume:
        # The resume code knows its round: no chooser, and no other round's "unknown code".
        round_slug = store.draft_round(resume)
    if round_slug is None:
        rounds = store.accepting_rounds()
        if not rounds:
            _refuse(ctx, t(ui_lang, "no_open_rounds"))
        if len(rounds) == 1:
            round_slug = rounds[0].slug
        elif plain:
            from survey_tui.plain import choose_round

            round_slug = choose_round(rounds, ui_lang)
    else:
        try:
            rnd = store.get_round(round_slug)
        except NotFound:
            _refuse(ctx, t(ui_lang, "round_unknown", slug=one_line(round_slug, 64)))
        reason = round_unavailable(ui_lang, rnd)
        if reason:
            _refuse(ctx, reason)
    ctx.exit(_run(store, round_slug, lang=lang, code=code, resume=resume, plain=plain))


@click.command()
@_lang_option
@_plain_option
@click.pass_context
def demo(ctx: click.Context, lang, plain) -> None:
    """Create the demo round of the shipped questionnaire (if missing) and answer it."""
    from survey_tui.errors import NotFound
    from survey_tui.i18n import guess_lang, round_unavailable
    from survey_tui.questionnaire import load_shipped

    store = get_store(ctx)
    try:
        rnd = store.get_round(DEMO_ROUND)
    except NotFound:
        rnd = store.create_round(DEMO_ROUND, load_shipped(DEMO_QUESTIONNAIRE), state="open", access="open")
    reason = round_unavailable(lang or guess_lang(LANGUAGES), rnd)
    if reason:
        _refuse(ctx, reason)
    ctx.exit(_run(store, DEMO_ROUND, lang=lang, code=None, resume=None, plain=plain))


def _refuse(ctx: click.Context, message: str) -> None:
    """Why a respondent cannot answer, as one line in their language, then exit 1.

    Not a SurveyError: the CLI would put an English "Error:" in front of it.
    """
    click.echo(message, err=True)
    ctx.exit(1)


def _has_terminal() -> bool:
    """A person at a terminal (or `survey-tui serve`'s web driver, which needs none)."""
    import os
    import sys

    return (sys.stdin.isatty() and sys.stdout.isatty()) or bool(os.environ.get("TEXTUAL_DRIVER"))


def _run(store, slug, *, lang, code, resume, plain) -> int:
    if not plain and not _has_terminal():
        # The full-screen app without a terminal (ssh host without -t, a pipe, cron) would
        # spin on its empty input forever; line-by-line prompts end at the end of input.
        from survey_tui.i18n import guess_lang, t

        click.echo(t(lang or guess_lang(LANGUAGES), "no_terminal_plain"), err=True)
        plain = True
    if plain:
        from survey_tui.plain import run_plain

        return run_plain(store, slug, lang=lang, code=code, resume=resume)
    from survey_tui.tui.respondent.app import make_app

    app = make_app(store, slug, lang=lang, code=code, resume=resume)
    stop = _StopOnTerm(app)
    app.run()
    if stop.requested:
        return stop.after_run()
    return after_run(app)


class _StopOnTerm:
    """SIGTERM, and for `survey-tui serve` a lost web connection, end the app like a closed terminal.

    The draft is kept and the process exits soon, whatever the app is doing: `serve` sends
    SIGTERM when a browser session ends (closed tab, dropped network, idle timeout, server
    stop) and SIGKILL a few seconds later, and systemd or an operator may send it too.
    Textual's web driver turns SIGTERM into a quit request that a busy app may never read,
    so the handler is installed after the driver has started (replacing the driver's) and a
    watchdog thread saves the draft and ends the process if the app has not ended in time.
    """

    GRACE = 2.5  # seconds for the app to end by itself; serve's SIGKILL comes later

    def __init__(self, app) -> None:
        import threading

        self.app = app
        self.requested = False
        self._loop = None
        self._finishing = threading.Event()  # the app has ended; the main thread keeps the draft
        self._done = threading.Event()
        self._lock = threading.Lock()
        stopper = self
        base = app.driver_class

        class StoppingDriver(base):
            def start_application_mode(self) -> None:
                import asyncio
                import signal

                super().start_application_mode()
                stopper._loop = asyncio.get_running_loop()
                signal.signal(signal.SIGTERM, lambda _sig, _frame: stopper.request())

            def run_input_thread(self) -> None:
                super().run_input_thread()
                # The web driver's input ends at EOF too: serve closed the pipe or is gone.
                if getattr(self, "exit_event", None) is not None and not self.exit_event.is_set():
                    stopper.request()

        app.driver_class = StoppingDriver

    def request(self) -> None:
        """From the signal handler (main thread) or the input thread: ask the app to end."""
        import threading

        with self._lock:
            if self.requested:
                return
            self.requested = True
        try:
            self._loop.call_soon_threadsafe(self.app.exit)
        except (AttributeError, RuntimeError):  # the loop is already closed: the app is ending anyway
            pass
        threading.Thread(target=self._watchdog, name="sigterm-watchdog", daemon=True).start()

    def _watchdog(self) -> None:
        import os

        if self._done.wait(self.GRACE):
            return
        if self._finishing.is_set() and self._done.wait(self.GRACE):
            return
        # The app did not end (busy or stuck): keep the draft from here and end the process,
        # and end it anyway should keeping the draft itself hang (a database held by another).
        import threading

        threading.Timer(2 * self.GRACE, os._exit, args=(143,)).start()
        try:
            self.app.keep_draft_after_run()
        finally:
            os._exit(143)

    def after_run(self) -> int:
        """The app has ended after SIGTERM: keep the draft, tell a terminal user the code, 143."""
        self._finishing.set()
        try:
            if self.app.keep_draft_after_run():
                from survey_tui.i18n import t

                session = self.app.session
                click.echo(t(session.lang, "quit_draft_kept", token=session.token, slug=session.slug), err=True)
        finally:
            self._done.set()
        return 143


def after_run(app) -> int:
    """The exit status; the respondent is told how to go on after a quit or a crash that kept a draft.

    Textual ends with status 0 when its input thread fails (it only prints the error), so
    the app records that it panicked; an error in a handler gives return code 1.
    """
    failed = bool(app.return_code) or app.crashed
    if failed and app.keep_draft_after_run():
        from survey_tui.i18n import t

        session = app.session
        click.echo(t(session.lang, "crash_draft_kept", token=session.token, slug=session.slug), err=True)
    elif not failed and app.kept_on_quit:
        from survey_tui.i18n import t

        session = app.session
        click.echo(t(session.lang, "quit_draft_kept", token=session.token, slug=session.slug), err=True)
    return (app.return_code or 1) if failed else 0
