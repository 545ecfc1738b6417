"""The rounds table: the dashboard's home screen.

Counts refresh on a timer with cheap count queries, so responses submitted by
other processes (SSH sessions, the web server) show up without a restart.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from survey_tui.errors import SurveyError
from survey_tui.sanitize import one_line
from survey_tui.services import rounds
from survey_tui.tui.dashboard.loading import in_worker

COLUMNS = (
    # Questionnaire last: at 80 columns it may scroll off; the detail line repeats it.
    ("round", "Round"),
    ("state", "State"),
    ("opens", "Opens"),
    ("closes", "Closes"),
    ("responses", "Resp."),
    ("codes", "Codes used"),
    ("rate", "Rate"),
    ("days_left", "Left"),
    ("questionnaire", "Questionnaire"),
)


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


def close_question(effects) -> str:
    """The confirmation of `survey-tui round close`, from services.rounds.closing: closing
    deletes the round's drafts, so say how many respondents would lose what they typed."""
    n = effects.responses
    question = f"Close round {effects.round.slug} ({n} response{'' if n == 1 else 's'})?"
    question += "\nRespondents can no longer answer"
    if effects.drafts == 0:
        return question + ", and there are no unfinished drafts to delete."
    return question + f", and {effects.drafts} unfinished draft{'' if effects.drafts == 1 else 's'} will be deleted."


class RoundsScreen(Screen):
    BINDINGS = [
        Binding("n", "new_round", "New"),
        Binding("f", "follow_up", "Follow"),
        Binding("o", "set_state('open')", "Open"),
        Binding("c", "set_state('closed')", "Close"),
        Binding("k", "codes", "Codes"),
        Binding("v", "view", "View"),
        Binding("t", "themes", "Themes"),
        Binding("m", "compare", "Compare"),
        Binding("e", "export", "Export"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._statuses: dict[str, dict[str, Any]] = {}
        self._warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="rounds")
        for key, label in COLUMNS:
            table.add_column(label, key=key)
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
        if self.is_current:
            await self.refresh_rounds()

    async def refresh_rounds(self) -> None:
        try:
            # One query in a worker thread, no questionnaire parsed: every 2 seconds.
            statuses = await in_worker(self, rounds.overview, self.app.store, self.app.today())
        except SurveyError as exc:
            if not self._warned:
                self.notify(str(exc), severity="warning", markup=False)
                self._warned = True
            return
        self._warned = False
        table = self.query_one(DataTable)
        if list(statuses) != list(self._statuses):
            selected = self.selected_slug()
            table.clear()
            for slug, status in statuses.items():
                cells = row_cells(status)
                # Text, not str: a DataTable reads a str cell as markup ([link=...] would be live).
                table.add_row(*(Text(cells[key]) for key, _ in COLUMNS), key=slug)
            if selected in statuses:
                table.move_cursor(row=list(statuses).index(selected))
        else:
            for slug, status in statuses.items():
                if status != self._statuses.get(slug):
                    for key, value in row_cells(status).items():
                        # Widths follow the new text ("open" -> "closed" was cut to "close").
                        table.update_cell(slug, key, Text(value), update_width=True)
        self._statuses = statuses
        self._show_detail()

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
            detail.update("No rounds yet. Press n to create one.")
            return
        parts = [f"{slug}: {status['questionnaire']}", f"access {status['access']}", f"min group {status['min_group']}"]
        if status["follows"]:
            parts.append(f"follows {status['follows']}")
        reason = status["not_accepting"]
        parts.append("accepting responses" if reason is None else f"not accepting: {reason}")
        detail.update(" · ".join(parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_view()

    # ------------------------------------------------------------------ actions

    def _need_round(self) -> str | None:
        slug = self.selected_slug()
        if slug is None:
            self.notify("No round selected. Press n to create one.", severity="warning")
        return slug

    def action_new_round(self) -> None:
        from survey_tui.tui.dashboard.launch_form import LaunchForm

        self.app.push_screen(LaunchForm(), self._launched)

    def action_follow_up(self) -> None:
        from survey_tui.tui.dashboard.launch_form import LaunchForm

        slug = self._need_round()
        if slug:
            self.app.push_screen(LaunchForm(follows=slug), self._launched)

    async def _launched(self, slug: str | None) -> None:
        if slug:
            await self.refresh_rounds()
            table = self.query_one(DataTable)
            table.move_cursor(row=list(self._statuses).index(slug))
            reason = self._reason_once_open(slug)
            if reason:
                self.notify(f"Round {slug} created (draft), but it will not accept answers: {reason}.", severity="warning", markup=False)
            else:
                self.notify(f"Round {slug} created (draft). Press o to open it.", markup=False)

    def action_set_state(self, state: str) -> None:
        from survey_tui.tui.dashboard.confirm import ConfirmScreen

        slug = self._need_round()
        if not slug:
            return
        current = self._statuses[slug]["state"]
        if current == state:
            self.notify(f"Round {slug} is already {state}.", markup=False)
            return
        try:
            if state == "open":  # refused as `survey-tui round open` refuses (services.rounds)
                problem = self.app.store.get_round(slug).cannot_open(self.app.today())
                if problem:
                    self.notify(f"Not opened: {problem}.", severity="error", markup=False)
                    return
                question = f"Open round {slug}?"
                reason = rounds.not_accepting_once_open(self.app.store, slug, self.app.today())
                if reason:
                    question += f"\nWarning: it will not accept answers: {reason}."
            else:
                question, reason = close_question(rounds.closing(self.app.store, slug)), None
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
                self.notify(f"Round {slug} is now open but not accepting answers: {reason}.", severity="warning", markup=False)
            else:
                self.notify(f"Round {slug} is now {state}.", markup=False)

        self.app.push_screen(ConfirmScreen(question, yes="Open" if state == "open" else "Close"), done)

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
