"""Answer values: how each question kind is held in memory, in JSON and in the store.

In memory and in JSON (imports, `report --json`, JSON Lines exports):
- long, short: text;
- single: the chosen option id; multiple: a list of option ids (in the questionnaire's order);
- scale: an integer, or DONT_KNOW;
- number: an int (or a float when the question allows decimals);
- the `other` text of a single/multiple question: text under `other_key(question id)`.

In the store every value is one `answers.text` cell (encode/decode), so closed answers take
part in the re-laying of response rows like any other answer and need no table of their own.
"""

from __future__ import annotations

import json
from typing import Any

from survey_tui.questionnaire.model import Question

DONT_KNOW = "dont_know"
OTHER_SUFFIX = "_other"


def other_key(question_id: str) -> str:
    return question_id + OTHER_SUFFIX


def encode(question: Question, value: Any) -> str:
    """The stored text of a value that `check_value` accepted."""
    if question.kind == "multiple":
        order = {o.id: i for i, o in enumerate(question.options)}
        return json.dumps(sorted(set(value), key=order.__getitem__), separators=(",", ":"))
    if question.kind == "scale":
        return DONT_KNOW if value == DONT_KNOW else str(int(value))
    if question.kind == "number":
        return _number_text(question, value)
    return str(value)


def decode(question: Question, text: str) -> Any:
    """The value of a stored text (the inverse of encode); None for a cell it cannot read,
    so a damaged cell is left out of the figures rather than breaking a report."""
    try:
        if question.kind == "multiple":
            value = json.loads(text)
            return [str(v) for v in value] if isinstance(value, list) else None
        if question.kind == "scale":
            return DONT_KNOW if text == DONT_KNOW else int(text)
        if question.kind == "number":
            return float(text) if question.decimals else int(text)
    except (ValueError, TypeError):
        return None
    return text


def is_empty(value: Any) -> bool:
    """True for "not answered": None, blank text, an empty choice list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return False


def chosen(question: Question, value: Any) -> tuple[str, ...]:
    """The option ids a value chose (single and multiple; empty for other kinds)."""
    if question.kind == "single" and isinstance(value, str) and value:
        return (value,)
    if question.kind == "multiple" and isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return ()


def _number_text(question: Question, value: Any) -> str:
    if not question.decimals:
        return str(int(value))
    text = f"{float(value):.{question.decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
