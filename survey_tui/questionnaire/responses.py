"""One response checked against its questionnaire (the store's submit and import), and the
texts it is stored as.

Values are those of answers.py (an option id, a list of ids, an int or "dont_know", a
number; text for long/short and for `<id>_other`). Answers to questions the respondent
was not shown (conditions.keep_shown) are dropped, not refused: they are neither checked
nor stored. Each problem is one line in the coordinator's language.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from survey_tui.errors import message
from survey_tui.questionnaire.answers import DONT_KNOW, OTHER_SUFFIX, decode, encode, is_empty, other_key
from survey_tui.questionnaire.conditions import keep_shown, visible
from survey_tui.questionnaire.model import Question, Questionnaire
from survey_tui.questionnaire.validation_checker import NUMBER_LIMIT
from survey_tui.questionnaire.validation_kinds import OTHER_MAX_LENGTH, decimal_places


def check_response(
    q: Questionnaire, answers: Mapping[str, Any], ranking: list[Any] | None, language: Any
) -> list[str]:
    """Problems with one response against its questionnaire (empty list: valid)."""
    problems: list[str] = []
    if language not in q.languages:
        problems.append(
            message("q_resp_unknown_lang", language=repr(str(language)[:20]), languages=", ".join(q.languages))
        )
    if not isinstance(answers, Mapping):
        return problems + [message("q_resp_answers_mapping")]
    for key in answers:
        question = q.question(key) if isinstance(key, str) else None
        if question is not None:
            continue
        owner = _other_owner(q, key)
        if owner is None:
            problems.append(message("q_resp_unknown_question", id=repr(str(key)[:40])))
        elif not owner.other:
            problems.append(message("q_resp_no_other", id=repr(owner.id)))
    # Only what the respondent was shown is checked (and stored: stored_texts); the rest is dropped.
    visible_ids = set(visible(q, answers))
    for _, question in q.questions():
        if question.id not in visible_ids:
            continue
        value = answers.get(question.id)
        other = answers.get(other_key(question.id)) if question.other else None
        if not is_empty(other):
            problems.extend(_check_other(question, other))
        if not is_empty(value):
            problems.extend(check_value(question, value, other))
        elif question.required and is_empty(other):
            problems.append(message("q_resp_required", id=repr(question.id)))
    problems.extend(check_ranking(q, ranking))
    return problems


def _is_unicode_text(text: str) -> bool:
    """False for strings SQLite cannot store as UTF-8 (JSON "\\ud800" escapes decode to these)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_ranking(q: Questionnaire, ranking: list[Any] | None) -> list[str]:
    if q.ranking is None:
        return [message("q_resp_no_ranking")] if ranking else []
    ranking = list(ranking or [])
    valid = {item.id for item in q.ranking.items}
    problems = []
    seen: set[Any] = set()
    for item in ranking:
        if not isinstance(item, str) or item not in valid:
            problems.append(message("q_resp_unknown_item", item=repr(str(item)[:40])))
        elif item in seen:
            problems.append(message("q_resp_item_twice", item=repr(item)))
        seen.add(item if isinstance(item, str) else repr(item))
    if q.ranking.require_all and not problems and len(seen) != len(valid):
        missing = [i for i in (item.id for item in q.ranking.items) if i not in seen]
        problems.append(message("q_resp_incomplete", missing=", ".join(missing)))
    return problems


def _other_owner(q: Questionnaire, key: Any) -> Question | None:
    """The question whose `other` text `key` would be ("<id>_other"), if it has one."""
    if not isinstance(key, str) or not key.endswith(OTHER_SUFFIX):
        return None
    owner = q.question(key[: -len(OTHER_SUFFIX)])
    return owner if owner is not None and owner.kind in ("single", "multiple") else None


def _check_other(question: Question, text: Any) -> list[str]:
    key = repr(other_key(question.id))
    if not isinstance(text, str):
        return [message("q_resp_answer_text", id=key)]
    if not _is_unicode_text(text):
        return [message("q_resp_surrogate", id=key)]
    if len(text) > OTHER_MAX_LENGTH:
        return [message("q_resp_too_long", id=key, length=len(text), limit=OTHER_MAX_LENGTH)]
    return []


