"""`kind: multiple`: any number of options (a CheckSet of checkboxes), with `other: true` a
short text that counts as one more choice.

`max` is enforced as the respondent chooses: a choice past it is taken back and the
problem line says why (never silently). `min` is checked when moving on (Session.
answer_problems), since the respondent may still be choosing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from survey_tui.domain.closed_input import choice_hint, options_in, other_limit
from survey_tui.questionnaire.answers import chosen, is_empty, other_key
from survey_tui.sanitize import clean_input
from survey_tui.tui.respondent.check_set import CheckSet
from survey_tui.tui.respondent.closed_question import ClosedQuestion
from survey_tui.tui.respondent.wrapping_toggle import WrappingCheckbox


class MultipleChoice(ClosedQuestion):
    def hint_text(self) -> str:
        hint = choice_hint(self.question)
        return self.tr(hint[0], **hint[1]) if hint else ""

    def compose_control(self) -> ComposeResult:
        picked = set(chosen(self.question, self.answers.get(self.question_id)))
        # Titles from the questionnaire file: literal Content, never markup.
        boxes = [WrappingCheckbox(Content(self.text(o.title)), value=o.id in picked) for o in self.options]
        yield CheckSet(*boxes, id=f"choice-{self.question_id}")
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
    def control(self) -> CheckSet:
        return self.query_one(CheckSet)

    @property
    def selected(self) -> list[str]:
        """The option ids chosen, in the questionnaire's order."""
        return options_in(self.question, [self.options[n].id for n in self.control.checked])

    def _count(self) -> int:
        other = self.query(".other")
        return len(self.control.checked) + (1 if other and not is_empty(other.first(Input).value) else 0)

    def on_check_set_toggled(self, event: CheckSet.Toggled) -> None:
        event.stop()
        maximum = self.question.maximum
        if event.value and maximum is not None and self._count() > maximum:
            event.check_set.set_value(event.index, False)
            self.show_problem(("choices_too_many", {"max": maximum}))
            return
        self._report()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed(other_key(self.question_id), clean_input(event.value))
        self._report(send=False)

    def _report(self, send: bool = True) -> None:
        if send:
            self.changed(self.question_id, self.selected)
        count = self._count()
        if count:
            self.flag_missing(False)
        maximum = self.question.maximum
        if maximum is not None and count > maximum:
            self.show_problem(("choices_too_many", {"max": maximum}))
        elif self.has_class("-problem"):
            low = self.question.minimum
            too_few = low is not None and 0 < count < low
            self.show_problem(("choices_too_few", {"min": low, "count": count}) if too_few else None)
