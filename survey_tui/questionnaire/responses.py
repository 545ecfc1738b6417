"""One response checked against its questionnaire (the store's submit and import)."""

from __future__ import annotations

from typing import Any, Mapping

from survey_tui.errors import message
from survey_tui.questionnaire.model import Questionnaire


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
    for key, text in answers.items():
        question = q.question(key) if isinstance(key, str) else None
        if question is None:
            problems.append(message("q_resp_unknown_question", id=repr(str(key)[:40])))
            continue
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(message("q_resp_answer_text", id=repr(key)))
        elif not _is_unicode_text(text):
            problems.append(message("q_resp_surrogate", id=repr(key)))
        elif len(text) > question.max_length:
            problems.append(message("q_resp_too_long", id=repr(key), length=len(text), limit=question.max_length))
    for _, question in q.questions():
        if question.required and not str(answers.get(question.id) or "").strip():
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
