"""A small questionnaire with every question kind and conditions, for the respondent tests
(imported by name: tests/tui is on sys.path)."""

from __future__ import annotations

from survey_tui.questionnaire import from_dict


def _t(fi: str, en: str) -> dict[str, str]:
    return {"fi": fi, "en": en}


def kinds_dict(*, shuffle: bool = False) -> dict:
    return {
        "id": "kinds",
        "version": "1",
        "languages": ["fi", "en"],
        "title": _t("Lajikysely", "Kinds survey"),
        "intro": _t("Johdanto.", "Intro."),
        "consent": _t("Suostumus.", "Consent."),
        "closing": _t("Kiitos.", "Thanks."),
        "themes": [
            {
                "id": "t1",
                "title": _t("Käytännöt", "Practices"),
                "context": _t("", ""),
                "questions": [
                    {
                        "id": "adopted",
                        "kind": "single",
                        "required": True,
                        "prompt": _t("Onko käytäntö otettu käyttöön?", "Has the practice been adopted?"),
                        "options": [
                            {"id": "yes", "title": _t("Kyllä", "Yes")},
                            {"id": "partly", "title": _t("Osittain", "Partly")},
                            {"id": "no", "title": _t("Ei", "No")},
                        ],
                        "other": True,
                        "shuffle": shuffle,
                    },
                    {
                        "id": "stopped",
                        "kind": "long",
                        "prompt": _t("Mikä on estänyt sen?", "What has stopped it?"),
                        "max_length": 200,
                        "show_if": {"question": "adopted", "in": ["no", "partly"]},
                    },
                    {
                        "id": "works",
                        "kind": "scale",
                        "prompt": _t("Kuinka hyvin yhteistyö toimii?", "How well does cooperation work?"),
                        "min": 1,
                        "max": 5,
                        "labels": {1: _t("erittäin huonosti", "very poorly"), 5: _t("erittäin hyvin", "very well")},
                        "dont_know": True,
                    },
                ],
            },
            {
                "id": "t2",
                "title": _t("Kanavat", "Channels"),
                "context": _t("", ""),
                "questions": [
                    {
                        "id": "channels",
                        "kind": "multiple",
                        "prompt": _t("Mitä kanavia käytätte?", "Which channels do you use?"),
                        "options": [
                            {"id": "phone", "title": _t("Puhelin", "Phone")},
                            {"id": "mail", "title": _t("Sähköposti", "E-mail")},
                            {"id": "chat", "title": _t("Pikaviestin", "Chat")},
                            {"id": "meet", "title": _t("Tapaamiset", "Meetings")},
                        ],
                        "min": 1,
                        "max": 2,
                        "other": True,
                    },
                    {
                        "id": "contacts",
                        "kind": "number",
                        "prompt": _t("Montako yhteydenottoa viikossa?", "How many contacts a week?"),
                        "min": 0,
                        "max": 100,
                    },
                    {
                        "id": "hours",
                        "kind": "number",
                        "prompt": _t("Montako tuntia kuussa?", "How many hours a month?"),
                        "min": 0,
                        "decimals": 1,
                    },
                ],
            },
            {
                "id": "t3",
                "title": _t("Tapaamiset", "Meetings"),
                "context": _t("", ""),
                "show_if": {"question": "channels", "in": ["meet"]},
                "questions": [
                    {"id": "meetings", "kind": "short", "prompt": _t("Miten tapaamiset toimivat?", "How do meetings work?")},
                ],
            },
        ],
        "ranking": {
            "id": "ranking",
            "prompt": _t("Järjestä.", "Rank."),
            "items": "themes",
            "shuffle": shuffle,
        },
    }


def kinds_q(*, shuffle: bool = False):
    return from_dict(kinds_dict(shuffle=shuffle))
