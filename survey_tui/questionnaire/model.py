"""The questionnaire model: typed, frozen dataclasses, built only by validation.from_dict.

Texts are kept cleaned for the terminal (sanitize.clean_text); `to_dict` gives the file
format back, so loading its result gives an equal questionnaire.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Mapping

from survey_tui.sanitize import clean_text


OPEN_KINDS = ("long", "short")
CLOSED_KINDS = ("single", "multiple", "scale", "number")
KINDS = OPEN_KINDS + CLOSED_KINDS


@dataclass(frozen=True)
class Option:
    """One choice of a single or multiple question."""

    id: str
    title: Mapping[str, str]


@dataclass(frozen=True)
class Condition:
    """`show_if: {question: ID, in: [option ids]}`: shown when that answer is one of `values`
    (for a `multiple` question: when any chosen option is)."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One question. Which fields apply depends on `kind`:

    - long, short: `max_length`;
    - single, multiple: `options`, `other` (a short text beside the options), `shuffle`;
      multiple also `minimum`/`maximum` choices;
    - scale: integer points `minimum`..`maximum`, `labels` (point -> text, at least both end
      points), `dont_know` (a "can't say" choice stored apart from the points);
    - number: `minimum`/`maximum` (either may be None) and `decimals` (0: integers only).
    """

    id: str
    prompt: Mapping[str, str]
    kind: str = "long"
    required: bool = False
    max_length: int = 4000
    options: tuple[Option, ...] = ()
    other: bool = False
    shuffle: bool = False
    minimum: int | float | None = None
    maximum: int | float | None = None
    labels: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    dont_know: bool = False
    decimals: int = 0
    show_if: Condition | None = None

    @property
    def is_open(self) -> bool:
        return self.kind in OPEN_KINDS

    def option(self, oid: str) -> Option | None:
        return next((o for o in self.options if o.id == oid), None)


@dataclass(frozen=True)
class Theme:
    """A development theme: its title, context text and questions, shown as one page."""

    id: str
    title: Mapping[str, str]
    context: Mapping[str, str]
    questions: tuple[Question, ...]
    show_if: Condition | None = None


@dataclass(frozen=True)
class RankItem:
    """One thing to rank when the ranking is not over the themes themselves."""

    id: str
    title: Mapping[str, str]


@dataclass(frozen=True)
class Ranking:
    """The ranking question: order the items (by default the themes) by importance."""

    id: str
    prompt: Mapping[str, str]
    items: tuple[RankItem, ...]
    require_all: bool = True
    items_are_themes: bool = True
    shuffle: bool = False


@dataclass(frozen=True)
class Questionnaire:
    """A whole questionnaire, in every language it has; equal when loaded from its own to_dict."""

    id: str
    version: str
    languages: tuple[str, ...]
    title: Mapping[str, str]
    intro: Mapping[str, str]
    consent: Mapping[str, str]
    closing: Mapping[str, str]
    themes: tuple[Theme, ...]
    ranking: Ranking | None = None
    source: str = field(default="", compare=False)

    def questions(self) -> Iterator[tuple[Theme, Question]]:
        for theme in self.themes:
            for question in theme.questions:
                yield theme, question

    def question(self, qid: str) -> Question | None:
        try:
            return self._question_index.get(qid)
        except TypeError:  # not an id at all (e.g. a list from a JSON record)
            return None

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        """Questions by id, built once (check_response and conditions look them up per answer)."""
        index: dict[str, Question] = {}
        for _, question in self.questions():
            index.setdefault(question.id, question)
        return index

    def text(self, value: Mapping[str, str], lang: str) -> str:
        """A localized text in `lang`, falling back to the first language; cleaned for the
        terminal (from_dict keeps texts cleaned already; this covers a model built by hand)."""
        return clean_text(value.get(lang) or value.get(self.languages[0], ""))

    def to_dict(self) -> dict[str, Any]:
        """The file format again: loading the result gives an equal questionnaire."""
        out: dict[str, Any] = {
            "id": self.id,
            "version": self.version,
            "languages": list(self.languages),
            "title": dict(self.title),
            "intro": dict(self.intro),
            "consent": dict(self.consent),
            "closing": dict(self.closing),
            "themes": [
                {
                    "id": t.id,
                    "title": dict(t.title),
                    "context": dict(t.context),
                    "questions": [_question_dict(q) for q in t.questions],
                    **_condition_dict(t.show_if),
                }
                for t in self.themes
            ],
        }
        if self.ranking is not None:
            r = self.ranking
            out["ranking"] = {
                "id": r.id,
                "prompt": dict(r.prompt),
                "items": "themes"
                if r.items_are_themes
                else [{"id": i.id, "title": dict(i.title)} for i in r.items],
                "require_all": r.require_all,
            }
            if r.shuffle:
                out["ranking"]["shuffle"] = True
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


def _condition_dict(condition: Condition | None) -> dict[str, Any]:
    if condition is None:
        return {}
    return {"show_if": {"question": condition.question, "in": list(condition.values)}}


def _question_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "prompt": dict(q.prompt), "kind": q.kind, "required": q.required}
    if q.is_open:
        out["max_length"] = q.max_length
    if q.kind in ("single", "multiple"):
        out["options"] = [{"id": o.id, "title": dict(o.title)} for o in q.options]
        if q.other:
            out["other"] = True
        if q.shuffle:
            out["shuffle"] = True
    if q.kind in ("multiple", "scale", "number"):
        if q.minimum is not None:
            out["min"] = q.minimum
        if q.maximum is not None:
            out["max"] = q.maximum
    if q.kind == "scale":
        out["labels"] = {point: dict(text) for point, text in sorted(q.labels.items())}
        if q.dont_know:
            out["dont_know"] = True
    if q.kind == "number" and q.decimals:
        out["decimals"] = q.decimals
    out.update(_condition_dict(q.show_if))
    return out
