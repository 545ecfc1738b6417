"""`show_if` conditions: which themes and questions a respondent sees, given the answers so far.

One rule for every interface (TUI, --plain, browser), for submit and import: a question is
shown when its theme's condition and its own hold; a condition holds when the answer to the
question it names is (or, for `multiple`, includes) one of its option ids. The validator only
lets a condition name an earlier single/multiple question, so one pass in questionnaire
order decides everything, and a question whose controlling question is itself hidden counts
as unanswered (its condition fails).
"""

from __future__ import annotations

from typing import Any, Mapping

from survey_tui.questionnaire.answers import chosen, is_empty, other_key
from survey_tui.questionnaire.model import Condition, Questionnaire


def holds(q: Questionnaire, condition: Condition | None, answers: Mapping[str, Any]) -> bool:
    if condition is None:
        return True
    question = q.question(condition.question)
    if question is None:
        return False
    picked = chosen(question, answers.get(condition.question))
    return any(value in condition.values for value in picked)


def visible(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """Ids of the questions shown, in questionnaire order, for these (in-memory) answers."""
    shown: list[str] = []
    seen: dict[str, Any] = {}
    for theme in q.themes:
        theme_shown = holds(q, theme.show_if, seen)
        for question in theme.questions:
            if theme_shown and holds(q, question.show_if, seen):
                shown.append(question.id)
                if question.id in answers:
                    seen[question.id] = answers[question.id]
    return shown


def visible_themes(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """Ids of the themes with at least one question shown (or, with no questions, shown)."""
    shown = set(visible(q, answers))
    out = []
    for theme in q.themes:
        if any(question.id in shown for question in theme.questions):
            out.append(theme.id)
        elif not theme.questions and holds(q, theme.show_if, answers):
            out.append(theme.id)
    return out


def keep_shown(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a respondent can have given: hidden questions' answers (and their `other`
    texts) and empty values dropped, so they are neither stored nor counted."""
    shown = set(visible(q, answers))
    out: dict[str, Any] = {}
    for qid in shown:
        value = answers.get(qid)
        if not is_empty(value):
            out[qid] = value
        extra = answers.get(other_key(qid))
        if not is_empty(extra):
            out[other_key(qid)] = extra
    return out
