"""The coordinator's language (issue 16): CLI messages and the dashboard in Finnish, Swedish
or English, chosen by --lang or else the locale with POSIX precedence."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.i18n import locale_lang, text
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

# --------------------------------------------------------------------------- the locale


@pytest.mark.parametrize(
    ("env", "want"),
    [
        ({}, "en"),
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language the program does not have: English
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "sv_FI.UTF-8"}, "sv"),  # LC_MESSAGES before LANG
        ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "sv_FI", "LC_ALL": "en_GB.UTF-8"}, "en"),  # LC_ALL first
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fi_FI@euro"}, "fi"),
        ({"LANG": "fi_FI.UTF-8", "LC_ALL": "C"}, "en"),  # the first one set decides, even an unknown one
        ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "POSIX"}, "en"),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, "sv"),  # empty is not set
        ({"LANGUAGE": "fi", "LANG": "C"}, "en"),  # GNU LANGUAGE is not POSIX: not read
    ],
)
def test_locale_language_follows_posix_precedence(env, want):
    assert locale_lang(env) == want


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lang.db"
    store = Store(path)
    store.create_round("spring", load_shipped("kela-sosiaalitoimi"), state="open", min_group=3)
    store.add_codes("spring", count=3)
    store.close()
    return path


CLEAN = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8", "LANGUAGE": None}


def run(db, *args, env=None):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], env={**CLEAN, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.output


def test_round_list_in_finnish_with_lang(db):
    out = run(db, "--lang", "fi", "round", "list")
    assert out.splitlines()[0].split() == ["kierros", "kysely", "tila", "avautuu", "sulkeutuu", "vastauksia", "jatkoa"]
    assert "spring" in out


def test_the_locale_chooses_when_lang_is_not_given(db):
    assert run(db, "codes", "list", "spring", env={"LANG": "fi_FI.UTF-8"}).startswith(
        "3 koodia luotu, 0 käytetty, 3 käyttämättä.")
    assert "svarsandel" in run(db, "status", "spring", env={"LC_ALL": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"})
    # English by default, and when the locale names a language the program does not have
    assert run(db, "codes", "list", "spring").startswith("3 code(s) issued, 0 used, 3 unused.")
    assert run(db, "codes", "list", "spring", env={"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}).startswith("3 code(s) issued")
    # --lang wins over the locale
    assert run(db, "--lang", "en", "status", "spring", env={"LANG": "fi_FI.UTF-8"}).startswith("round ")


def test_counted_messages_take_their_plural_form(db):
    assert text("cli", "fi", "codes_issued", n=1, slug="s") == "1 koodi luotiin kierrokselle s."
    assert text("cli", "fi", "codes_issued", n=4, slug="s") == "4 koodia luotiin kierrokselle s."
    assert text("cli", "en", "codes_issued", n=1, slug="s") == "1 code issued for round s."
    assert text("cli", "en", "responses", n=1) == "1 response" and text("cli", "en", "responses", n=2) == "2 responses"
    assert text("cli", "sv", "responses", n=1) == "1 svar"


def test_errors_get_the_language_prefix(db):
    result = CliRunner().invoke(cli, ["--db", str(db), "--lang", "fi", "status", "nope"], env=CLEAN)
    assert result.exit_code != 0 and result.output.startswith("Virhe: ")  # the message itself stays English


# --------------------------------------------------------------------------- the dashboard


@pytest.fixture
def closed_round(tmp_path):
    kela = load_shipped("kela-sosiaalitoimi")
    store = Store(tmp_path / "dash.db")
    store.create_round("spring", kela, state="open", opens=dt.date(2025, 3, 1), closes=dt.date(2025, 3, 21), min_group=5)
    rnd = store.get_round("spring")
    items = [item.id for item in rnd.questionnaire.ranking.items]
    first = [q.id for _, q in rnd.questionnaire.questions()][0]
    store.import_responses("spring", [
        {"language": "fi", "answers": {first: f"vastaus {i}"}, "ranking": items[i % len(items):] + items[:i % len(items)]}
        for i in range(6)
    ])
    store.set_state("spring", "closed")
    yield store
    store.close()


def footer_words(screen) -> list[str]:
    return [binding.description for _, binding, enabled, _ in screen.active_bindings.values() if binding.show and enabled]


async def test_dashboard_in_finnish(closed_round):
    from textual.widgets import DataTable, Static

    from survey_tui.tui.dashboard.app import make_dashboard

    app = make_dashboard(closed_round, today=dt.date(2025, 3, 25), lang="fi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert {"Uusi", "Avaa", "Sulje", "Koodit", "Näytä", "Lopeta"} <= set(footer_words(screen))
        table = screen.query_one("#rounds", DataTable)
        assert [column.label.plain for column in table.columns.values()][:2] == ["Kierros", "Tila"]
        assert "ei ota vastaan vastauksia" in str(screen.query_one("#round-detail", Static).render())

        await pilot.press("v")
        await pilot.pause()
        await pilot.pause()
        view = app.screen
        assert view.sub_title == "Tulokset · spring"
        assert {"Tärkeimmät", "Sijat", "Tunnusluvut", "Takaisin"} <= set(footer_words(view))
        stats = view.query_one("#stats-table", DataTable)
        assert [column.label.plain for column in stats.columns.values()][:3] == ["Kohta", "Ensimmäinen", "Keskisija"]
        assert "Yhteinen järjestys:" in str(view.query_one("#consensus", Static).render())
        texts = " ".join(str(s.render()) for s in view.query(Static))
        assert "6 vastaajan ensimmäiset valinnat" in texts


async def test_the_dashboard_is_english_by_default(closed_round):
    from survey_tui.tui.dashboard.app import make_dashboard

    app = make_dashboard(closed_round, today=dt.date(2025, 3, 25))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert {"New", "Open", "Close", "Quit"} <= set(footer_words(app.screen))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_every_rounds_screen_key_fits_80_columns(tmp_path, lang):
    from textual.widgets._footer import FooterKey

    from survey_tui.tui.dashboard.app import make_dashboard

    store = Store(tmp_path / "empty.db")
    app = make_dashboard(store, today=dt.date(2025, 3, 10), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert len(keys) == 10 and keys[-1].region.right <= 80, [(k.description, k.region.right) for k in keys]
    store.close()


def test_the_round_wizard_asks_in_the_coordinator_language(monkeypatch):
    from survey_tui import wizard

    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")
    assert wizard._date_ok("joskus").startswith("Ei päivämäärä")
    assert wizard._count_ok("x") == "Kokonaisluku väliltä 0–100000"
    monkeypatch.setenv("LC_ALL", "sv_FI.UTF-8")
    assert wizard._w("wizard_open_now") == "Öppna omgången nu?"
    monkeypatch.setenv("LC_ALL", "C")
    assert wizard._w("wizard_open_now") == "Open the round now?"


def test_errors_from_the_use_cases_speak_the_coordinator_language(tmp_path):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "round", "new", "r", "--questionnaire", "kela-sosiaalitoimi"]).exit_code == 0
    fi = runner.invoke(cli, ["--db", db, "--lang", "fi", "report", "r"])
    sv = runner.invoke(cli, ["--db", db, "--lang", "sv", "report", "r"])
    en = runner.invoke(cli, ["--db", db, "report", "r"])
    assert fi.exit_code == sv.exit_code == en.exit_code == 1
    assert "kierroksella 'r' on 0 vastausta" in fi.output and "omgången 'r' har 0 svar" in sv.output
    assert "round 'r' has 0 responses" in en.output
    missing = runner.invoke(cli, ["--db", db, "--lang", "fi", "round", "open", "nosuch"])
    assert missing.exit_code == 1 and "nosuch" in missing.output and "no round" not in missing.output


def test_operating_system_reasons_speak_the_coordinator_language(tmp_path):
    from survey_tui.errors import os_reason
    from survey_tui.i18n import set_coordinator_lang

    try:
        open(tmp_path / "missing" / "file")
    except OSError as exc:
        missing = exc
    try:
        open(tmp_path)
    except OSError as exc:
        folder = exc
    try:
        set_coordinator_lang("fi")
        assert os_reason(missing) == "tiedostoa tai kansiota ei ole"
        assert os_reason(folder) == "on kansio"
        set_coordinator_lang("sv")
        assert os_reason(folder) == "är en mapp"
        set_coordinator_lang("en")
        assert os_reason(missing) == "no such file or folder"
        assert os_reason(OSError(99999, "Odd thing")) == "Odd thing"  # an uncommon errno as the OS says it
    finally:
        set_coordinator_lang("en")


def test_a_finnish_cli_error_about_a_file_is_finnish_throughout(tmp_path):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    result = CliRunner().invoke(cli, ["--lang", "fi", "--db", str(tmp_path / "s.db"), "questionnaire", "validate",
                                      str(tmp_path / "nothing.yaml")])
    assert result.exit_code != 0
    assert "tiedostoa tai kansiota ei ole" in result.output and "No such file" not in result.output