def check_value(question: Question, value: Any, other: Any = None) -> list[str]:
    """Problems with one (non-empty) answer to `question`; `other` is its `other` text, if any
    (a `single` takes an option or that text, a `multiple` counts it as one more choice)."""
    qid = repr(question.id)
    shown = repr(value)[:40]
    if question.is_open:
        if not isinstance(value, str):
            return [message("q_resp_answer_text", id=qid)]
        if not _is_unicode_text(value):
            return [message("q_resp_surrogate", id=qid)]
        if len(value) > question.max_length:
            return [message("q_resp_too_long", id=qid, length=len(value), limit=question.max_length)]
        return []
    options = {o.id for o in question.options}
    if question.kind == "single":
        if isinstance(value, (list, tuple)):
            return [message("q_resp_one_option" if len(value) > 1 else "q_resp_expect_option", id=qid)]
        if not isinstance(value, str):
            return [message("q_resp_expect_option", id=qid)]
        if value not in options:
            return [message("q_resp_unknown_option", id=qid, option=repr(value[:40]))]
        if not is_empty(other):
            return [message("q_resp_option_and_other", id=qid)]
        return []
    if question.kind == "multiple":
        return _check_multiple(question, value, other, options)
    if question.kind == "scale":
        if value == DONT_KNOW:
            return [] if question.dont_know else [message("q_resp_dont_know", id=qid)]
        point = _whole(value)
        if point is None or not question.minimum <= point <= question.maximum:
            return [message("q_resp_scale", id=qid, minimum=question.minimum, maximum=question.maximum, value=shown)]
        return []
    return _check_number(question, value)


def _check_multiple(question: Question, value: Any, other: Any, options: set[str]) -> list[str]:
    qid = repr(question.id)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return [message("q_resp_expect_list", id=qid)]
    problems = [message("q_resp_unknown_option", id=qid, option=repr(v[:40])) for v in value if v not in options]
    seen: set[str] = set()
    for v in value:
        if v in seen:
            problems.append(message("q_resp_option_twice", id=qid, option=repr(v[:40])))
        seen.add(v)
    count = len(seen) + (0 if is_empty(other) else 1)
    if question.minimum is not None and count < question.minimum:
        problems.append(message("q_resp_too_few", id=qid, count=count, limit=question.minimum))
    if question.maximum is not None and count > question.maximum:
        problems.append(message("q_resp_too_many", id=qid, count=count, limit=question.maximum))
    return problems


def _check_number(question: Question, value: Any) -> list[str]:
    qid = repr(question.id)
    shown = repr(value)[:40]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
        return [message("q_resp_expect_number", id=qid, value=shown)]
    if not question.decimals and _whole(value) is None:
        return [message("q_resp_whole", id=qid, value=shown)]
    if question.decimals and decimal_places(value) > question.decimals:
        return [message("q_resp_decimals", id=qid, limit=question.decimals, value=shown)]
    if question.minimum is not None and value < question.minimum:
        return [message("q_resp_below", id=qid, value=shown, minimum=question.minimum)]
    if question.maximum is not None and value > question.maximum:
        return [message("q_resp_above", id=qid, value=shown, maximum=question.maximum)]
    return []


def _whole(value: Any) -> int | None:
    """An int, or a float with nothing after the point (JSON 3.0); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) <= NUMBER_LIMIT:
        return int(value)
    return None


def _finite(value: int | float) -> bool:
    """Not NaN or infinite (JSON can carry both) and within NUMBER_LIMIT."""
    return (not isinstance(value, float) or math.isfinite(value)) and abs(value) <= NUMBER_LIMIT


def stored_texts(q: Questionnaire, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(question id or `<id>_other`, answers.text cell) of a checked response: only what
    the respondent was shown (conditions.keep_shown), each value through answers.encode."""
    rows = []
    for key, value in keep_shown(q, answers).items():
        question = q.question(key)
        rows.append((key, encode(question, value) if question is not None else str(value)))
    return rows


def decoded(q: Questionnaire, texts: Mapping[str, str]) -> dict[str, Any]:
    """Stored answers (question id -> text, as Store.scan_responses reads them) as values;
    a cell that cannot be read (answers.decode gives None) is left out."""
    out: dict[str, Any] = {}
    for key, text in texts.items():
        question = q.question(key)
        value = decode(question, text) if question is not None else text
        if value is not None:
            out[key] = value
    return out


def free_text_ids(q: Questionnaire) -> set[str]:
    """The stored answer ids that hold free text: open questions and `<id>_other` texts (what
    keywords, tags and the answers file are about; closed values are counted instead)."""
    ids = set()
    for _, question in q.questions():
        if question.is_open:
            ids.add(question.id)
        elif question.other:
            ids.add(other_key(question.id))
    return ids
