"""The rounds table: the dashboard's home screen.

Counts refresh on a timer with cheap count queries, so responses submitted by
other processes (SSH sessions, the web server) show up without a restart.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.geometry import Size
from textual.widgets import DataTable, Footer, Header, Static

from survey_tui.errors import SurveyError
from survey_tui.sanitize import one_line
from survey_tui.services import rounds
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.table_fit import Fit, fit_columns
from survey_tui.tui.dashboard.words import say, translate_bindings, w

COLUMNS = (
    # Questionnaire last; the round and questionnaire columns are the ones cut with "…" when
    # a narrow terminal has no room for them whole (SHRINK); the detail line repeats both.
    # The second of each pair is the header's catalog key.
    ("round", "col_round"),
    ("state", "col_state"),
    ("opens", "col_opens"),
    ("closes", "col_closes"),
    ("responses", "col_responses"),
    ("codes", "col_codes_used"),
    ("rate", "col_rate"),
    ("days_left", "col_left"),
    ("questionnaire", "col_questionnaire"),
)
SHRINK = (0, len(COLUMNS) - 1)


def days_left_cell(status: dict[str, Any]) -> str:
    # As `survey-tui status`: days are shown only while the round takes answers (the status
    # is computed with the dashboard's own "today").
    days = status["days_left"]
    return "-" if days is None or not status["accepting"] else str(days)


def row_cells(status: dict[str, Any]) -> dict[str, str]:
    rate = status["response_rate"]
    issued = status["codes_issued"]
    return {
        "round": status["round"],
        "questionnaire": one_line(status["questionnaire"], 24),
        "state": status["state"],
        "opens": status["opens"] or "-",
        "closes": status["closes"] or "-",
        "responses": str(status["responses"]),
        "codes": f"{status['codes_used']}/{issued}" if issued else "-",
        "rate": f"{rate:.0%}" if rate is not None else "-",
        "days_left": days_left_cell(status),
    }


def close_question(effects, lang: str = "en") -> str:
    """The confirmation of `survey-tui round close`, from services.rounds.closing: closing
    deletes the round's drafts, so say how many respondents would lose what they typed."""
    question = say(lang, "close_question", slug=effects.round.slug, n=effects.responses)
    if effects.drafts == 0:
        return question + say(lang, "no_drafts_deleted")
    return question + say(lang, "drafts_deleted", n=effects.drafts)


