"""One response checked against its questionnaire (the store's submit and import)."""

from __future__ import annotations

from typing import Any, Mapping

from survey_tui.questionnaire.model import Questionnaire


def check_response(
    q: Questionnaire, answers: Mapping[str, Any], ranking: list[Any] | None, language: Any
) -> list[str]:
    """Problems with one response against its questionnaire (empty list: valid)."""
    problems: list[str] = []
    if language not in q.languages:
        problems.append(f"unknown language {str(language)[:20]!r} (expected one of {', '.join(q.languages)})")
    if not isinstance(answers, Mapping):
        return problems + ["answers must be a mapping of question id to text"]
    for key, text in answers.items():
        question = q.question(key) if isinstance(key, str) else None
        if question is None:
            problems.append(f"unknown question id {str(key)[:40]!r}")
            continue
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(f"answer to {key!r} must be text")
        elif not _is_unicode_text(text):
            problems.append(f"answer to {key!r} is not valid text (it holds a lone surrogate such as \\ud800)")
        elif len(text) > question.max_length:
            problems.append(f"answer to {key!r} is {len(text)} characters, more than {question.max_length}")
    for _, question in q.questions():
        if question.required and not str(answers.get(question.id) or "").strip():
            problems.append(f"question {question.id!r} is required")
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
        return ["this questionnaire has no ranking"] if ranking else []
    ranking = list(ranking or [])
    valid = {item.id for item in q.ranking.items}
    problems = []
    seen: set[Any] = set()
    for item in ranking:
        if not isinstance(item, str) or item not in valid:
            problems.append(f"unknown ranking item {str(item)[:40]!r}")
        elif item in seen:
            problems.append(f"ranking item {item!r} appears twice")
        seen.add(item if isinstance(item, str) else repr(item))
    if q.ranking.require_all and not problems and len(seen) != len(valid):
        missing = [i for i in (item.id for item in q.ranking.items) if i not in seen]
        problems.append(f"ranking is incomplete: missing {', '.join(missing)}")
    return problems
