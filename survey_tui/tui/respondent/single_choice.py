"""`kind: single`: one option of a list (a RadioSet), or, with `other: true`, a short text.

The answer is EITHER an option id OR the other text (answers.py): choosing an option
empties the other field, and typing in it chooses "Other". ↑/↓ move, Space or Enter
chooses; Tab goes on to the other field and then the next question.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet

from survey_tui.domain.closed_input import other_limit
from survey_tui.questionnaire.answers import other_key
from survey_tui.sanitize import clean_input
from survey_tui.tui.respondent.closed_question import ClosedQuestion
from survey_tui.tui.respondent.wrapping_toggle import WrappingRadioButton

OTHER = "__other__"


class SingleChoice(ClosedQuestion):
    def compose_control(self) -> ComposeResult:
        value = self.answers.get(self.question_id)
        other_text = self.answers.get(other_key(self.question_id), "") if self.question.other else ""
        # Option titles come from the questionnaire file: literal Content, never markup.
        self.choice_ids = [option.id for option in self.options]
        buttons = [WrappingRadioButton(Content(self.text(o.title)), value=value == o.id) for o in self.options]
        if self.question.other:
            self.choice_ids.append(OTHER)
            buttons.append(WrappingRadioButton(Content(self.tr("choice_other_option")), value=bool(other_text) and not value))
        yield RadioSet(*buttons, id=f"choice-{self.question_id}")
        if self.question.other:
            yield Input(
                other_text,
                placeholder=self.tr("choice_other_field"),
                max_length=other_limit(self.question),
                classes="other",
                id=f"other-{self.question_id}",
            )

    @property
    def control(self) -> RadioSet:
        return self.query_one(RadioSet)

    @property
    def other_field(self) -> Input | None:
        found = self.query(".other")
        return found.first(Input) if found else None

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        picked = self.choice_ids[event.index]
        self.flag_missing(False)
        field = self.other_field
        if picked == OTHER:
            self.changed(self.question_id, None)
            self.changed(other_key(self.question_id), clean_input(field.value) if field else "")
        else:
            self.changed(self.question_id, picked)
            if field is not None:
                if field.value:
                    with field.prevent(Input.Changed):
                        field.value = ""
                self.changed(other_key(self.question_id), "")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self.changed(other_key(self.question_id), clean_input(event.value))
            return
        self.flag_missing(False)
        radio = self.control
        other_button = list(radio.query(RadioButton))[-1]
        if not other_button.value:
            other_button.value = True  # the set's highlight follows (RadioSet.Changed)
        self.changed(self.question_id, None)
        self.changed(other_key(self.question_id), clean_input(event.value))
