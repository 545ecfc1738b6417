"""Export a round in a worker, with a progress bar: any format `survey-tui export` writes.

The rules (formats, charts only with CSV, an earlier export kept unless replaced) are
survey_tui/services/exports.py's, as for the CLI; this screen asks before replacing.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, ProgressBar, Select, Static

from survey_tui.errors import SurveyError, os_reason
from survey_tui.services import exports
from survey_tui.tui.dashboard.words import translate_bindings, w


class ExportScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "export", "key_export"),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.slug = slug
        self.running = False

    def default_folder(self, fmt: str) -> str:
        return str(exports.default_folder(fmt, self.slug, self.app.results_dir))

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-box"):
            yield Static(w(self, "export_heading", slug=self.slug), markup=False)
            with Horizontal(classes="field"):
                yield Label(w(self, "export_format"))
                choices = [(w(self, f"export_fmt_{fmt}"), fmt) for fmt in exports.FORMATS]
                yield Select(choices, value=exports.DEFAULT_FORMAT, allow_blank=False, id="format")
            with Horizontal(classes="field"):
                yield Label(w(self, "export_folder"))
                yield Input(self.default_folder(exports.DEFAULT_FORMAT), id="folder")
            # Off by default, as the CLI's --charts: matplotlib is an optional part.
            yield Checkbox(w(self, "export_charts"), id="charts")
            with Horizontal(classes="buttons"):
                yield Button(w(self, "export_button"), variant="primary", id="start")
            # Hidden until an export starts: an indeterminate bar would animate as if
            # something were running.
            bar = ProgressBar(total=None, show_eta=False, id="progress")
            bar.display = False
            yield bar
            yield Static("", id="export-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = w(self, "export_sub_title", slug=self.slug)
        # The folder is what is most often changed; focused, so typing goes into it
        # (with the button focused, typed text was dropped and the default folder used).
        self.query_one("#folder", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        folder = self.query_one("#folder", Input)
        # A folder the coordinator typed stays; the suggested one follows the format.
        if folder.value in {self.default_folder(f) for f in exports.FORMATS}:
            folder.value = self.default_folder(fmt)
        charts = self.query_one("#charts", Checkbox)
        charts.disabled = fmt != "csv"
        if charts.disabled:
            charts.value = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_export()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_export()

    def action_export(self, force: bool = False) -> None:
        if self.running:
            return
        folder = self.query_one("#folder", Input).value.strip()
        if not folder:
            self.query_one("#export-status", Static).update(w(self, "export_give_folder"))
            return
        self.running = True
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#export-status", Static).update(w(self, "exporting"))
        fmt = str(self.query_one("#format", Select).value)
        self.run_export(Path(folder).expanduser(), fmt, self.query_one("#charts", Checkbox).value, force)

    @work(thread=True, exclusive=True)
    def run_export(self, folder: Path, fmt: str = "csv", charts: bool = False, force: bool = False) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.query_one("#progress", ProgressBar).update, total=max(total, 1), progress=done)

        # A connection of its own: the export's read snapshot must not share a
        # transaction with the screens' queries on the main thread.
        shared = self.app.store
        try:
            store = self.app.open_store()
            try:
                result = exports.export(store, self.slug, fmt, folder, force=force,
                                        charts=charts, progress=progress)
            finally:
                if store is not shared:
                    store.close()
        except exports.ExportExists as exc:
            self.app.call_from_thread(self._ask_replace, str(exc))
            return
        except SurveyError as exc:
            self.app.call_from_thread(self._finished, w(self, "not_exported", problem=exc), False)
            return
        except OSError as exc:
            # Named path: "Not a directory" alone does not say which part is wrong.
            where = exc.filename or folder
            self.app.call_from_thread(self._finished, w(self, "not_exported", problem=f"{where}: {os_reason(exc)}"), False)
            return
        lines = [w(self, "exported", n=result.n, folder=result.out_dir.resolve())]
        lines += [f"  {path.name}" for path in result.files]
        lines += [w(self, "warning", problem=warning) for warning in result.warnings]
        self.app.call_from_thread(self._finished, "\n".join(lines), True)

    def _ask_replace(self, problem: str) -> None:
        from survey_tui.tui.dashboard.confirm import ConfirmScreen

        self._finished(w(self, "not_exported", problem=problem), False, quiet=True)

        def answered(replace: bool | None) -> None:
            if replace:
                self.action_export(force=True)

        question = f"{w(self, 'export_replace_title')}\n\n{problem}"
        self.app.push_screen(ConfirmScreen(question, yes=w(self, "export_replace_button")), answered)

    def _finished(self, text: str, ok: bool, quiet: bool = False) -> None:
        self.running = False
        self.query_one("#export-status", Static).update(text)
        if ok:
            bar = self.query_one("#progress", ProgressBar)
            bar.update(total=bar.total or 1, progress=bar.total or 1)
            self.notify(w(self, "export_finished"))
        else:
            # The bar stops: the failure is in the status line, nothing is running.
            self.query_one("#progress", ProgressBar).display = False
            if not quiet:
                self.notify(text, severity="error", markup=False)
