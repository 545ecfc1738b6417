"""survey_tui.domain.session: the respondent session and its draft format, without an interface."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from survey_tui.domain import session as drafts
from survey_tui.domain.session import DRAFT_VERSION, Session, resume_code, theme_page
from survey_tui.errors import CodeRejected, ResponseInvalid, RoundNotOpen, StoreBusy, SurveyError
from survey_tui.questionnaire import from_dict

TOKEN = "ABCD-EFGH-JKLM"


@pytest.fixture
def q():
    """Two themes (one required question, one of at most 10 characters), a three-item ranking."""
    return from_dict(
        {
            "id": "s",
            "languages": ["fi", "en"],
            "title": {"fi": "Kysely", "en": "Survey"},
            "themes": [
                {
                    "id": "a",
                    "title": {"fi": "A", "en": "A"},
                    "questions": [
                        {"id": "qa", "prompt": {"fi": "Pakollinen?", "en": "Required?"}, "required": True},
                        {"id": "qb", "prompt": {"fi": "Lyhyt?", "en": "Short?"}, "kind": "short", "max_length": 10},
                    ],
                },
                {"id": "b", "title": {"fi": "B", "en": "B"}, "questions": [{"id": "qc", "prompt": {"fi": "C?", "en": "C?"}}]},
            ],
            "ranking": {
                "prompt": {"fi": "Järjestä.", "en": "Rank."},
                "items": [
                    {"id": "x", "title": {"fi": "X", "en": "X"}},
                    {"id": "y", "title": {"fi": "Y", "en": "Y"}},
                    {"id": "z", "title": {"fi": "Z", "en": "Z"}},
                ],
            },
        }
    )


class FakeStore:
    """Store.save_draft / load_draft as a dict, optionally failing."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.drafts: dict[tuple[str, str], object] = {}
        self.fail = fail

    def save_draft(self, slug, token, data):
        if self.fail:
            raise self.fail
        self.drafts[(slug, token)] = json.loads(json.dumps(data))  # what a JSON column gives back

    def load_draft(self, slug, token):
        if self.fail:
            raise self.fail
        return self.drafts.get((slug, "".join(ch for ch in token.upper() if ch.isalnum())))


# ---------------------------------------------------------------- the session


def test_a_new_session_starts_with_the_ranking_in_questionnaire_order_unconfirmed(q):
    s = Session(q, "r1", TOKEN, "fi")
    assert s.ranking == ["x", "y", "z"] and not s.ranking_confirmed
    assert s.submit_ranking() == []  # an order never touched is not stored as a ranking
    assert s.ranking_missing()
    assert s.page == "welcome" and not s.started and not s.has_content()


def test_pages_run_through_the_themes_the_ranking_and_the_review(q):
    s = Session(q, "r1", TOKEN, "fi")
    assert s.pages() == [theme_page(0), theme_page(1), "ranking", "review"]
    assert s.next_page("theme:0") == "theme:1"
    assert s.next_page("review") == "review"  # the last page stays
    assert s.next_page("welcome") == "theme:0"
    assert s.previous_page("theme:0") is None and s.previous_page("ranking") == "theme:1"


def test_required_answers_and_what_is_submitted(q):
    s = Session(q, "r1", TOKEN, "fi", answers={"qa": "   ", "qb": "ok", "qc": ""})
    assert s.missing_required() == ["qa"] and s.missing_required(1) == []
    assert s.submit_answers() == {"qb": "ok"}  # blank answers are not sent
    s.answers["qa"] = "kyllä"
    assert s.missing_required() == []


def test_moving_a_ranking_item_clamps_and_confirms(q):
    s = Session(q, "r1", TOKEN, "fi")
    assert s.move(0, 99) == 2
    assert s.ranking == ["y", "z", "x"] and s.ranking_confirmed
    assert s.move(2, -5) == 0
    assert s.submit_ranking() == ["x", "y", "z"]


