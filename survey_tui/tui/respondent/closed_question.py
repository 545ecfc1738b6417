"""What the closed-question widgets share: the prompt, a hint, a problem line, and one message
to the page when the answer changes.

Each kind has its own widget file (single_choice, multiple_choice, scale_choice,
number_input); theme_page.py picks one per question with `question_widget`.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from survey_tui.i18n import t


class ClosedQuestion(Vertical):
    """Prompt, control(s), a hint and a problem line for one closed question."""

    DEFAULT_CLASSES = "answer closed"

    class AnswerChanged(Message):
        """A value to keep under `key`: the question id, or its `other` key."""

        def __init__(self, question_id: str, key: str, value: Any) -> None:
            super().__init__()
            self.question_id = question_id
            self.key = key
            self.value = value

    def __init__(self, question, *, prompt: str, answers: dict, lang: str, text, options: list | None = None) -> None:
        super().__init__(id=f"answer-{question.id}")
        self.question = question
        self.question_id = question.id
        self.prompt = prompt
        self.answers = answers  # the session's answers, read when composing
        self.lang = lang
        self.text = text  # localized text of a questionnaire mapping, cleaned
        self.options = options if options is not None else list(question.options)

    def tr(self, key: str, **kw) -> str:
        return t(self.lang, key, **kw)

    def compose(self) -> ComposeResult:
        marker = self.tr("required_marker" if self.question.required else "optional_marker")
        yield Static(f"{self.prompt} {marker}", classes="prompt", markup=False)
        hint = self.hint_text()
        if hint:
            yield Static(hint, classes="hint", markup=False)
        yield from self.compose_control()
        yield Static("", classes="problem", markup=False)
        yield Static(self.tr("required_missing"), classes="missing", markup=False)

    def on_mount(self) -> None:
        from textual.widgets import Input

        from textual.widgets import RadioSet

        for field in self.query(Input):
            field.cursor_blink = not self.app.is_headless  # steady in tests and snapshots
        # A RadioSet highlights its first button; with an answer already given (a resume, a
        # page opened again) the highlight starts on the chosen one, so Space keeps it.
        for radio in self.query(RadioSet):
            for _ in range(max(radio.pressed_index, 0)):
                radio.action_next_button()

    def hint_text(self) -> str:
        return ""

    def compose_control(self) -> ComposeResult:
        yield from ()

    @property
    def control(self) -> Widget:
        """The widget that takes the focus first."""
        raise NotImplementedError

    def local_problem(self) -> tuple[str, dict] | None:
        """A problem only the widget knows (text that is not a number yet)."""
        return None

    def changed(self, key: str, value: Any) -> None:
        self.post_message(self.AnswerChanged(self.question_id, key, value))

    def flag_missing(self, show: bool) -> None:
        self.set_class(show, "-missing")

    def show_problem(self, problem: tuple[str, dict] | None) -> None:
        line = self.query_one(".problem", Static)
        line.update(self.tr(problem[0], **problem[1]) if problem else "")
        self.set_class(problem is not None, "-problem")
        if problem is not None:
            self.call_after_refresh(line.scroll_visible, animate=False)


def question_widget(question, *, prompt: str, answers: dict, lang: str, text, options: list):
    """The widget for a closed question's kind."""
    if question.kind == "single":
        from survey_tui.tui.respondent.single_choice import SingleChoice as cls
    elif question.kind == "multiple":
        from survey_tui.tui.respondent.multiple_choice import MultipleChoice as cls
    elif question.kind == "scale":
        from survey_tui.tui.respondent.scale_choice import ScaleChoice as cls
    elif question.kind == "number":
        from survey_tui.tui.respondent.number_input import NumberInput as cls
    else:
        raise ValueError(f"not a closed kind: {question.kind!r}")
    return cls(question, prompt=prompt, answers=answers, lang=lang, text=text, options=options)
