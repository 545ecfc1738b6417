"""Data and helpers of the reporting tests: a thesis-shaped round, hostile answers, the CLI."""

from __future__ import annotations

from survey_tui.questionnaire import from_dict

ITEMS = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
# First choices as in the thesis's Kuvio 4: kanavat 5, ymmarrys 3, henkilot 2, tunteminen 1, tiedottaminen 0.
FIRST_CHOICES = {"kanavat": 5, "ymmarrys": 3, "henkilot": 2, "tunteminen": 1, "tiedottaminen": 0}
EXPECTED_ORDER = ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]

HOSTILE = [
    "Selkeä \x1b[2J\x1b[31mpunainen\x1b[0m ohje",
    "OSC \x1b]52;c;ZXZpbA==\x07 leikepöytä ja \x1b]8;;https://evil.example\x1b\\linkki\x1b]8;;\x1b\\",
    "[@click=app.quit]lopeta[/] ja [b]lihava[/b]",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <b>html</b>",
    "![kuva](https://evil.example/x.png) [linkki](javascript:alert(1)) https://evil.example www.evil.example posti@evil.example",
    "# otsikko\n- lista\n1. numero\n> lainaus\n```\nkoodi\n```\n| taulu | x |",
    "**lihava** _kursiivi_ `koodi` ~~yliviivattu~~ &amp; &#x3C; \\",
]


def thesis_rankings() -> list[list[str]]:
    """Eleven complete rankings with the thesis's first-choice counts, rest varied."""
    out = []
    rotation = 0
    for first in EXPECTED_ORDER:
        for _ in range(FIRST_CHOICES[first]):
            rest = [i for i in ITEMS if i != first]
            rotation = (rotation + 1) % len(rest)
            out.append([first] + rest[rotation:] + rest[:rotation])
    assert len(out) == 11
    return out


def thesis_records(answers: list[dict[str, str]] | None = None) -> list[dict]:
    records = []
    for i, ranking in enumerate(thesis_rankings()):
        given = (answers[i] if answers and i < len(answers) else None) or {
            "q3": f"Pikaviestin ja yhteinen chat-kanava auttaisi, vastaus {i}.",
            "q4": "Nimetyt yhteyshenkilöt Kelassa ja kunnassa." if i % 2 else "",
            "q5": "Yhteiset koulutukset ja työkierto lisäävät ymmärrystä.",
        }
        records.append({"language": "fi" if i % 3 else "en", "answers": given, "ranking": ranking})
    return records



def variant_questionnaire(kela):
    """The shipped questionnaire with one theme (and its questions) replaced: not the same."""
    data = kela.to_dict()
    data["id"] = "kela-variant"
    data["themes"] = [t for t in data["themes"] if t["id"] != "ymmarrys"] + [
        {"id": "digi", "title": {"fi": "Digitaaliset palvelut", "sv": "Digitala tjänster", "en": "Digital services"},
         "questions": [{"id": "q7", "prompt": {"fi": "Mitä digipalveluja?", "sv": "Vilka digitala tjänster?",
                                               "en": "Which digital services?"}}]}
    ]
    return from_dict(data)


def run_cli(store, *args: str):
    """Run `survey-tui --db <store's file> ARGS` in-process; returns click's Result."""
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    return CliRunner().invoke(cli, ["--db", store.path, *args], catch_exceptions=False)


def statistic_free(text: str) -> bool:
    """No ranking figure, item id, theme title or answer text in `text`."""
    banned = list(FIRST_CHOICES) + ["Yhteydenpitokanavat", "Pikaviestin", "koulutukset", "kendall", "borda", "%"]
    low = text.lower()
    return not any(word.lower() in low for word in banned)