def test_begin_takes_the_requested_language_only_when_the_questionnaire_has_it(q, monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert Session.begin(q, "r1", TOKEN, "fi").lang == "fi"
    assert Session.begin(q, "r1", TOKEN, "de").lang == "en"  # from the locale
    assert Session.begin(q, "r1", TOKEN).lang == "en"
    monkeypatch.setenv("LANG", "C")
    assert Session.begin(q, "r1", TOKEN, "sv").lang == "fi"  # the questionnaire's first


# ---------------------------------------------------------------- the draft format


def test_a_draft_holds_only_what_was_typed_ranked_chosen_and_where(q):
    s = Session(q, "r1", TOKEN, "en", answers={"qa": "vastaus", "qb": ""}, page="theme:1", code="SECRET-CODE")
    s.move(2, 0)
    data = s.to_draft()
    assert data == {
        "v": DRAFT_VERSION,
        "answers": {"qa": "vastaus"},
        "ranking": ["z", "x", "y"],
        "ranking_confirmed": True,
        "language": "en",
        "page": "theme:1",
        # The order of shuffled options and items: random, kept in the draft only.
        "seed": s.seed,
    }
    assert len(s.seed) == 16 and s.seed != Session(q, "r1", TOKEN, "en").seed
    assert "SECRET-CODE" not in json.dumps(data)  # never the one-time code


def test_a_draft_round_trips_through_json(q):
    s = Session(q, "r1", TOKEN, "en", answers={"qa": "Ääkköset ja\nrivinvaihto", "qc": "kolmas"}, page="ranking")
    s.move(0, 2)
    back = Session(q, "r1", "OTHER-TOKEN", "fi")
    assert back.restore(json.loads(json.dumps(s.to_draft()))) is True
    assert (back.answers, back.ranking, back.ranking_confirmed, back.lang, back.page) == (
        s.answers,
        s.ranking,
        True,
        "en",
        "ranking",
    )
    assert back.started and back.to_draft() == s.to_draft()


@pytest.mark.parametrize("data", [None, [], ["answers"], "answers", 1, b"{}"])
def test_restore_refuses_what_is_not_a_draft_and_leaves_the_session_alone(q, data):
    s = Session(q, "r1", TOKEN, "fi", answers={"qa": "oma"})
    assert s.restore(data) is False
    assert s.answers == {"qa": "oma"} and s.page == "welcome" and not s.started and s.lang == "fi"


def test_restore_keeps_nothing_the_questionnaire_does_not_allow(q):
    s = Session(q, "r1", TOKEN, "fi")
    ok = s.restore(
        {
            "v": DRAFT_VERSION,
            "answers": {"qa": "ok", "qb": "x" * 50, "nope": "unknown question", "qc": 5, 7: "key not text"},
            "ranking": ["x", "x", "y"],  # not an order of the items
            "ranking_confirmed": True,
            "language": "de",
            "page": "theme:9",
            "code": "ABCDE-FGHJK",
        }
    )
    assert ok
    assert s.answers == {"qa": "ok", "qb": "x" * 10}  # cut to the question's max_length
    assert s.ranking == ["x", "y", "z"] and not s.ranking_confirmed
    assert s.lang == "fi" and s.page == "theme:0" and s.code is None


@pytest.mark.parametrize(
    "ranking",
    [["x", "y"], ["x", "y", "z", "w"], ["x", "y", 3], "xyz", {"x": 1}],
)
def test_restore_ignores_a_ranking_that_is_not_a_full_order(q, ranking):
    s = Session(q, "r1", TOKEN, "fi")
    s.restore({"ranking": ranking, "ranking_confirmed": True, "page": "review"})
    assert s.ranking == ["x", "y", "z"] and not s.ranking_confirmed and s.page == "review"


def test_restore_of_a_questionnaire_without_ranking_ignores_one(q):
    plain = from_dict({**q.to_dict(), "ranking": None})
    s = Session(plain, "r1", TOKEN, "fi")
    assert s.ranking == [] and s.submit_ranking() is None
    s.restore({"ranking": ["x", "y", "z"], "ranking_confirmed": True, "page": "ranking"})
    assert s.ranking == [] and s.page == "theme:0"  # no ranking page in this questionnaire


# ---------------------------------------------------------------- keeping a draft in a store


def test_save_and_load_through_a_store(q):
    store = FakeStore()
    s = Session(q, "r1", "ABCDEFGHJKLM", "fi", answers={"qa": "kesken"}, page="theme:1")
    assert drafts.save(store, s)
    later = Session(q, "r1", "NEW-TOKEN", "en")
    assert drafts.load(store, later, " abcd efgh jklm ") is True
    assert later.answers == {"qa": "kesken"} and later.page == "theme:1" and later.lang == "fi"
    assert later.token == "ABCD-EFGH-JKLM"  # saved again under the code the respondent knows


def test_load_finds_nothing_when_there_is_no_draft_or_the_store_fails(q):
    s = Session(q, "r1", "NEW1-NEW2-NEW3", "fi")
    assert drafts.load(FakeStore(), s, TOKEN) is False
    assert drafts.load(FakeStore(fail=StoreBusy("busy")), s, TOKEN) is False
    assert s.token == "NEW1-NEW2-NEW3" and not s.started


def test_load_refuses_a_stored_value_that_is_not_a_draft(q):
    store = FakeStore()
    store.drafts[("r1", "ABCDEFGHJKLM")] = ["not", "a", "draft"]
    s = Session(q, "r1", "NEW1-NEW2-NEW3", "fi")
    assert drafts.load(store, s, TOKEN) is False
    assert s.token == "NEW1-NEW2-NEW3" and not s.started


def test_save_never_raises_and_writes_nothing_after_the_submit(q):
    s = Session(q, "r1", TOKEN, "fi", answers={"qa": "x"})
    assert drafts.save(FakeStore(fail=SurveyError("read-only")), s) is False
    assert drafts.save(FakeStore(fail=OSError("disk full")), s) is False
    store = FakeStore()
    s.submitted = True
    assert drafts.save(store, s) is True and store.drafts == {}


def test_a_draft_survives_the_real_store(store, open_round, kela):
    s = Session(kela, "r1", TOKEN, "en", answers={"q1a": "Luonnos ö"}, page="theme:2")
    assert drafts.save(store, s)
    later = Session(kela, "r1", "WXYZ-WXYZ-WXYZ", "fi")
    assert drafts.load(store, later, TOKEN.lower())
    assert later.answers == {"q1a": "Luonnos ö"} and later.page == "theme:2" and later.token == TOKEN


@pytest.mark.parametrize("typed", ["abcd-efgh-jklm", " ABCD EFGH JKLM\n", "ab", "äbcd-efgh-jklm", "A1B2C3D4E5F6"])
def test_resume_code_uses_the_stores_normalization(typed):
    from survey_tui.store import normalize_code

    raw = normalize_code(typed)
    expected = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw
    assert resume_code(typed) == expected


# ---------------------------------------------------------------- submit failures


def test_submit_errors_are_said_in_the_respondents_language():
    message, kind = drafts.submit_error("fi", RoundNotOpen("round r1 is closed"), TOKEN)
    assert kind == "RoundNotOpen" and TOKEN in message and "closed" not in message
    assert drafts.submit_error("en", CodeRejected("x", reason="used"), TOKEN)[1] == "CodeRejected"
    assert drafts.submit_error("en", CodeRejected("x", reason="used"), TOKEN)[0] != drafts.submit_error(
        "en", CodeRejected("x", reason="unknown"), TOKEN
    )[0]
    message, kind = drafts.submit_error("en", ResponseInvalid(["answer to 'qa' is too long"]), TOKEN)
    assert kind == "ResponseInvalid" and "answer to 'qa' is too long" in message
    message, kind = drafts.submit_error("en", ValueError("x" * 500), TOKEN)
    assert kind == "Exception" and "x" * 201 not in message


# ---------------------------------------------------------------- the layer


def test_the_session_imports_no_interface_library_and_no_sql():
    code = (
        "import sys, survey_tui.domain.session\n"
        "bad = ['textual', 'click', 'questionary', 'prompt_toolkit', 'sqlite3', 'sqlite_utils', 'yaml']\n"
        "print(' '.join(m for m in bad if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_respondent_pages_and_the_plain_mode_share_the_domain_session():
    from survey_tui.tui.respondent import draft

    assert draft.Session is Session and draft.load is drafts.load and draft.submit_error is drafts.submit_error
