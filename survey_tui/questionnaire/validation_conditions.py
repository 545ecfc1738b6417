"""Validation of `show_if: {question: ID, in: [option ids]}` on questions and themes.

A condition is read where it stands (`parse`) and checked once the whole questionnaire is
built (`check_all`), since it names another question: that question must exist, come
earlier (for a theme: in an earlier theme, so a theme never depends on its own questions),
be a single or multiple question, and `in` may only name its options. With "earlier only"
no cycle can form, and conditions.py decides visibility in one pass in questionnaire order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from survey_tui.errors import message
from survey_tui.questionnaire.model import Condition, Question, Theme
from survey_tui.questionnaire.validation_checker import _Checker, _join

CHOICE_KINDS = ("single", "multiple")
MAX_VALUES = 50


@dataclass(frozen=True)
class Pending:
    """A condition read at `path`, to check when every question is known.

    owner_question is None for a theme's condition."""

    path: str
    condition: Condition
    theme_index: int
    owner_question: str | None = None


def parse(c: _Checker, raw: Any, path: str) -> Condition | None:
    """The condition at `path` (None and the problems noted when it cannot be read)."""
    if raw is None:
        return None
    m = c.mapping(raw, path, {"question", "in"}, {"question", "in"})
    if m is None:
        return None
    question = c.ident(m.get("question"), _join(path, "question")) if "question" in m else None
    values: list[str] = []
    if "in" in m:
        raw_in = m["in"]
        if not isinstance(raw_in, list) or not raw_in or len(raw_in) > MAX_VALUES:
            c.add(_join(path, "in"), message("q_show_if_in"))
        else:
            for i, value in enumerate(raw_in):
                oid = c.ident(value, f"{path}.in[{i}]")
                if oid is not None:
                    values.append(oid)
    if question is None or not values:
        return None
    return Condition(question, tuple(values))


def check_all(c: _Checker, themes: list[Theme], pending: list[Pending]) -> None:
    """Note every condition naming an unknown, later, open or own question, or an unknown option."""
    where: dict[str, tuple[int, int, Question]] = {}  # question id -> (theme, order, question)
    order = 0
    for ti, theme in enumerate(themes):
        for question in theme.questions:
            where.setdefault(question.id, (ti, order, question))
            order += 1
    for p in pending:
        qpath = _join(p.path, "question")
        target_id = p.condition.question
        shown_id = repr(target_id)
        found = where.get(target_id)
        if found is None:
            c.add(qpath, message("q_show_if_unknown", id=shown_id))
            continue
        target_theme, target_order, target = found
        if p.owner_question is None:
            if target_theme == p.theme_index:
                c.add(qpath, message("q_show_if_cycle", id=shown_id))
                continue
            if target_theme > p.theme_index:
                c.add(qpath, message("q_show_if_later", id=shown_id))
                continue
        else:
            if target_id == p.owner_question:
                c.add(qpath, message("q_show_if_self", id=shown_id))
                continue
            own = where.get(p.owner_question)
            if own is not None and target_order > own[1]:
                c.add(qpath, message("q_show_if_later", id=shown_id))
                continue
        if target.kind not in CHOICE_KINDS:
            c.add(qpath, message("q_show_if_open", id=shown_id, question_kind=target.kind))
            continue
        options = {o.id for o in target.options}
        for i, value in enumerate(p.condition.values):
            if value not in options:
                c.add(f"{p.path}.in[{i}]", message("q_show_if_option", id=shown_id, option=repr(value)))
