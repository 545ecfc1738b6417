"""Suggested groups of similar answers for one question (analysis/grouping.py), and accepting one.

Suggestions are suggestions: nothing is coded until the coordinator accepts a group (as a
new or existing code, under the name suggested or another); rejecting is doing nothing,
and an accepted group can be split or merged like any code. The groups are recomputed
from the released answers each time; within one release they come out the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.services import codebook as books
from survey_tui.services.coding import clean_coder, coded_questions
from survey_tui.services.sealing import require_min_group
from survey_tui.services.tags import handle_length, resolve_handle


@dataclass(frozen=True)
class SuggestedGroup:
    number: int  # 1, 2, ... as listed
    name: str
    keywords: tuple[str, ...]
    handles: tuple[str, ...]
    texts: tuple[str, ...]
    cohesion: float

    def to_json(self) -> dict:
        return {"group": self.number, "suggested_name": self.name, "keywords": list(self.keywords),
                "answers": list(self.handles), "cohesion": self.cohesion}


@dataclass(frozen=True)
class Suggestions:
    slug: str
    question_id: str
    groups: tuple[SuggestedGroup, ...]
    alone: tuple[str, ...]  # handles of answers in no group

    def to_json(self) -> dict:
        return {"round": self.slug, "question": self.question_id, "suggestions": True,
                "groups": [g.to_json() for g in self.groups], "alone": list(self.alone)}


def suggest(store, slug: str, question_id: str, threshold: float | None = None, today=None) -> Suggestions:
    """Groups of similar answers to `question_id` with a suggested code name each."""
    from survey_tui.analysis import grouping

    rnd, _n = require_min_group(store, slug, today)
    coded_questions(rnd.questionnaire, slug, question_id)  # an open question (or an "other" text)
    every = store.answers(slug)
    chars = handle_length([r["response_id"] for r in every])
    rows = [r for r in every if r["question_id"] == question_id]
    lang = rnd.questionnaire.languages[0]
    by_handle = {f"{r['response_id'][:chars]}:{question_id}": r["text"] for r in rows}
    groups, alone = grouping.suggest([(h, text, lang) for h, text in by_handle.items()],
                                     grouping.THRESHOLD if threshold is None else threshold)
    return Suggestions(slug, question_id, tuple(
        SuggestedGroup(i, g.name, g.keywords, g.members, tuple(by_handle[h] for h in g.members), g.cohesion)
        for i, g in enumerate(groups, 1)), tuple(alone))



def accept(store, slug: str, question_id: str, number: int, category: str | None = None,
           name: str | None = None, coder: str | None = None, threshold: float | None = None) -> tuple[str, int]:
    """Code every answer of suggested group `number` with `name` (default: the suggested
    name): an existing code of that name, else a new one in `category`. (code name, answers)."""
    coder = clean_coder(coder)
    found = suggest(store, slug, question_id, threshold)
    group = next((g for g in found.groups if g.number == number), None)
    if group is None:
        raise NotFound(message("cod_no_group", number=number, count=len(found.groups)))
    book = books.load(store, slug)
    name = books.clean_name(name or group.name)
    existing = next((c for c in book.codes if c.name.casefold() == name.casefold()), None)
    answers = [resolve_handle(store, slug, h) for h in group.handles]
    if existing is not None:
        store.assign_codes(slug, answers, coder, code_id=existing.id)
        return existing.name, len(answers)
    if not category:
        raise InvalidInput(message("cod_category_needed", name=repr(name)))
    store.assign_codes(slug, answers, coder, new_code=(book.category(category).id, name))
    return name, len(answers)
