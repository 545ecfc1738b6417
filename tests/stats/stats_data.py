"""A follow-up questionnaire for the statistics tests and a hand-worked round of 11.

`followup(kela)`: the shipped kela-sosiaalitoimi questionnaire (same themes, ranking and
question ids) with closed questions added to its 'kanavat' theme, as kela-seuranta does.
`ELEVEN`: eleven responses' closed answers, worked by hand in test_closed_figures.py.
"""

from __future__ import annotations

from survey_tui.questionnaire import from_dict

CLOSED = [
    {"id": "adopted", "kind": "single", "prompt": {"fi": "Onko käytössä?", "sv": "Används det?", "en": "Adopted?"},
     "options": [{"id": "yes", "title": {"fi": "Kyllä", "sv": "Ja", "en": "Yes"}},
                 {"id": "partly", "title": {"fi": "Osittain", "sv": "Delvis", "en": "Partly"}},
                 {"id": "no", "title": {"fi": "Ei", "sv": "Nej", "en": "No"}}],
     "other": True},
    {"id": "channels", "kind": "multiple", "prompt": {"fi": "Kanavat", "sv": "Kanaler", "en": "Channels"},
     "options": [{"id": "phone", "title": {"fi": "Puhelin", "sv": "Telefon", "en": "Phone"}},
                 {"id": "chat", "title": {"fi": "Chat-kanava", "sv": "Chattkanal", "en": "Chat channel"}},
                 {"id": "email", "title": {"fi": "Sähköposti", "sv": "E-post", "en": "Email"}},
                 {"id": "meeting", "title": {"fi": "Tapaaminen", "sv": "Möte", "en": "Meeting"}}],
     "other": True},
    {"id": "works", "kind": "scale", "prompt": {"fi": "Kuinka hyvin?", "sv": "Hur bra?", "en": "How well?"},
     "min": 1, "max": 5, "dont_know": True,
     "labels": {1: {"fi": "Huonosti", "sv": "Dåligt", "en": "Badly"}, 5: {"fi": "Hyvin", "sv": "Bra", "en": "Well"}}},
    {"id": "staff", "kind": "number", "prompt": {"fi": "Montako?", "sv": "Hur många?", "en": "How many?"},
     "min": 0, "max": 500},
]


def followup(kela, qid: str = "kela-followup-test"):
    data = kela.to_dict()
    data["id"] = qid
    for theme in data["themes"]:
        if theme["id"] == "kanavat":
            theme["questions"] = theme["questions"] + [dict(q) for q in CLOSED]
    return from_dict(data)


def _eleven() -> list[dict]:
    adopted = ["yes"] * 5 + ["partly"] * 3 + ["no"] * 2 + [None]
    channels = [["phone", "chat"], ["phone", "chat"], ["phone"], ["phone", "email"], ["chat", "email"],
                ["chat"], ["chat", "email"], ["phone", "chat"], ["chat"], [], ["phone"]]
    works = [1, 2, 3, 3, 4, 4, 4, 5, 5, "dont_know", "dont_know"]
    staff = [3, 5, 8, 12, None, None, None, None, None, None, None]
    out = []
    for i in range(11):
        answers = {"works": works[i]}
        if adopted[i]:
            answers["adopted"] = adopted[i]
        else:
            answers["adopted_other"] = "Kokeilussa"
        if channels[i]:
            answers["channels"] = channels[i]
        if i == 9:
            answers["channels_other"] = "Teams"
        if staff[i] is not None:
            answers["staff"] = staff[i]
        out.append(answers)
    return out


ELEVEN = _eleven()