class RoundsScreen(Screen):
    BINDINGS = [
        Binding("n", "new_round", "key_new"),
        Binding("f", "follow_up", "key_follow"),
        Binding("o", "set_state('open')", "key_open"),
        Binding("c", "set_state('closed')", "key_close"),
        Binding("k", "codes", "key_codes"),
        Binding("v", "view", "key_view"),
        Binding("t", "themes", "key_themes"),
        Binding("m", "compare", "key_compare"),
        Binding("e", "export", "key_export"),
        Binding("q", "app.quit", "key_quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self._statuses: dict[str, dict[str, Any]] = {}
        self._warned = False
        self._seen: tuple | None = None
        self._fit: Fit | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="rounds")
        for key, label in COLUMNS:  # sized to the screen once the rounds are read (_build)
            table.add_column(w(self, label), key=key)
        yield table
        yield Static("", id="round-detail", markup=False)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        await self.refresh_rounds()
        self.set_interval(self.app.refresh_seconds, self._tick)

    async def on_screen_resume(self) -> None:
        await self.refresh_rounds()

    # ------------------------------------------------------------------ data

    async def _tick(self) -> None:
        # Only while visible; on_screen_resume catches up when the coordinator comes back.
        # And only when another process committed or the day changed ("days left"): an
        # idle dashboard costs one PRAGMA every 2 seconds, not a query per round.
        if not self.is_current:
            return
        seen = (self.app.store.data_version(), self.app.today())
        if seen == self._seen:
            return
        await self.refresh_rounds()

    async def refresh_rounds(self) -> None:
        self._seen = (self.app.store.data_version(), self.app.today())
        try:
            # One query in a worker thread, no questionnaire parsed: every 2 seconds.
            statuses = await in_worker(self, rounds.overview, self.app.store, self.app.today())
        except SurveyError as exc:
            if not self._warned:
                self.notify(str(exc), severity="warning", markup=False)
                self._warned = True
            return
        self._warned = False
        self._show(statuses)

    def _show(self, statuses: dict[str, dict[str, Any]], size: Size | None = None) -> None:
        table = self.query_one(DataTable)
        fit = self._fit_for(statuses, size or self.size)
        if list(statuses) != list(self._statuses) or fit != self._fit:
            self._build(table, statuses, fit)
        else:
            for slug, status in statuses.items():
                if status != self._statuses.get(slug):
                    cells = row_cells(status)
                    for i, (key, _label) in enumerate(COLUMNS):
                        # A cell that needs other widths ("open" -> "closed") changes the fit
                        # and the table is rebuilt above; here the widths stay.
                        table.update_cell(slug, key, Text(fit.cell(i, cells[key])), update_width=True)
        self._statuses = statuses
        self._show_detail()

    def _fit_for(self, statuses: dict[str, dict[str, Any]], size: Size) -> Fit:
        """Widths that keep every column on screen (table_fit): at 80 columns the headers
        wrap and the round and questionnaire columns are cut before a column is lost."""
        headers = [w(self, label) for _key, label in COLUMNS]
        rows = [[row_cells(status)[key] for key, _label in COLUMNS] for status in statuses.values()]
        room = size.width or self.app.size.width
        # Header, title bar, detail lines and footer: the rows left for the table.
        if len(rows) + 2 > (size.height or self.app.size.height) - 6:
            room -= self.query_one(DataTable).styles.scrollbar_size_vertical
        return fit_columns(headers, rows, room, shrink=SHRINK)

    def _build(self, table: DataTable, statuses: dict[str, dict[str, Any]], fit: Fit) -> None:
        selected = self.selected_slug()
        table.clear(columns=True)
        table.cell_padding = fit.padding
        table.header_height = fit.header_height
        for i, (key, label) in enumerate(COLUMNS):
            table.add_column(Text(fit.header(i, w(self, label))), width=fit.column_width(i), key=key)
        for slug, status in statuses.items():
            cells = row_cells(status)
            # Text, not str: a DataTable reads a str cell as markup ([link=...] would be live).
            table.add_row(*(Text(fit.cell(i, cells[key])) for i, (key, _label) in enumerate(COLUMNS)), key=slug)
        if selected in statuses:
            table.move_cursor(row=list(statuses).index(selected))
        self._fit = fit

    def on_resize(self, event: events.Resize) -> None:
        if self._fit is not None:  # once the rounds are read (refresh_rounds)
            self._show(self._statuses, event.size)

    def selected_slug(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return key.value

    def _show_detail(self) -> None:
        detail = self.query_one("#round-detail", Static)
        slug = self.selected_slug()
        status = self._statuses.get(slug or "")
        if status is None:
            detail.update(w(self, "no_rounds"))
            return
        parts = [f"{slug}: {status['questionnaire']}", w(self, "detail_access", access=status["access"]),
                 w(self, "detail_min_group", n=status["min_group"])]
        if status["follows"]:
            parts.append(w(self, "detail_follows", slug=status["follows"]))
        reason = status["not_accepting"]
        parts.append(w(self, "detail_accepting") if reason is None else w(self, "detail_not_accepting", reason=reason))
        detail.update(" · ".join(parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_view()

    # ------------------------------------------------------------------ actions

    def _need_round(self) -> str | None:
        slug = self.selected_slug()
        if slug is None:
            self.notify(w(self, "no_round_selected"), severity="warning")
        return slug

    def action_new_round(self) -> None:
        from survey_tui.tui.dashboard.launch_form import LaunchForm

        self.app.push_screen(LaunchForm(rounds.defaults(self.app.store)), self._launched)  # no lookup

    async def action_follow_up(self) -> None:
        from survey_tui.tui.dashboard.launch_form import LaunchForm

        slug = self._need_round()
        if slug:
            # The followed round's settings and questionnaire, read in a worker.
            base = await in_worker(self, rounds.defaults, self.app.store, slug)
            self.app.push_screen(LaunchForm(base, follows=slug), self._launched)

    async def _launched(self, slug: str | None) -> None:
        if slug:
            await self.refresh_rounds()
            table = self.query_one(DataTable)
            table.move_cursor(row=list(self._statuses).index(slug))
            reason = self._reason_once_open(slug)
            if reason:
                self.notify(w(self, "created_not_accepting", slug=slug, reason=reason), severity="warning", markup=False)
            else:
                self.notify(w(self, "created_draft", slug=slug), markup=False)

    def action_set_state(self, state: str) -> None:
        from survey_tui.tui.dashboard.confirm import ConfirmScreen

        slug = self._need_round()
        if not slug:
            return
        current = self._statuses[slug]["state"]
        if current == state:
            self.notify(w(self, f"already_{state}", slug=slug), markup=False)
            return
        try:
            if state == "open":  # refused as `survey-tui round open` refuses (services.rounds)
                problem = self.app.store.get_round(slug).cannot_open(self.app.today())
                if problem:
                    self.notify(w(self, "not_opened", problem=problem), severity="error", markup=False)
                    return
                question = w(self, "open_question", slug=slug)
                reason = rounds.not_accepting_once_open(self.app.store, slug, self.app.today())
                if reason:
                    question += w(self, "open_warning", reason=reason)
            else:
                question, reason = close_question(rounds.closing(self.app.store, slug), self.app.lang), None
        except SurveyError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return

        async def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                if state == "open":
                    rounds.open_round(self.app.store, slug, self.app.today())
                else:
                    rounds.close_round(self.app.store, slug)
            except SurveyError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            await self.refresh_rounds()
            if reason:
                self.notify(w(self, "now_open_not_accepting", slug=slug, reason=reason), severity="warning", markup=False)
            else:
                self.notify(w(self, f"now_{state}", slug=slug), markup=False)

        self.app.push_screen(ConfirmScreen(question, yes=w(self, "key_open" if state == "open" else "key_close")), done)

    def _reason_once_open(self, slug: str) -> str | None:
        """Why the round would still not accept answers once opened (past closing date, not open yet)."""
        try:
            return rounds.not_accepting_once_open(self.app.store, slug, self.app.today())
        except SurveyError:
            return None

    def action_codes(self) -> None:
        from survey_tui.tui.dashboard.codes import CodesScreen

        slug = self._need_round()
        if slug:
            self.app.push_screen(CodesScreen(slug))

    def action_view(self) -> None:
        from survey_tui.tui.dashboard.round_view import RoundViewScreen

        slug = self._need_round()
        if slug:
            self.app.push_screen(RoundViewScreen(slug))

    def action_themes(self) -> None:
        from survey_tui.tui.dashboard.themes import ThemesScreen

        slug = self._need_round()
        if slug:
            self.app.push_screen(ThemesScreen(slug))

    def action_compare(self) -> None:
        from survey_tui.tui.dashboard.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.selected_slug()))

    def action_export(self) -> None:
        from survey_tui.tui.dashboard.export import ExportScreen

        slug = self._need_round()
        if slug:
            self.app.push_screen(ExportScreen(slug))
