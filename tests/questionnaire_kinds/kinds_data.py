"""A questionnaire with every question kind and a condition, as a file's parsed data.

`kinds_data()` gives a fresh copy each call, so a test may spoil one field of it; RECORDS
are five responses to it (one with answers its conditions hide), `imported` puts them in
round k through `responses import` and closes the round."""

from __future__ import annotations

import copy
import json
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


RANKING = ["practice", "barriers"]
RECORDS = [
    {"adopted": "yes", "channels": ["mail", "phone"], "works": 4, "staff": 12, "hours": 7.5,
     "stopped": "hidden: adopted is not no", "why": "hidden too"},
    {"adopted": "no", "stopped": "no money", "why": "time", "channels": ["chat"], "channels_other": "Teams",
     "works": "dont_know", "staff": 0},
    {"adopted_other": "in one office", "channels": ["phone"], "works": 1, "hours": 0.5},
    {"adopted": "partly", "why": "turnover", "channels": ["mail"], "works": 5, "staff": 500},
    {"adopted": "yes", "channels_other": "letters", "works": 3},
]


def jsonl(tmp_path, name, answers_list, ranking=RANKING):
    path = tmp_path / name
    path.write_text("".join(json.dumps({"language": "fi", "answers": a, "ranking": ranking}) + "\n"
                            for a in answers_list), encoding="utf-8")
    return path


def imported(run, tmp_path):
    result = run("responses", "import", "k", jsonl(tmp_path, "good.jsonl", RECORDS))
    assert "5" in result.output
    run("round", "close", "k", "--yes")
