"""`kind: scale`: the points min..max in a row, their labels above, "can't say" apart.

One RadioSet: ←/→ (or ↑/↓) move along the row, Space or Enter chooses; "can't say"
(`dont_know: true`) is the last stop, set off from the points, and stored as DONT_KNOW.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import RadioButton, RadioSet

from survey_tui.domain.closed_input import scale_label, scale_points
from survey_tui.questionnaire.answers import DONT_KNOW
from survey_tui.tui.respondent.closed_question import ClosedQuestion


class ScalePoint(RadioButton):
    """A point of the row: the dot and its number, without the button's side blocks, so a
    0-10 scale and "can't say" fit in one row at 80 columns."""

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""


class ScaleChoice(ClosedQuestion):
    def hint_text(self) -> str:
        # "1 = very poorly · 5 = very well": every labelled point, end points first of all.
        parts = []
        for point in scale_points(self.question):
            label = scale_label(self.question, point)
            if label:
                parts.append(f"{point} = {self.text(label)}")
        return " · ".join(parts)

    def compose_control(self) -> ComposeResult:
        value = self.answers.get(self.question_id)
        self.choice_values: list = list(scale_points(self.question))
        buttons = [ScalePoint(Content(str(point)), value=value == point, classes="point") for point in self.choice_values]
        if self.question.dont_know:
            self.choice_values.append(DONT_KNOW)
            buttons.append(ScalePoint(Content(self.tr("scale_dont_know")), value=value == DONT_KNOW, classes="dont-know"))
        yield RadioSet(*buttons, id=f"choice-{self.question_id}", classes="scale")

    @property
    def control(self) -> RadioSet:
        return self.query_one(RadioSet)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.flag_missing(False)
        self.changed(self.question_id, self.choice_values[event.index])
