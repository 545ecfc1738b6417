"""Practices (the thesis's Taulukko 1): statements linked to the categories and answers behind them.

A practice belongs to a theme and is linked to at least one category or answer: a
statement linked to nothing is refused (nothing stored). `grouped` is what the poster and
the report read (services.coding.practices documents its shape); its counts follow the
small-group rule (Count.shown: "fewer than N").
"""

from __future__ import annotations

from dataclasses import dataclass

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.services import codebook as books
from survey_tui.services.coding import Count, answers_carrying
from survey_tui.services.sealing import require_min_group
from survey_tui.services.tags import resolve_handle

MAX_TEXT = 500


@dataclass(frozen=True)
class LinkedCategory:
    id: int
    name: str
    path: str
    count: Count

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "path": self.path, "count": self.count.to_json()}


@dataclass(frozen=True)
class Practice:
    id: int
    text: str
    categories: tuple[LinkedCategory, ...]
    answers: Count  # how many answers are linked to it directly

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "categories": [c.to_json() for c in self.categories],
                "answers": self.answers.to_json()}


@dataclass(frozen=True)
class PracticeTheme:
    theme_id: str
    title: str
    narrative: str
    practices: tuple[Practice, ...]

    def to_json(self) -> dict:
        return {"theme_id": self.theme_id, "title": self.title, "narrative": self.narrative,
                "practices": [p.to_json() for p in self.practices]}


def _text(text: str) -> str:
    from survey_tui.sanitize import one_line

    text = one_line(str(text))
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(message("cod_practice_text", limit=MAX_TEXT))
    return text


def _links(store, slug: str, categories: list[str], handles: list[str]) -> tuple[list[int], list[tuple[str, str]]]:
    book = books.load(store, slug)
    cats = [book.category(name).id for name in categories]
    answers = []
    if handles:
        require_min_group(store, slug)
        answers = [resolve_handle(store, slug, h) for h in handles]
    return cats, answers


def add(store, slug: str, text: str, theme_id: str, categories: list[str] = (), handles: list[str] = ()) -> int:
    """A practice statement of `theme_id` linked to these categories and answers; its id.
    Refused when it would be linked to nothing."""
    text = _text(text)
    books._theme(store, slug, theme_id)
    if not categories and not handles:
        raise InvalidInput(message("cod_practice_unlinked"))
    cats, answers = _links(store, slug, list(categories), list(handles))
    return store.add_practice(slug, theme_id, text, cats, answers)


def link(store, slug: str, practice_id: int, categories: list[str] = (), handles: list[str] = ()) -> None:
    """Link a practice to more categories and answers."""
    if not any(p["id"] == practice_id for p in store.coding_practices(slug)):
        raise NotFound(message("cod_no_practice", id=practice_id, slug=repr(slug)))
    if not categories and not handles:
        raise InvalidInput(message("cod_practice_unlinked"))
    cats, answers = _links(store, slug, list(categories), list(handles))
    store.link_practice(slug, practice_id, cats, answers)


def grouped(store, slug: str, lang: str | None = None, today=None) -> list[PracticeTheme]:
    """See services.coding.practices."""
    from survey_tui.summary import resolve_lang

    rnd, _n = require_min_group(store, slug, today)
    q = rnd.questionnaire
    lang = resolve_lang(q, lang)
    book = books.load(store, slug)
    carrying = answers_carrying(store, slug, book, None)
    stored = store.coding_practices(slug)
    out = []
    for theme in q.themes:
        mine = [p for p in stored if p["theme_id"] == theme.id]
        narrative = book.narratives.get(theme.id, "")
        if not mine and not narrative:
            continue
        items = tuple(
            Practice(p["id"], p["text"],
                     tuple(LinkedCategory(cid, book.by_id(cid).name, book.path(cid),
                                          Count(len(carrying[cid]), rnd.min_group)) for cid in p["category_ids"]),
                     Count(len(p["answers"]), rnd.min_group))
            for p in mine)
        out.append(PracticeTheme(theme.id, q.text(theme.title, lang), narrative, items))
    return out
