"""`kind: multiple`: any number of options (a SelectionList), with `other: true` a short text
that counts as one more choice.

`max` is enforced as the respondent chooses: a choice past it is taken back and the
problem line says why (never silently). `min` is checked when moving on (Session.
answer_problems), since the respondent may still be choosing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from survey_tui.domain.closed_input import choice_hint, options_in, other_limit
from survey_tui.questionnaire.answers import chosen, is_empty, other_key
from survey_tui.sanitize import clean_input
from survey_tui.tui.respondent.closed_question import ClosedQuestion


class MultipleChoice(ClosedQuestion):
    def hint_text(self) -> str:
        hint = choice_hint(self.question)
        return self.tr(hint[0], **hint[1]) if hint else ""

    def compose_control(self) -> ComposeResult:
        picked = set(chosen(self.question, self.answers.get(self.question_id)))
        # Titles from the questionnaire file: literal Content, never markup.
        selections = [Selection(Content(self.text(o.title)), o.id, o.id in picked) for o in self.options]
        yield SelectionList(*selections, id=f"choice-{self.question_id}")
        if self.question.other:
            yield Static(self.tr("choice_other_option"), classes="other-label", markup=False)
            yield Input(
                self.answers.get(other_key(self.question_id), ""),
                placeholder=self.tr("choice_other_field"),
                max_length=other_limit(self.question),
                classes="other",
                id=f"other-{self.question_id}",
            )

    @property
    def control(self) -> SelectionList:
        return self.query_one(SelectionList)

    def _count(self, selected: list[str]) -> int:
        other = self.query(".other")
        return len(selected) + (1 if other and not is_empty(other.first(Input).value) else 0)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        selections = self.control
        value = event.selection.value
        maximum = self.question.maximum
        if value in selections.selected and maximum is not None and self._count(selections.selected) > maximum:
            with selections.prevent(SelectionList.SelectedChanged):
                selections.deselect(value)
            self.show_problem(("choices_too_many", {"max": maximum}))
            return
        self._report()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed(other_key(self.question_id), clean_input(event.value))
        self._report(send=False)

    def _report(self, send: bool = True) -> None:
        selected = self.control.selected
        if send:
            self.changed(self.question_id, options_in(self.question, selected))
        count = self._count(selected)
        if count:
            self.flag_missing(False)
        maximum = self.question.maximum
        if maximum is not None and count > maximum:
            self.show_problem(("choices_too_many", {"max": maximum}))
        elif self.has_class("-problem"):
            low = self.question.minimum
            too_few = low is not None and 0 < count < low
            self.show_problem(("choices_too_few", {"min": low, "count": count}) if too_few else None)
