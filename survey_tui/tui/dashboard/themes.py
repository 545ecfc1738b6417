"""Theme browser: the answers to each question, keywords, and coordinator coding.

Answers are respondent text: cleaned with clean_text and shown with markup off.
Their order is shuffled once per visit (with the app's random source) so the
screen never hints at submission order, and stays put while coding.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.errors import SurveyError
from survey_tui.sanitize import clean_text, one_line
from survey_tui.services import tags
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.round_common import dashboard_lang, results_state
from survey_tui.tui.dashboard.words import lang_of, translate_bindings, w


class ThemesScreen(Screen):
    BINDINGS = [
        Binding("a", "attach", "key_add_tag"),
        Binding("x", "remove", "key_remove_tag"),
        Binding("tab", "app.focus_next", "key_next_pane", show=False),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.ui_lang = lang_of(self)  # the dashboard's; the questionnaire's texts follow it when they can
        self.slug = slug
        self.question_id: str | None = None
        self._answers: dict[str, list[dict]] = {}
        self._theme_keywords: dict[str, tuple] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        # Filled once the round is read in a worker thread (on_mount): never in compose.
        yield Vertical(Static(w(self, "reading_answers"), id="loading", markup=False), id="themes-body")
        yield Footer(compact=True)

    def _load(self):
        """In a worker thread: the round, and what the sealing rule lets this view show."""
        rnd = self.app.store.get_round(self.slug)
        release, withheld = results_state(self.app, self.slug)
        keywords = None
        if withheld is None:
            self.round, self.lang = rnd, dashboard_lang(rnd.questionnaire, self.ui_lang)
            keywords = self._keywords()
        return rnd, release, withheld, keywords

    def _widgets(self) -> list:
        if self.withheld is not None:
            return [Static(self.withheld, id="too-few", markup=False)]
        return [Horizontal(
            OptionList(*self._question_options(), markup=False, id="questions"),
            Vertical(Static("", id="prompt", markup=False), OptionList(markup=False, id="answers"), id="answers-pane"),
            VerticalScroll(Static("", id="keywords", markup=False), Static("", id="tag-counts", markup=False), id="side"),
            id="themes",
        )]

    def _question_options(self) -> list[Option]:
        q = self.round.questionnaire
        options: list[Option] = []
        for theme in q.themes:
            # Whole (the list wraps it): a cut at 60 lost the end of the longer shipped titles.
            options.append(Option(Text(one_line(q.text(theme.title, self.lang), 200), style="bold"), disabled=True))
            # Free-text answers only: closed questions' figures are the round view's (key 4).
            for question in theme.questions:
                if question.is_open:
                    options.append(Option(Text(f"  {question.id}"), id=question.id))
        return options

    async def on_mount(self) -> None:
        self.sub_title = w(self, "themes_sub_title", slug=self.slug)
        self.round, release, self.withheld, _keywords = await in_worker(self, self._load)
        self.held = release.held if release is not None else 0
        self.count = release.released if release is not None else 0
        self.lang = dashboard_lang(self.round.questionnaire, self.ui_lang)
        await self.query_one("#loading", Static).remove()
        await self.query_one("#themes-body", Vertical).mount_all(self._widgets())
        self.refresh_bindings()
        if self.withheld is not None:
            return
        questions = self.query_one("#questions", OptionList)
        first = next((i for i, opt in enumerate(questions.options) if not opt.disabled), None)
        if first is not None:
            questions.highlighted = first
            self.show_question(questions.options[first].id)
        self.query_one("#answers", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "questions" and event.option.id:
            self.show_question(event.option.id)

    # ------------------------------------------------------------------ data

    def answers_for(self, qid: str) -> list[dict]:
        if qid not in self._answers:
            rows = self.app.store.answers(self.slug, qid)
            # Sorting first makes the shuffle depend only on the random source.
            rows.sort(key=lambda r: (r["text"], r["response_id"]))
            self.app.rng.shuffle(rows)
            self._answers[qid] = rows
        return self._answers[qid]

    def _tags(self) -> list[dict]:
        return self.app.store.answer_codes(self.slug)

    def show_question(self, qid: str, keep: int | None = None) -> None:
        self.question_id = qid
        q = self.round.questionnaire
        question = q.question(qid)
        theme = next(t for t in q.themes if question in t.questions)
        rows = self.answers_for(qid)
        self.query_one("#prompt", Static).update(
            f"{q.text(theme.title, self.lang)}\n{qid}: {q.text(question.prompt, self.lang)}\n"
            + w(self, "themes_answers", n=len(rows))
            + (w(self, "themes_held", n=self.held, min=self.round.min_group) if self.held else "")
        )
        codes = self._tags()
        by_answer: dict[str, list[str]] = {}
        for c in codes:
            if c["question_id"] == qid:
                by_answer.setdefault(c["response_id"], []).append(c["label"])
        answers = self.query_one("#answers", OptionList)
        answers.clear_options()
        for i, row in enumerate(rows):
            prompt = Text(clean_text(row["text"]).strip())
            labels = by_answer.get(row["response_id"])
            if labels:
                prompt.append("\n  " + w(self, "themes_tags") + ", ".join(one_line(label, 60) for label in labels), style="italic")
            answers.add_option(Option(prompt, id=str(i)))
            if i < len(rows) - 1:
                answers.add_option(None)
        if rows:
            answers.highlighted = min(keep or 0, len(rows) - 1) * 2 if keep is not None else 0
        self._show_counts(codes)
        self._show_keywords(theme.id, qid)

    def _show_counts(self, codes: list[dict]) -> None:
        here = Counter(c["label"] for c in codes if c["question_id"] == self.question_id)
        everywhere = Counter(c["label"] for c in codes)
        lines = [w(self, "tags_this_question")]
        lines += [f"  {one_line(label, 40)}: {n}" for label, n in sorted(here.items())] or ["  " + w(self, "tags_none_yet")]
        lines.append(w(self, "tags_whole_round"))
        lines += [f"  {one_line(label, 40)}: {n}" for label, n in sorted(everywhere.items())] or ["  " + w(self, "tags_none")]
        self.query_one("#tag-counts", Static).update("\n".join(lines))

    def _show_keywords(self, theme_id: str, qid: str) -> None:
        words = self._keywords().get(theme_id, ())
        lines = [w(self, "keywords_heading")]
        lines += [f"  {one_line(str(word), 30)}: {n}" for word, n in words] or ["  " + w(self, "keywords_none")]
        self.query_one("#keywords", Static).update("\n".join(lines) + "\n")

    def _keywords(self) -> dict[str, tuple]:
        """Theme id -> (word, answers using it); computed once per visit like the CLI report."""
        if self._theme_keywords is None:
            from survey_tui.services.results import report as build_report

            try:
                report = build_report(self.app.store, self.slug, self.lang, answers=False)
                self._theme_keywords = {t.id: tuple(t.keywords) for t in report.themes}
            except SurveyError as exc:
                self.notify(str(exc), severity="warning", markup=False)
                self._theme_keywords = {}
        return self._theme_keywords

    def selected_answer(self) -> dict | None:
        if self.question_id is None:
            return None
        answers = self.query_one("#answers", OptionList)
        index = answers.highlighted
        if index is None:
            return None
        option = answers.get_option_at_index(index)
        if option.id is None:
            return None
        return self.answers_for(self.question_id)[int(option.id)]

    # ------------------------------------------------------------------ coding

    def action_attach(self) -> None:
        from survey_tui.tui.dashboard.tag_prompt import TagPrompt

        row = self._need_answer()
        if row is None:
            return
        labels = sorted({c["label"] for c in self._tags()})

        def done(label: str | None) -> None:
            if not label:
                return
            try:
                tags.tag(self.app.store, self.slug, row["response_id"], row["question_id"], label, self.app.today())
            except SurveyError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._refresh_keep()

        self.app.push_screen(TagPrompt(w(self, "tag_put_title"), labels), done)

    def action_remove(self) -> None:
        from survey_tui.tui.dashboard.tag_prompt import TagPrompt

        row = self._need_answer()
        if row is None:
            return
        labels = sorted(
            c["label"] for c in self._tags()
            if c["response_id"] == row["response_id"] and c["question_id"] == row["question_id"]
        )
        if not labels:
            self.notify(w(self, "tag_answer_has_none"), severity="warning")
            return

        def done(label: str | None) -> None:
            if not label:
                return
            try:
                if not tags.untag(self.app.store, self.slug, row["response_id"], row["question_id"], label,
                                  self.app.today()):
                    self.notify(w(self, "tag_not_on_answer"), severity="warning")
            except SurveyError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._refresh_keep()

        self.app.push_screen(
            TagPrompt(w(self, "tag_remove_title"), labels, value=labels[0] if len(labels) == 1 else ""),
            done,
        )

    def _need_answer(self) -> dict | None:
        row = self.selected_answer()
        if row is None:
            self.notify(w(self, "select_answer_first"), severity="warning")
        return row

    def _refresh_keep(self) -> None:
        answers = self.query_one("#answers", OptionList)
        index = answers.highlighted or 0
        self.show_question(self.question_id, keep=index // 2)
        answers.focus()
