"""The questionnaire model: typed, frozen dataclasses, built only by validation.from_dict.

Texts are kept cleaned for the terminal (sanitize.clean_text); `to_dict` gives the file
format back, so loading its result gives an equal questionnaire.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from survey_tui.sanitize import clean_text


@dataclass(frozen=True)
class Question:
    id: str
    prompt: Mapping[str, str]
    kind: str = "long"
    required: bool = False
    max_length: int = 4000


@dataclass(frozen=True)
class Theme:
    id: str
    title: Mapping[str, str]
    context: Mapping[str, str]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class RankItem:
    id: str
    title: Mapping[str, str]


@dataclass(frozen=True)
class Ranking:
    id: str
    prompt: Mapping[str, str]
    items: tuple[RankItem, ...]
    require_all: bool = True
    items_are_themes: bool = True


@dataclass(frozen=True)
class Questionnaire:
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
        return next((q for _, q in self.questions() if q.id == qid), None)

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
                    "questions": [
                        {
                            "id": q.id,
                            "prompt": dict(q.prompt),
                            "kind": q.kind,
                            "required": q.required,
                            "max_length": q.max_length,
                        }
                        for q in t.questions
                    ],
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
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)
