"""`survey-tui answer` before the app starts: refusals and resume codes, for respondents."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from survey_tui.store import Store

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def answer(db, *args: str):
    from survey_tui.cli.main import cli

    return CliRunner().invoke(cli, ["--db", str(db), "answer", *args])


@pytest.mark.parametrize(
    "slug, lang, expected",
    [
        ("nope", "fi", 'Kyselyä nimeltä "nope" ei löytynyt. Tarkista kyselyn nimi kutsusta tai kysy kyselyn järjestäjältä.'),
        ("nope", "en", 'No survey named "nope" was found. Check the name in your invitation or ask the survey coordinator.'),
        ("draftr", "fi", "Kysely ei ole vielä avoinna. Voit vastata, kun kyselyn järjestäjä avaa sen."),
        ("closedr", "fi", "Kysely on päättynyt, eikä se enää ota vastauksia."),
        ("closedr", "en", "This survey has ended and no longer accepts answers."),
        ("later", "fi", f"Kyselyyn voi vastata vasta {(TODAY + DAY).day}.{(TODAY + DAY).month}.{(TODAY + DAY).year} alkaen."),
        ("later", "en", f"This survey opens for answers on {(TODAY + DAY).isoformat()}."),
        ("past", "fi", f"Kyselyn vastausaika päättyi {(TODAY - DAY).day}.{(TODAY - DAY).month}.{(TODAY - DAY).year}, eikä se enää ota vastauksia."),
    ],
)
def test_a_round_that_takes_no_answers_is_explained_to_the_respondent(tmp_path, kela, slug, lang, expected):
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.create_round("draftr", kela, state="draft")
        s.create_round("closedr", kela, state="closed")
        s.create_round("later", kela, state="open", opens=TODAY + DAY)
        s.create_round("past", kela, state="open", opens=TODAY - 3 * DAY, closes=TODAY - DAY)
    result = answer(db, "--round", slug, "--lang", lang)
    assert result.exit_code == 1
    # The whole line in the respondent's language: no "Error:", no slug-quoting store text,
    # no coordinator command.
    assert result.output.strip() == expected


def test_a_resume_code_opens_its_own_round_when_several_are_open(tmp_path, kela, small_q, monkeypatch):
    from survey_tui.cli import answer_cmd

    db = tmp_path / "s.db"
    with Store(db) as s:
        s.create_round("a-round", kela, state="open")
        s.create_round("b-round", small_q, state="open")
        s.save_draft("b-round", "ABCD-EFGH-JKLM", {"answers": {"qa": "kesken"}, "page": "theme:0"})
    calls = []
    monkeypatch.setattr(answer_cmd, "_run", lambda store, slug, **kw: calls.append((slug, kw["resume"])) or 0)
    result = answer(db, "--resume", "abcd efgh jklm", "--lang", "fi")
    assert result.exit_code == 0, result.output
    assert calls == [("b-round", "abcd efgh jklm")]  # no chooser: straight to the code's round


def test_no_database_at_the_given_path_is_no_survey_for_the_respondent(tmp_path):
    missing = tmp_path / "typo.db"
    result = answer(missing, "--lang", "en")
    assert result.exit_code == 1
    assert "survey-tui" not in result.output and "Traceback" not in result.output
    assert "no survey" in result.output.lower() or "no open" in result.output.lower(), result.output
    assert not missing.exists()


def test_after_a_crash_the_answers_are_kept_and_the_exit_status_says_so(store, open_round, kela, capsys):
    from survey_tui.cli.answer_cmd import after_run
    from survey_tui.tui.respondent.app import make_app
    from survey_tui.tui.respondent.draft import Session

    app = make_app(store, "r1", token="CRSH-EFGH-JKLM")
    app.session = Session(kela, "r1", "CRSH-EFGH-JKLM", "en", answers={"q3": "kesken"}, page="theme:2")
    assert after_run(app) == 0 and capsys.readouterr().err == ""  # ended normally: nothing to say
    app.crashed = True  # as RespondentApp.panic records it
    assert after_run(app) == 1
    assert "resume code CRSH-EFGH-JKLM" in capsys.readouterr().err
    assert store.count_drafts("r1") == 1
    app.session.submitted = True  # the submit went through before the crash: no draft, no code
    assert after_run(app) == 1 and "resume code" not in capsys.readouterr().err
