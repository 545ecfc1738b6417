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
from survey_tui.sanitize import one_line


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
        Binding("ctrl+r", "compare", "Compare"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, selected: str | None = None) -> None:
        super().__init__()
        self.selected = selected

    def compose(self) -> ComposeResult:
        rounds = self.app.store.list_rounds()
        slugs = [r.slug for r in rounds]
        old, new = default_pair(rounds, self.selected)
        options = [(s, s) for s in slugs]
        yield Header()
        with Horizontal(id="compare-pickers"):
            yield Label("Earlier")
            yield Select(options, value=old if old else Select.NULL, id="old", prompt="earlier round")
            yield Label("Later")
            yield Select(options, value=new if new else Select.NULL, id="new", prompt="follow-up round")
        with VerticalScroll(id="compare-body"):
            yield Static("", id="compare-head", markup=False)
            yield DataTable(cursor_type="row", id="compare-table")
            yield Static("", id="compare-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Compare rounds"
        self.query_one("#compare-table", DataTable).add_columns(
            "Theme", "1st old", "1st new", "change", "Mean rank old", "new", "change"
        )
        self.action_compare()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.action_compare()

    def action_compare(self) -> None:
        old = self.query_one("#old", Select).value
        new = self.query_one("#new", Select).value
        head = self.query_one("#compare-head", Static)
        table = self.query_one("#compare-table", DataTable)
        notes = self.query_one("#compare-notes", Static)
        table.clear()
        notes.update("")
        if not isinstance(old, str) or not isinstance(new, str):
            head.update("Pick two rounds to compare (tab to the pickers, enter to open them).")
            return
        if old == new:
            head.update("Pick two different rounds.")
            return
        try:
            comp, old_n, new_n, _follows, titles = compare(self.app.store, old, new)
        except SurveyError as exc:
            head.update(f"Not compared: {exc}")
            return
        lines = [f"Comparison: {old} (n = {old_n}) -> {new} (n = {new_n})"]
        lines += relation_notes(self.app.store.list_rounds(), old, new)
        if not comp.same_questionnaire:
            lines.append("WARNING: the rounds' questionnaires differ; only matching ids are compared.")
        lines += [f"! {one_line(str(w), 200)}" for w in comp.warnings]
        head.update("\n".join(lines))
        for item in comp.items:
            # Text, not str: a DataTable reads a str cell as markup ([link=...] would be live).
            table.add_row(*map(Text, (
                one_line(str(item.get("title") or item.get("id")), 36),
                _pct(item.get("first_choice_share_old")),
                _pct(item.get("first_choice_share_new")),
                _pp(item),
                _num(item.get("mean_rank_old")),
                _num(item.get("mean_rank_new")),
                _num(item.get("mean_rank_change"), signed=True),
            )))
        notes.update(notes_text(comp, titles))


def default_pair(rounds, selected: str | None) -> tuple[str | None, str | None]:
    """(earlier, later) to compare first: the earlier is the round that is followed.

    The selected round is the later one when it follows up another, the earlier one
    when another round follows it up; otherwise it is the later one, beside any
    other round (relation_notes then says that neither follows the other).
    """
    slugs = [r.slug for r in rounds]
    if not slugs:
        return None, None
    chosen = next((r for r in rounds if r.slug == selected), rounds[-1])
    if chosen.follows in slugs:
        return chosen.follows, chosen.slug
    follow_ups = [r.slug for r in rounds if r.follows == chosen.slug]
    if follow_ups:
        return chosen.slug, follow_ups[0]
    return next((s for s in slugs if s != chosen.slug), None), chosen.slug


def relation_notes(rounds, old: str, new: str) -> list[str]:
    """Which round follows which, whenever the picked pair leaves it open to doubt."""
    by_slug = {r.slug: r for r in rounds}
    old_round, new_round = by_slug.get(old), by_slug.get(new)
    if old_round is None or new_round is None:
        return []
    if new_round.follows == old:
        others = [r.slug for r in rounds if r.follows == old and r.slug != new]
        if others:
            return [f"note: {old} is also followed up by {', '.join(others)} (pick one as Later to compare it)"]
        return []
    if old_round.follows == new:
        return [f"note: {old} follows up {new}, so changes here run backwards in time: pick {new} as Earlier"]
    if new_round.follows:
        return [f"note: {new} follows up {new_round.follows}, not {old}"]
    return [f"note: neither round follows up the other; changes are from {old} to {new} as picked"]


def compare(store, old: str, new: str):
    """The Comparison of two rounds, as `survey-tui compare` computes it, and theme titles by id."""
    from survey_tui.summary import build_report, compare_reports, resolve_lang

    new_round = store.get_round(new)
    lang = resolve_lang(new_round.questionnaire, "en")
    old_rep = build_report(store, old, lang, answers=False)
    new_rep = build_report(store, new, lang, answers=False)
    comp = compare_reports(old_rep, new_rep, lang)
    # Keyword shifts are keyed by theme id; titles from the later round, as the CLI shows them.
    titles = {t.id: t.title for t in old_rep.themes} | {t.id: t.title for t in new_rep.themes}
    return comp, old_rep.n, new_rep.n, new_round.follows, titles


def notes_text(comp, titles: dict[str, str] | None = None) -> str:
    from survey_tui.analysis.explain import explain

    lines = [
        explain("first_choice_share", "en"),
        explain("mean_rank", "en"),
        "",
        f"Kendall's tau: {_num(comp.tau)}",
        explain("tau", "en"),
    ]
    if comp.unmatched_items:
        lines.append("Not matched (ranked items): " + ", ".join(one_line(i) for i in comp.unmatched_items))
    if comp.unmatched_questions:
        lines.append("Not matched (questions): " + ", ".join(one_line(i) for i in comp.unmatched_questions))
    shifts = []
    for tid, shift in comp.keywords.items():
        name = one_line(str((titles or {}).get(tid) or tid), 60)
        appeared = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("appeared", []))
        faded = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("faded", []))
        if appeared:
            shifts.append(f"  {name}: appeared {appeared}")
        if faded:
            shifts.append(f"  {name}: faded {faded}")
    if shifts:
        lines += ["", "Keyword changes:"] + shifts
    return "\n".join(lines)
