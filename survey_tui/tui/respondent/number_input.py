"""`kind: number`: a one-line field for a number, its bounds said above it.

Digits, a sign and a decimal point or comma only (Finnish and Swedish write 3,5). What is
typed is read by closed_input.parse_number, the same rule as --plain; a problem (not a
number, decimals where none are allowed, out of bounds) is said on the line below when
the respondent leaves the field or moves on, and cleared as soon as the entry is right.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from survey_tui.domain.closed_input import number_hint, parse_number, show_number
from survey_tui.tui.respondent.closed_question import ClosedQuestion

ALLOWED = r"[-+\u22120-9.,]*"


class NumberInput(ClosedQuestion):
    def hint_text(self) -> str:
        key, fields = number_hint(self.question)
        fields = {k: show_number(v, self.lang) for k, v in fields.items()}
        hint = self.tr(key, **fields)
        return hint + self.tr("number_decimals_hint") if self.question.decimals else hint

    def compose_control(self) -> ComposeResult:
        value = self.answers.get(self.question_id)
        shown = "" if value is None else show_number(value, self.lang)
        yield Input(shown, restrict=ALLOWED, max_length=24, id=f"number-{self.question_id}", classes="number")

    @property
    def control(self) -> Input:
        return self.query_one(Input)

    def local_problem(self) -> tuple[str, dict] | None:
        return self._parse(self.control.value)[1]

    def _parse(self, text: str):
        value, problem = parse_number(self.question, text)
        if problem is not None:
            problem = (problem[0], {k: show_number(v, self.lang) if k in ("min", "max") else v for k, v in problem[1].items()})
        return value, problem

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value, problem = self._parse(event.value)
        if value is not None:
            self.flag_missing(False)
        if problem is None and self.has_class("-problem"):
            self.show_problem(None)
        self.changed(self.question_id, value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Not stopped: the page moves the focus on, as Enter does in a one-line answer.
        self.show_problem(self.local_problem())

    def on_descendant_blur(self, event) -> None:
        self.show_problem(self.local_problem())
