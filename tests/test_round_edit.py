"""Rounds that can be fixed: `round edit`, `round delete`, relative dates, `round open` past its date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from survey_tui import dates
from survey_tui.cli.main import cli
from survey_tui.errors import InvalidInput, WouldLockOutRespondents
from survey_tui.store import KEEP, Store

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
TODAY = dt.date.today()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "edit.db"


@pytest.fixture
def run(db):
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(cli, ["--db", str(db), *map(str, args)])
        assert "Traceback" not in result.output
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def shown(run, slug):
    return json.loads(run("round", "show", slug, "--json").output)


def test_relative_dates_are_parsed_against_today():
    base = dt.date(2026, 12, 1)
    assert dates.parse("today", base) == base
    assert dates.parse("+14d", base) == dt.date(2026, 12, 15)
    assert dates.parse("+14", base) == dt.date(2026, 12, 15)
    assert dates.parse("+2w", base) == dt.date(2026, 12, 15)
    assert dates.parse("-1d", base) == dt.date(2026, 11, 30)
    assert dates.parse(" 2027-01-15 ", base) == dt.date(2027, 1, 15)
    for bad in ("14d", "+d", "next week", "2027-13-01", "+1y", "+999999d"):
        with pytest.raises(ValueError):
            dates.parse(bad, base)
    assert dates.parse_option("", "--closes") is None
    with pytest.raises(InvalidInput, match="--closes: 'soon' is not a date"):
        dates.parse_option("soon", "--closes")


def test_round_new_takes_relative_dates(run):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--opens", "today", "--closes", "+14d")
    got = shown(run, "r")
    assert got["opens"] == TODAY.isoformat()
    assert got["closes"] == (TODAY + dt.timedelta(days=14)).isoformat()
    bad = run("round", "new", "s", "--questionnaire", "kela-sosiaalitoimi", "--closes", "someday", ok=False)
    assert bad.exit_code == 2 and "+14d" in bad.output


def test_open_past_its_closing_date_is_refused_with_the_fix(run, db):
    run("round", "new", "late", "--questionnaire", "kela-sosiaalitoimi", "--closes", "2021-03-16")
    refused = run("round", "open", "late", "--allow-placeholders", ok=False)
    assert refused.exit_code == 2
    errors = [line for line in refused.output.splitlines() if line.strip()]
    assert len(errors) == 1 and "closed on 2021-03-16" in errors[0]
    assert "survey-tui round edit late --closes" in errors[0]
    with Store(db) as s:
        assert s.get_round("late").state == "draft"
    run("round", "edit", "late", "--closes", "+14d")
    opened = run("round", "open", "late", "--allow-placeholders")
    assert "is open" in opened.output and "not accepted" not in opened.output


def test_edit_changes_dates_min_group_access_and_title(run, db):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--closes", "2027-01-15")
    out = run("round", "edit", "r", "--opens", "today", "--closes", "+7d", "--min-group", "7",
              "--access", "codes", "--title", "Kevään kysely: äöå").output
    assert "min_group 5 -> 7" in out and "access open -> codes" in out and "no codes issued" in out
    got = shown(run, "r")
    assert got["opens"] == TODAY.isoformat() and got["closes"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert (got["min_group"], got["access"], got["title"]) == (7, "codes", "Kevään kysely: äöå")
    with Store(db) as s:
        q = s.get_round("r").questionnaire
        assert set(q.title.values()) == {"Kevään kysely: äöå"} and len(q.themes) > 0
    run("round", "edit", "r", "--opens", "none")
    assert shown(run, "r")["opens"] is None
    backwards = run("round", "edit", "r", "--opens", "+30d", ok=False)
    assert backwards.exit_code == 2 and "before it opens" in backwards.output
    assert run("round", "edit", "r", ok=False).exit_code == 2  # nothing to change
    assert run("round", "edit", "r", "--min-group", "2", ok=False).exit_code == 2
    assert run("round", "edit", "nope", "--closes", "+1d", ok=False).exit_code == 1


def test_min_group_is_not_lowered_once_results_were_shown(db):
    with Store(db) as s:
        from survey_tui.questionnaire import resolve

        s.create_round("r", resolve("kela-sosiaalitoimi"), min_group=6, state="open")
        s.edit_round("r", min_group=5)  # nothing shown yet: allowed
        for _ in range(5):
            s.submit("r", {"q3": "x"}, RANKING, "fi")
        s.edit_round("r", min_group=4)  # answered but still sealed: nothing shown either
        s.set_state("r", "closed")
        assert s.release("r").released == 5
        with pytest.raises(InvalidInput, match="raised but not lowered below 4"):
            s.edit_round("r", min_group=3)
        assert s.edit_round("r", min_group=9).min_group == 9
        assert s.get_round("r").min_group == 9


def test_switching_an_answered_open_round_to_codes_needs_the_confirmation(run, db):
    run("round", "new", "live", "--questionnaire", "kela-sosiaalitoimi", "--access", "open", "--open", "--allow-placeholders")
    with Store(db) as s:
        s.submit("live", {"q3": "x"}, RANKING, "fi")
        with pytest.raises(WouldLockOutRespondents):
            s.edit_round("live", access="codes")
    refused = run("round", "edit", "live", "--access", "codes", ok=False)
    assert refused.exit_code == 2 and "--switch-to-codes" in refused.output
    assert shown(run, "live")["access"] == "open"
    run("round", "edit", "live", "--access", "codes", "--switch-to-codes")
    assert shown(run, "live")["access"] == "codes"
    run("round", "edit", "live", "--access", "open")  # nobody is locked out by this direction
    assert shown(run, "live")["access"] == "open"


def test_delete_only_without_responses_and_with_yes_off_a_terminal(run, db):
    run("round", "new", "typo", "--questionnaire", "kela-sosiaalitoimi", "--codes", "3")
    asked = run("round", "delete", "typo", ok=False)
    assert asked.exit_code == 2 and "--yes" in asked.output
    run("round", "delete", "typo", "--yes")
    assert run("round", "show", "typo", ok=False).exit_code == 1
    run("round", "new", "typo", "--questionnaire", "kela-sosiaalitoimi")  # the name is free again
    run("round", "new", "answered", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders")
    run("round", "new", "later", "--follow-up-of", "typo")
    with Store(db) as s:
        s.submit("answered", {"q3": "x"}, RANKING, "fi")
        with pytest.raises(InvalidInput, match="follows up"):
            s.delete_round("typo")
    kept = run("round", "delete", "answered", "--yes", ok=False)
    assert kept.exit_code == 2 and "1 response and cannot be deleted" in kept.output
    assert run("round", "delete", "typo", "--yes", ok=False).exit_code == 2
    run("round", "delete", "later", "--yes")
    run("round", "delete", "typo", "--yes")
    with Store(db) as s:
        assert [r.slug for r in s.list_rounds()] == ["answered"]
        assert s.conn.execute("SELECT count(*) FROM codes").fetchone()[0] == 0


def test_close_off_a_terminal_needs_yes(run, db):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders")
    refused = run("round", "close", "r", ok=False)
    assert refused.exit_code == 2 and "--yes" in refused.output
    with Store(db) as s:
        assert s.get_round("r").state == "open"
    run("round", "close", "r", "--yes")


def test_edit_keeps_dates_not_given(db):
    with Store(db) as s:
        from survey_tui.questionnaire import resolve

        s.create_round("r", resolve("kela-sosiaalitoimi"), opens=dt.date(2027, 1, 1), closes=dt.date(2027, 2, 1))
        rnd = s.edit_round("r", opens=KEEP, closes=dt.date(2027, 3, 1))
        assert (rnd.opens, rnd.closes) == (dt.date(2027, 1, 1), dt.date(2027, 3, 1))


def test_the_wizard_takes_the_same_dates():
    from survey_tui import wizard

    assert wizard._date_ok("+14d") is True and wizard._date_ok("today") is True and wizard._date_ok("") is True
    assert "+14d" in wizard._date_ok("soon")
    check = wizard._closes_ok(TODAY + dt.timedelta(days=3))
    assert check("+7d") is True and "cannot close before" in check("+1d")
