"""The dashboard app and its factory.

The app holds what every screen needs: the Store, the date used for "days left"
(injectable so snapshots do not depend on the day they run), the random source
that shuffles answers (injectable for the same reason) and the results folder.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Callable

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from survey_tui.store import Store
from survey_tui.tui import byte_guard, paste_guard

REFRESH_SECONDS = 2.0

paste_guard.install()  # pasted answer labels and form values stay text
byte_guard.install()  # a Latin-1 terminal's bytes do not end the app


class DashboardApp(App):
    CSS_PATH = "dashboard.tcss"
    TITLE = "survey-tui dashboard"
    # Every action has a key shown in the footer; the palette would only repeat them
    # and take footer room needed at 80 columns.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "key_quit", show=False, priority=True),
        # Priority, unlike Textual's own Screen bindings: a non-priority Tab is first sent
        # to the focused field and only moves the focus once it has bubbled back up, by
        # which time the keys typed after it have already been sent to the old field
        # ("talvi" Tab Tab "2026-12-20" in one burst all landed in the round name).
        # A priority binding runs as the key arrives, so the next key finds the new field.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: dt.date | Callable[[], dt.date] | None = None,
        rng: random.Random | None = None,
        results_dir: str | Path = "results",
        refresh_seconds: float = REFRESH_SECONDS,
        lang: str = "en",
    ) -> None:
        from survey_tui.i18n import LANGUAGES
        from survey_tui.tui.dashboard.words import say, translate_bindings

        super().__init__()
        # The coordinator's language (fi, sv or en): every screen's words and footer keys.
        self.lang = lang if lang in LANGUAGES else "en"
        from survey_tui.i18n import set_coordinator_lang

        set_coordinator_lang(self.lang)  # errors raised by the use cases speak it too
        self.title = say(self.lang, "app_title")
        translate_bindings(self, self.lang)
        self.store = store
        self._today = today
        self.rng = rng or random.Random()
        self.results_dir = Path(results_dir)
        self.refresh_seconds = refresh_seconds

    def open_store(self) -> Store:
        """Another connection to the same database (a worker's own read snapshot), or the
        shared one for a database in memory. The dashboard's one wiring place."""
        if self.store.path == ":memory:":
            return self.store
        return Store(self.store.path)

    def today(self) -> dt.date:
        if self._today is None:
            return dt.date.today()
        if isinstance(self._today, dt.date):
            return self._today
        return self._today()

    def get_default_screen(self) -> Screen:
        from survey_tui.tui.dashboard.rounds import RoundsScreen

        return RoundsScreen()


def make_dashboard(store: Store, **options) -> DashboardApp:
    """The dashboard for `store`; options: today, rng, results_dir, refresh_seconds, lang."""
    return DashboardApp(store, **options)
