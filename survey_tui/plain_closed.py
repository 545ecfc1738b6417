"""Closed questions in `survey-tui answer --plain`, one plain line at a time.

single: numbered options, the number typed; multiple: the numbers separated by commas;
scale: its points with their labels, a number typed (or ? for "can't say"); number: its
bounds said, the number typed. `other` is one more numbered option whose text is asked
next. A bad entry is refused with one clear line and asked again. What is accepted is
closed_input's rule, the same as the full-screen app's.
"""

from __future__ import annotations

from survey_tui.domain import closed_input as ci
from survey_tui.i18n import t
from survey_tui.plain_prompter import LinePrompter
from survey_tui.questionnaire.answers import DONT_KNOW, other_key
from survey_tui.sanitize import clean_input

CLEAR = "-"  # typed to empty a saved answer, as for open questions


def ask_closed(io: LinePrompter, session, question, tx) -> None:
    """Ask one closed question and keep the answer in the session."""
    L = session.lang
    keep = ci.answered(question, session.answers)
    if keep:
        saved = ci.shown_answer(question, session.answers, tx, L).replace("\n", "; ")
        io.say(t(L, "plain_saved_answer", text=saved))
    marker = t(L, "required_marker" if question.required else "optional_marker").strip("()")
    skip = t(L, "plain_keep_saved") if keep else ("" if question.required else t(L, "plain_empty_skips"))
    ask = {"single": _single, "multiple": _multiple, "scale": _scale, "number": _number}[question.kind]
    ask(io, session, question, tx, L, keep, dict(marker=marker, skip=skip))


def _blank(L: str, question, value: str, keep: bool) -> tuple[bool, str | None]:
    """(handled, problem) for an empty line or the clear mark."""
    if not value:
        if keep or not question.required:
            return True, None
        return True, t(L, "required_missing")
    if keep and value == CLEAR:
        return True, t(L, "required_missing") if question.required else None
    return False, None


def _set(session, question, value, other: str = "") -> None:
    session.answers[question.id] = value
    if question.other:
        session.answers[other_key(question.id)] = other


def _clear_or_keep(session, question, value: str, keep: bool) -> bool:
    """True when the line was empty (the saved answer kept) or the clear mark (emptied)."""
    if keep and value == CLEAR:
        _set(session, question, None)
        return True
    return not value


def _problem_text(L: str, problem) -> str:
    return t(L, problem[0], **problem[1])


def _ask_other(io: LinePrompter, question, L: str) -> str:
    limit = ci.other_limit(question)

    def check(value: str) -> str | None:
        value = clean_input(value).strip()
        if not value:
            return t(L, "required_missing")
        if len(value) > limit:
            return t(L, "plain_too_long", count=len(value), limit=limit)
        return None

    return clean_input(io.ask(t(L, "plain_other_question"), check, limit=limit + 100)).strip()


def _list_options(io: LinePrompter, session, question, tx, L: str) -> list:
    options = session.option_order(question)
    for number, option in enumerate(options, 1):
        io.say(f"{number}. {tx(option.title)}")
    if question.other:
        io.say(f"{len(options) + 1}. {t(L, 'choice_other_option')}")
    return options


def _single(io, session, question, tx, L, keep, fields) -> None:
    options = _list_options(io, session, question, tx, L)
    count = len(options) + (1 if question.other else 0)

    def check(value: str) -> str | None:
        value = value.strip()
        handled, problem = _blank(L, question, value, keep)
        if handled:
            return problem
        ok = value.isdigit() and 1 <= int(value) <= count
        return None if ok else t(L, "plain_choose_retry", count=count)

    value = io.ask(t(L, "plain_single_question", **fields), check).strip()
    if _clear_or_keep(session, question, value, keep):
        return
    number = int(value)
    if number > len(options):
        _set(session, question, None, _ask_other(io, question, L))
    else:
        _set(session, question, options[number - 1].id)


def _multiple(io, session, question, tx, L, keep, fields) -> None:
    hint = ci.choice_hint(question)
    if hint:
        io.say(_problem_text(L, hint))
    options = _list_options(io, session, question, tx, L)
    count = len(options) + (1 if question.other else 0)

    def picked(numbers: list[int]) -> dict:
        ids = [options[n - 1].id for n in numbers if n <= len(options)]
        other = "x" if any(n > len(options) for n in numbers) else ""
        return {question.id: ids, other_key(question.id): other}

    def check(value: str) -> str | None:
        value = value.strip()
        handled, problem = _blank(L, question, value, keep)
        if handled:
            return problem
        numbers = ci.parse_numbers(value, count)
        if not numbers:
            return t(L, "plain_choices_bad", count=count)
        problem = ci.choices_problem(question, picked(numbers))
        return _problem_text(L, problem) if problem else None

    value = io.ask(t(L, "plain_multiple_question", **fields), check).strip()
    if _clear_or_keep(session, question, value, keep):
        return
    numbers = ci.parse_numbers(value, count)
    choice = picked(numbers)
    other = _ask_other(io, question, L) if choice[other_key(question.id)] else ""
    _set(session, question, ci.options_in(question, choice[question.id]), other)


def _scale(io, session, question, tx, L, keep, fields) -> None:
    points = ci.scale_points(question)
    for point in points:
        label = ci.scale_label(question, point)
        io.say(f"{point} = {tx(label)}" if label else str(point))
    dont_know_word = t(L, "scale_dont_know")
    if question.dont_know:
        io.say(f"? = {dont_know_word}")
    extra = t(L, "plain_scale_dont_know") if question.dont_know else ""

    def read(value: str):
        if question.dont_know and value.lower() in ("?", dont_know_word.lower()):
            return DONT_KNOW
        digits = value.lstrip("-+")
        if digits.isdigit() and int(value) in points:
            return int(value)
        return None

    def check(value: str) -> str | None:
        value = value.strip()
        handled, problem = _blank(L, question, value, keep)
        if handled:
            return problem
        if read(value) is None:
            return t(L, "plain_scale_bad", min=points[0], max=points[-1], dont_know=extra)
        return None

    value = io.ask(t(L, "plain_scale_question", min=points[0], max=points[-1], dont_know=extra, **fields), check).strip()
    if _clear_or_keep(session, question, value, keep):
        return
    _set(session, question, read(value))


def _number(io, session, question, tx, L, keep, fields) -> None:
    key, bounds = ci.number_hint(question)
    bounds = {k: ci.show_number(v, L) for k, v in bounds.items()}
    io.say(t(L, key, **bounds) + (t(L, "number_decimals_hint") if question.decimals else ""))

    def check(value: str) -> str | None:
        value = value.strip()
        handled, problem = _blank(L, question, value, keep)
        if handled:
            return problem
        number, problem = ci.parse_number(question, value)
        if problem is None:
            return None
        shown = {k: ci.show_number(v, L) if k in ("min", "max") else v for k, v in problem[1].items()}
        return t(L, problem[0], **shown)

    value = io.ask(t(L, "plain_number_question", **fields), check).strip()
    if _clear_or_keep(session, question, value, keep):
        return
    _set(session, question, ci.parse_number(question, value)[0])
