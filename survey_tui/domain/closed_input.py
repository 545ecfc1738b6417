"""Closed questions as a respondent meets them: option order, typed numbers, choice counts.

Pure and shared by the full-screen app and `--plain`, so both accept and refuse the same
input with the same sentence. Values are those of questionnaire/answers.py (an option id,
a list of ids, an int or DONT_KNOW, an int or float); what is shown is decided by
questionnaire/conditions.py, not here.

Problems are (catalog key, fields) pairs in the `ui` part; the interface words them in the
respondent's language with i18n.t.
"""

from __future__ import annotations

import random
import re
from typing import Any, Sequence

from survey_tui.questionnaire.answers import DONT_KNOW, chosen, is_empty, other_key

Problem = tuple[str, dict[str, Any]]

_NUMBER = re.compile(r"^[+-]?(\d+)(?:[.,](\d*))?$")


def _rng(seed: str, name: str) -> random.Random:
    # One stream per question (or ranking), so adding a question does not reorder the others.
    import hashlib  # noqa: PLC0415 - here: OpenSSL's load is kept off the start-up path

    digest = hashlib.sha256(f"{seed}\0{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def other_limit(question) -> int:
    """Characters of an `other` text: what check_response accepts (a short answer)."""
    from survey_tui.questionnaire.validation_kinds import OTHER_MAX_LENGTH

    return OTHER_MAX_LENGTH


def option_order(question, seed: str) -> list:
    """The question's options in the order this respondent sees them: the file's order, or,
    with `shuffle: true`, an order fixed by the session's seed (kept in the draft only)."""
    options = list(question.options)
    if question.shuffle and seed:
        _rng(seed, "q:" + question.id).shuffle(options)
    return options


def ranking_order(ranking, seed: str) -> list[str]:
    """The ranking's item ids in the order first shown (shuffled by the seed when asked)."""
    ids = [item.id for item in ranking.items]
    if ranking.shuffle and seed:
        _rng(seed, "ranking:" + ranking.id).shuffle(ids)
    return ids


def scale_points(question) -> list[int]:
    return list(range(int(question.minimum), int(question.maximum) + 1))


def scale_label(question, point: int) -> dict[str, str] | None:
    labels = question.labels or {}
    return labels.get(point) or labels.get(str(point))  # keys may be digit strings


def show_number(value: Any, lang: str) -> str:
    """A number as the respondent's language writes it (decimal comma in fi and sv)."""
    if isinstance(value, float):
        text = f"{value:g}" if abs(value) < 1e15 else str(value)
    else:
        text = str(value)
    return text.replace(".", ",") if lang in ("fi", "sv") else text


def parse_number(question, text: str) -> tuple[Any, Problem | None]:
    """A typed number (a point or a comma for decimals) as its value, or the problem.

    Blank text is (None, None): not answered."""
    raw = text.strip().replace(" ", "").replace("\u2212", "-")
    if not raw:
        return None, None
    match = _NUMBER.match(raw)
    if match is None:
        return None, ("number_not_number", {})
    decimals = match.group(2) or ""
    if decimals.strip("0") and not question.decimals:
        return None, ("number_whole", {})
    if len(decimals.rstrip("0")) > question.decimals:
        return None, ("number_decimals", {"decimals": question.decimals})
    value: Any = float(raw.replace(",", ".")) if question.decimals else int(float(raw.replace(",", ".")))
    problem = number_problem(question, value)
    return (None, problem) if problem else (value, None)


def number_problem(question, value: Any) -> Problem | None:
    if question.minimum is not None and value < question.minimum:
        return "number_below", {"min": question.minimum}
    if question.maximum is not None and value > question.maximum:
        return "number_above", {"max": question.maximum}
    return None


def number_hint(question) -> Problem:
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        return "number_range_hint", {"min": low, "max": high}
    if low is not None:
        return "number_min_hint", {"min": low}
    if high is not None:
        return "number_max_hint", {"max": high}
    return "number_any_hint", {}


def choice_count(question, answers) -> int:
    """How many choices a multiple answer makes: its options and its `other` text."""
    count = len(chosen(question, answers.get(question.id)))
    if question.other and not is_empty(answers.get(other_key(question.id))):
        count += 1
    return count


def choice_hint(question) -> Problem | None:
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        return ("choices_between", {"min": low, "max": high}) if low != high else ("choices_exactly", {"n": low})
    if low is not None:
        return "choices_at_least", {"min": low}
    if high is not None:
        return "choices_at_most", {"max": high}
    return None


def choices_problem(question, answers) -> Problem | None:
    """min/max of a multiple question (an empty optional answer is no problem)."""
    count = choice_count(question, answers)
    if count == 0:
        return None
    if question.maximum is not None and count > question.maximum:
        return "choices_too_many", {"max": question.maximum}
    if question.minimum is not None and count < question.minimum:
        return "choices_too_few", {"min": question.minimum, "count": count}
    return None


def answered(question, answers) -> bool:
    """Whether the question has an answer (for closed ones, an option or an `other` text)."""
    if not is_empty(answers.get(question.id)):
        return True
    return question.other and not is_empty(answers.get(other_key(question.id)))


def problem(question, answers) -> Problem | None:
    """What keeps a given answer from being accepted (not the required check)."""
    if question.kind == "multiple":
        return choices_problem(question, answers)
    value = answers.get(question.id)
    if question.kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_problem(question, value)
    return None


def parse_numbers(text: str, count: int) -> list[int] | None:
    """'1, 3' or '1 3' as 1-based numbers, each from 1 to count, no repeats; None if not."""
    tokens = [tok for tok in re.split(r"[\s,;]+", text.strip()) if tok]
    out: list[int] = []
    for tok in tokens:
        if not tok.isdigit() or not 1 <= int(tok) <= count or int(tok) in out:
            return None
        out.append(int(tok))
    return out


def restore_value(question, value: Any) -> Any:
    """A value read back from a draft, or None when it does not fit the question (a draft
    is trusted in nothing)."""
    ids = {o.id for o in question.options}
    if question.kind == "single":
        return value if isinstance(value, str) and value in ids else None
    if question.kind == "multiple":
        if not isinstance(value, list):
            return None
        picked = [v for v in value if isinstance(v, str) and v in ids]
        return list(dict.fromkeys(picked)) or None
    if question.kind == "scale":
        if value == DONT_KNOW and question.dont_know:
            return DONT_KNOW
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok and value in scale_points(question) else None
    if question.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        value = float(value) if question.decimals else int(value)
        return None if number_problem(question, value) else value
    return value[: question.max_length] if isinstance(value, str) else None


def titles(question, value: Any, text) -> list[str]:
    """The chosen options' titles, in the order shown, for the review page."""
    picked = set(chosen(question, value))
    return [text(o.title) for o in question.options if o.id in picked]


def options_in(question, ids: Sequence[str]) -> list[str]:
    """Option ids in the questionnaire's order (as answers.encode stores them)."""
    wanted = set(ids)
    return [o.id for o in question.options if o.id in wanted]


def shown_answer(question, answers, text, lang: str) -> str:
    """An answer as the review pages say it: the chosen options' titles (one a line), the
    `other` text, a scale point with its label or "can't say", a number; "" for none.

    `text` gives a questionnaire mapping in the respondent's language, cleaned."""
    from survey_tui.i18n import t
    from survey_tui.sanitize import clean_text

    value = answers.get(question.id)
    if question.is_open:
        return clean_text(value or "").strip() if isinstance(value, str) else ""
    lines = titles(question, value, text)
    if question.kind == "scale" and not is_empty(value):
        if value == DONT_KNOW:
            lines.append(t(lang, "scale_dont_know"))
        else:
            label = scale_label(question, value)
            lines.append(f"{value} ({text(label)})" if label else str(value))
    if question.kind == "number" and not is_empty(value):
        lines.append(show_number(value, lang))
    extra = answers.get(other_key(question.id)) if question.other else None
    if not is_empty(extra):
        lines.append(t(lang, "review_other", text=clean_text(extra).strip()))
    return "\n".join(lines)
