"""A questionnaire with every question kind and a condition, as a file's parsed data.

`kinds_data()` gives a fresh copy each call, so a test may spoil one field of it."""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "id": "kinds",
    "version": "1",
    "languages": ["fi", "en"],
    "title": {"fi": "Seuranta", "en": "Follow-up"},
    "intro": {"fi": "Tervetuloa", "en": "Welcome"},
    "consent": {"fi": "Suostun", "en": "I agree"},
    "closing": {"fi": "Kiitos", "en": "Thanks"},
    "themes": [
        {
            "id": "practice",
            "title": {"fi": "Käytäntö", "en": "Practice"},
            "questions": [
                {
                    "id": "adopted",
                    "kind": "single",
                    "prompt": {"fi": "Onko käytössä?", "en": "Adopted?"},
                    "required": True,
                    "options": [
                        {"id": "yes", "title": {"fi": "Kyllä", "en": "Yes"}},
                        {"id": "partly", "title": {"fi": "Osittain", "en": "Partly"}},
                        {"id": "no", "title": {"fi": "Ei", "en": "No"}},
                    ],
                    "other": True,
                },
                {
                    "id": "stopped",
                    "kind": "long",
                    "prompt": {"fi": "Mikä on estänyt?", "en": "What has stopped it?"},
                    "show_if": {"question": "adopted", "in": ["no"]},
                },
                {
                    "id": "channels",
                    "kind": "multiple",
                    "prompt": {"fi": "Kanavat", "en": "Channels"},
                    "options": [
                        {"id": "phone", "title": {"fi": "Puhelin", "en": "Phone"}},
                        {"id": "mail", "title": {"fi": "Posti", "en": "Mail"}},
                        {"id": "chat", "title": {"fi": "Chat", "en": "Chat"}},
                    ],
                    "other": True,
                    "shuffle": True,
                    "min": 1,
                    "max": 2,
                },
                {
                    "id": "works",
                    "kind": "scale",
                    "prompt": {"fi": "Kuinka hyvin?", "en": "How well?"},
                    "min": 1,
                    "max": 5,
                    "labels": {1: {"fi": "Huonosti", "en": "Badly"}, 5: {"fi": "Hyvin", "en": "Well"}},
                    "dont_know": True,
                },
                {
                    "id": "staff",
                    "kind": "number",
                    "prompt": {"fi": "Montako?", "en": "How many?"},
                    "min": 0,
                    "max": 500,
                },
                {
                    "id": "hours",
                    "kind": "number",
                    "prompt": {"fi": "Tunnit", "en": "Hours"},
                    "min": 0,
                    "decimals": 1,
                },
            ],
        },
        {
            "id": "barriers",
            "title": {"fi": "Esteet", "en": "Barriers"},
            "show_if": {"question": "adopted", "in": ["no", "partly"]},
            "questions": [{"id": "why", "kind": "short", "prompt": {"fi": "Miksi?", "en": "Why?"}}],
        },
    ],
    "ranking": {"id": "ranking", "prompt": {"fi": "Järjestä", "en": "Rank"}, "items": "themes", "shuffle": True},
}


def kinds_data() -> dict[str, Any]:
    return copy.deepcopy(_BASE)


def question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    """The parsed question `qid` of `data`, to spoil in place."""
    return next(q for t in data["themes"] for q in t["questions"] if q["id"] == qid)
