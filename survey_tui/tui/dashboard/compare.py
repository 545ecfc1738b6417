"""Compare two rounds: first-choice shares, mean ranks, Kendall's tau, keyword shifts.

The same computation as `survey-tui compare`; a round below its minimum group size
is not compared at all (the message says which and why).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from survey_tui.errors import SurveyError
from survey_tui.report_compare import category_cell, category_change_lines, chance_lines, counted_shares
from survey_tui.report_strings import t
from survey_tui.sanitize import one_line
from survey_tui.services.compare import compare as compare_rounds, default_pair, links as compare_links
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.words import translate_bindings, w


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def _pp(item: dict) -> str:
    # The difference of the two percentages as shown, so the row adds up (as `survey-tui compare`).
    from survey_tui.report_strings import shown_points

    points = shown_points(item.get("first_choice_share_old"), item.get("first_choice_share_new"))
    return "-" if points is None else f"{points:+.0f} pp"


class CompareScreen(Screen):
    BINDINGS = [
        Binding("ctrl+r", "compare", "key_compare"),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, selected: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.selected = selected
        self._filling = False  # True while on_mount fills the pickers (those are not picks)

    def compose(self) -> ComposeResult:
        # The pickers are filled in on_mount, from a worker: no database work in compose.
        yield Header()
        with Horizontal(id="compare-pickers"):
            yield Label(w(self, "compare_earlier"))
            yield Select([], id="old", prompt=w(self, "compare_earlier_prompt"))
            yield Label(w(self, "compare_later"))
            yield Select([], id="new", prompt=w(self, "compare_later_prompt"))
        with VerticalScroll(id="compare-body"):
            yield Static("", id="compare-head", markup=False)
            yield DataTable(cursor_type="row", id="compare-table")
            yield Static("", id="compare-notes", markup=False)
            # The content analysis's categories, shown only when either round is coded.
            yield Static("", id="compare-categories-head", markup=False)
            yield DataTable(cursor_type="row", id="compare-categories")
            yield Static("", id="compare-categories-notes", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = w(self, "compare_sub_title")
        self.query_one("#compare-table", DataTable).add_columns(*(w(self, f"compare_col_{key}") for key in (
            "theme", "first_old", "first_new", "change", "mean_old", "mean_new", "change")))
        rounds = await in_worker(self, compare_links, self.app.store)
        old, new = default_pair(rounds, self.selected)
        options = [(r.slug, r.slug) for r in rounds]
        self._filling = True  # the values set below are not picks: compare once, after
        for picker, value in ((self.query_one("#old", Select), old), (self.query_one("#new", Select), new)):
            picker.set_options(options)
            if value:
                picker.value = value
        self.call_after_refresh(self._filled)

    async def _filled(self) -> None:
        self._filling = False
        await self.action_compare()

    async def on_select_changed(self, event: Select.Changed) -> None:
        if not self._filling:
            await self.action_compare()

    async def action_compare(self) -> None:
        old = self.query_one("#old", Select).value
        new = self.query_one("#new", Select).value
        head = self.query_one("#compare-head", Static)
        table = self.query_one("#compare-table", DataTable)
        notes = self.query_one("#compare-notes", Static)
        table.clear()
        notes.update("")
        for widget in self.query("#compare-categories-head, #compare-categories, #compare-categories-notes"):
            widget.display = False  # until a comparison with categories is shown
        if not isinstance(old, str) or not isinstance(new, str):
            head.update(w(self, "compare_pick_two"))
            return
        if old == new:
            head.update(w(self, "compare_pick_different"))
            return
        try:
            # Two reports with keyword counts: read in a worker, never on the event loop.
            view = await in_worker(self, compare_rounds, self.app.store, old, new, self.app.lang)
        except SurveyError as exc:
            head.update(w(self, "not_compared", problem=exc))
            return
        comp = view.comparison
        lines = [w(self, "comparison", old=old, old_n=view.old.n, new=new, new_n=view.new.n)]
        note = view.relation.note(view.lang)
        if note:
            lines.append(note)
        if not comp.same_questionnaire:
            lines.append(t(view.lang, "compare_questionnaires_differ"))
        lines += [f"! {one_line(str(w), 200)}" for w in comp.warnings]
        lines += [f"{one_line(slug)}: {one_line(n, 200)}" for slug, n in view.release_notes()]
        head.update("\n".join(lines))
        for item in comp.items:
            # Text, not str: a DataTable reads a str cell as markup ([link=...] would be live).
            table.add_row(*map(Text, (
                one_line(str(item.get("title") or item.get("id")), 36),
                *counted_shares(item, view.lang),  # each share with its count and interval
                _pp(item),
                _num(item.get("mean_rank_old")),
                _num(item.get("mean_rank_new")),
                _num(item.get("mean_rank_change"), signed=True),
            )))
        notes.update(notes_text(comp, view.titles, self.app.lang, chance_lines(view)))
        self._show_categories(view)

    def _show_categories(self, view) -> None:
        """Per category, each round's count of the answers to its theme with its share and
        interval (hidden counts as "fewer than N"), then each change: the CLI's layout."""
        head = self.query_one("#compare-categories-head", Static)
        table = self.query_one("#compare-categories", DataTable)
        notes = self.query_one("#compare-categories-notes", Static)
        table.clear(columns=True)
        shown = bool(view.categories)
        for widget in (head, table, notes):
            widget.display = shown
        if not shown:
            return
        lang = view.lang
        head.update(t(lang, "compare_categories"))
        table.add_columns(*map(Text, (t(lang, "compare_col_category"), one_line(view.old.slug, 20),
                                      one_line(view.new.slug, 20))))
        for row in view.categories:
            table.add_row(*map(Text, (one_line(row.name, 40), category_cell(row, "old", lang),
                                      category_cell(row, "new", lang))))
        notes.update("\n".join(category_change_lines(view)))


def notes_text(comp, titles: dict[str, str] | None = None, lang: str = "en", chance: list[str] = ()) -> str:
    """The notes below the table: each change with its counts, interval or p and words
    (`chance`: report_compare.chance_lines), the explanations, tau and keyword shifts."""
    from survey_tui.analysis.explain import explain

    lines = [*chance, *([""] if chance else [])]
    lines += [
        explain("first_choice_share", lang),
        explain("mean_rank", lang),
        "",
        f"{t(lang, 'compare_tau')}: {_num(comp.tau)}",
        explain("tau", lang),
    ]
    if comp.unmatched_items:
        lines.append(t(lang, "compare_unmatched_items") + ": " + ", ".join(one_line(i) for i in comp.unmatched_items))
    if comp.unmatched_questions:
        lines.append(t(lang, "compare_unmatched_questions") + ": " + ", ".join(one_line(i) for i in comp.unmatched_questions))
    shifts = []
    for tid, shift in comp.keywords.items():
        name = one_line(str((titles or {}).get(tid) or tid), 60)
        appeared = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("appeared", []))
        faded = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("faded", []))
        if appeared:
            shifts.append(f"  {name}: {t(lang, 'compare_appeared')} {appeared}")
        if faded:
            shifts.append(f"  {name}: {t(lang, 'compare_faded')} {faded}")
    if shifts:
        lines += ["", t(lang, "compare_keyword_changes")] + shifts
    return "\n".join(lines)
