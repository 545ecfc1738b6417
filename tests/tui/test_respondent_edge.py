"""Codes, closed rounds, busy databases, required questions, pastes, quitting, hostile text."""

from __future__ import annotations

import time

from click.testing import CliRunner
from textual import events

from respondent_helpers import TOKEN, settle, start_answering, type_text
from survey_tui.errors import CodeRejected, StoreBusy
from survey_tui.tui.respondent.app import make_app
from survey_tui.tui.respondent.quit_confirm import QuitConfirmScreen


def shown(screen, selector: str) -> str:
    return " ".join(str(w.render()) for w in screen.query(selector))


async def _to_review(pilot, app) -> None:
    app.goto("ranking")
    await settle(pilot)
    await pilot.press("enter", "ctrl+n")
    await settle(pilot)
    assert app.page == "review"


async def test_wrong_code_then_right_code(store, kela):
    store.create_round("r1", kela, state="open")
    [(good, _)] = store.add_codes("r1", count=1)
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert app.page == "code"
        await pilot.press("enter")
        assert "Kirjoita koodi" in shown(app.screen, "#code-error")
        await type_text(pilot, "WRONG-CODE1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "code"
        assert "Koodia ei tunnistettu" in shown(app.screen, "#code-error")
        app.screen.query_one("#code-input").value = good.lower()
        await pilot.press("enter")
        await settle(pilot)
        assert app.page == "theme:0"
        store.check_code("r1", good)  # checked, not consumed
        await type_text(pilot, "koodilla ö")
        await _to_review(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    assert store.count_responses("r1") == 1
    try:
        store.check_code("r1", good)
    except CodeRejected as exc:
        assert "already been used" in str(exc)
    else:
        raise AssertionError("the code was not consumed at submit")


async def test_used_code_from_command_line_is_explained(store, kela):
    store.create_round("r1", kela, state="open")
    [(code, _)] = store.add_codes("r1", count=1)
    store.submit("r1", {}, [i.id for i in kela.ranking.items], "fi", code)
    app = make_app(store, "r1", lang="en", code=code, token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert app.page == "code"
        assert "already been used" in shown(app.screen, "#code-error")


async def test_round_closed_before_submit_keeps_draft(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "tärkeä")
        await pilot.press("ctrl+n")
        await settle(pilot)
        store.set_state("r1", "closed")  # the coordinator closes the round meanwhile
        await _to_review(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "review"
        message = shown(app.screen, "#submit-error")
        assert "ei enää ota vastaan" in message and TOKEN in message
        assert "round" not in message  # the store's English reason is for coordinators
        assert store.count_responses("r1") == 0
        assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "tärkeä"}
        store.set_state("r1", "open")  # reopened: the same page can retry
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    assert store.count_responses("r1") == 1
    assert store.count_drafts("r1") == 0


async def test_busy_database_at_submit_is_explained_and_retryable(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    real_submit = store.submit
    calls = []

    def busy(*args, **kwargs):
        calls.append(1)
        raise StoreBusy("the survey database is busy")

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "busy")
        await _to_review(pilot, app)
        store.submit = busy
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert calls and app.page == "review"
        assert "busy right now" in shown(app.screen, "#submit-error")
        assert store.load_draft("r1", TOKEN) is not None
        store.submit = real_submit
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "thanks"
    assert store.count_responses("r1") == 1


async def test_required_question_is_flagged_on_its_page_and_review(store, small_q):
    store.create_round("s", small_q, state="open")
    app = make_app(store, "s", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        assert "(pakollinen)" in shown(app.screen, "#answer-qa .prompt")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:0"  # not allowed on
        area = app.screen.query_one("#answer-qa")
        assert area.has_class("-missing")
        assert area.query_one(".missing").display
        assert app.focused.id == "text-qa"
        # The review page flags it too (reached here by jumping).
        app.goto("review")
        await settle(pilot)
        assert "Tähän kysymykseen on vastattava" in shown(app.screen, ".review-answer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.page == "review" and store.count_responses("s") == 0
        assert "korjaa yllä merkityt" in shown(app.screen, "#submit-error")
        await pilot.press("1")
        await settle(pilot)
        await type_text(pilot, "kyllä")
        assert not app.screen.query_one("#answer-qa").has_class("-missing")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "theme:1"


async def test_incomplete_ranking_is_flagged(store, small_q):
    store.create_round("s", small_q, state="open")
    app = make_app(store, "s", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("ranking")
        await settle(pilot)
        status = app.screen.query_one("#rank-status")
        assert "not been confirmed" in str(status.render())
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.page == "ranking" and status.has_class("-error")
        app.goto("review")
        await settle(pilot)
        assert "confirm the order" in shown(app.screen, ".review-answer")


async def test_overlong_paste_is_cut_with_a_notice(store, small_q):
    store.create_round("s", small_q, state="open")
    app = make_app(store, "s", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await type_text(pilot, "alku ")
        app.post_message(events.Paste("ä" * 80))  # limit is 50
        await pilot.pause()
        area = app.screen.query_one("#text-qa")
        assert area.text == "alku " + "ä" * 45
        counter = shown(app.screen, "#answer-qa .counter")
        assert "Kaikki teksti ei mahtunut" in counter and "50 / 50" in counter
        await pilot.press("x")  # full: nothing more goes in
        assert len(area.text) == 50
        await pilot.press("backspace")
        assert "ei mahtunut" not in shown(app.screen, "#answer-qa .counter")
        assert "49 / 50" in shown(app.screen, "#answer-qa .counter")
        await pilot.pause(0.1)
        assert app.session.answers["qa"] == "alku " + "ä" * 44


async def test_typing_past_the_limit_of_the_last_field_shows_the_notice_on_screen(store, small_q):
    store.create_round("s", small_q, state="open")
    app = make_app(store, "s", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        await pilot.press("tab")  # the second, last field of the page (limit 50)
        area = app.screen.query_one("#text-qb")
        assert area.has_focus
        await type_text(pilot, "y" * 51)  # typed, not pasted: the last key does not fit
        await settle(pilot)
        assert area.text == "y" * 50
        counter = app.screen.query_one("#answer-qb .counter")
        text = str(counter.render())
        assert "Not all of the text fit: an answer can be at most 50 characters. (50 / 50)" == text
        assert "pasted" not in text
        body = app.screen.query_one("#body")
        assert body.region.contains_region(counter.region)  # the notice is on screen


async def test_megabyte_paste_stays_responsive(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        started = time.perf_counter()
        app.post_message(events.Paste(("lorem ipsum\n" * 90_000)[:1_000_000]))
        await pilot.pause()
        await pilot.press("ctrl+n")  # the interface still answers keys
        await settle(pilot)
        elapsed = time.perf_counter() - started
        assert app.page == "theme:1"
        assert len(app.session.answers["q1a"]) == 4000
        assert elapsed < 3.0, f"1 MB paste took {elapsed:.2f}s"


async def test_quit_asks_and_says_the_draft_is_kept(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # on the welcome page, nothing typed yet
        await settle(pilot)
        assert isinstance(app.screen, QuitConfirmScreen)
        assert "mitään ei ole tallennettu" in shown(app.screen, ".para")
        await pilot.press("escape")
        await settle(pilot)
        assert app.page == "welcome" and not isinstance(app.screen, QuitConfirmScreen)
        await start_answering(pilot)
        await type_text(pilot, "luonnos")
        await pilot.press("ctrl+q")
        await settle(pilot)
        text = shown(app.screen, ".para")
        assert "tallennettu luonnokseksi" in text and TOKEN in text
        await pilot.press("ctrl+q")  # a second ctrl+q confirms
        await settle(pilot)
    assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "luonnos"}


async def test_no_command_palette_or_screenshot_for_respondents(store, open_round, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    assert app.ENABLE_COMMAND_PALETTE is False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.page == "welcome" and type(app.screen).__name__ == "WelcomeScreen"
        await app.run_action("screenshot")
        await pilot.pause()
    assert not list(tmp_path.glob("*.svg"))


async def test_hostile_answer_is_shown_inert_on_review(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        app.post_message(events.Paste("\x1b[2J[bold red]not markup[/] \u202eevil \x1b]52;c;aGk=\x07end"))
        await pilot.pause()
        await _to_review(pilot, app)
        text = shown(app.screen, ".review-answer")
        assert "[bold red]not markup[/] evil end" in text
        assert "\x1b" not in text and "\u202e" not in text


async def test_chooser_when_several_rounds_are_open(store, kela, small_q):
    store.create_round("a-round", kela, state="open")
    store.create_round("b-round", small_q, state="open")
    store.create_round("closed-one", small_q, state="closed")
    app = make_app(store, None, lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#rounds")
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.page == "welcome" and app.session.slug == "b-round"
        assert "Small survey" in shown(app.screen, "#header")


def test_answer_command_without_open_round_says_so(tmp_path):
    from survey_tui.cli.main import cli

    from survey_tui.store import Store

    db = str(tmp_path / "empty.db")
    Store(db).close()  # a database with no rounds (a missing one is a different error)
    result = CliRunner().invoke(cli, ["--db", db, "answer", "--lang", "en"])
    assert result.exit_code == 1
    assert "No survey is open for answers right now." in result.output
    assert "Traceback" not in result.output


def test_answer_command_closed_round_is_one_line_error(tmp_path, kela):
    from survey_tui.cli.main import cli
    from survey_tui.store import Store

    db = tmp_path / "s.db"
    with Store(db) as s:
        s.create_round("old", kela, state="closed")
    result = CliRunner().invoke(cli, ["--db", str(db), "answer", "--round", "old", "--lang", "fi"])
    assert result.exit_code == 1
    assert result.output.strip() == "Kysely on päättynyt, eikä se enää ota vastauksia."


def test_demo_creates_the_demo_round_and_opens_the_app(tmp_path, monkeypatch):
    from survey_tui.cli import answer_cmd
    from survey_tui.cli.main import cli
    from survey_tui.store import Store

    opened = []
    monkeypatch.setattr(answer_cmd, "_run", lambda store, slug, **kw: opened.append((slug, kw)) or 0)
    db = tmp_path / "fresh" / "demo.db"
    for _ in range(2):  # the second run reuses the round
        result = CliRunner().invoke(cli, ["--db", str(db), "demo", "--lang", "fi"])
        assert result.exit_code == 0, result.output
    assert [slug for slug, _ in opened] == ["demo", "demo"]
    with Store(db) as s:
        rnd = s.get_round("demo")
        assert (rnd.state, rnd.access, rnd.questionnaire.id) == ("open", "open", "kela-sosiaalitoimi")


async def test_draft_saves_run_off_the_ui_thread_and_never_outlive_submit(store, open_round):
    """A slow draft write must not block the interface, and no draft survives the submit."""
    import threading
    import time as _time

    from survey_tui.tui.respondent.app import make_app as _make_app

    real_save = store.save_draft
    threads: list[str] = []

    def slow_save(*args, **kwargs):
        threads.append(threading.current_thread().name)
        _time.sleep(0.3)  # as if another process held the write lock
        return real_save(*args, **kwargs)

    store.save_draft = slow_save
    app = _make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        started = _time.perf_counter()
        await start_answering(pilot)  # page change schedules a draft save
        await type_text(pilot, "äö")
        elapsed = _time.perf_counter() - started
        await settle(pilot)
        assert threads and all(name != threading.main_thread().name for name in threads)
        assert elapsed < 0.3 * len(threads) + 2  # typing did not wait for each write in turn
        app.session.ranking_confirmed = True  # as after confirming the order on the ranking page
        store.save_draft = real_save
        app.save_draft()
        app.submit()
        await settle(pilot)
        assert store.count_responses("r1") == 1
        app.save_draft()  # a late save (e.g. a debounce timer) after the submit
        await settle(pilot)
    assert store.count_drafts("r1") == 0


async def test_a_response_is_submitted_once_even_if_submit_is_pressed_again(store, open_round):
    """Back and Next rebuild the review page while a slow submit is still running."""
    import threading

    from survey_tui.tui.respondent.app import make_app as _make_app

    release = threading.Event()
    calls = []
    real_submit = store.submit

    def slow_submit(*args, **kwargs):
        calls.append(1)
        release.wait(5)  # as if another process held the write lock
        return real_submit(*args, **kwargs)

    store.submit = slow_submit
    app = _make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        app.session.ranking_confirmed = True
        app.submit()
        await pilot.pause(0.1)
        app.submit()  # pressed again from a rebuilt review page
        await pilot.pause(0.1)
        release.set()
        await settle(pilot)
        assert app.page == "thanks"
    assert len(calls) == 1
    assert store.count_responses("r1") == 1


async def test_typing_on_a_small_terminal_brings_the_answer_field_into_view(store, open_round):
    from survey_tui.tui.respondent.app import make_app as _make_app
    from survey_tui.tui.respondent.answer_area import CappedTextArea

    app = _make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        area = app.screen.query(CappedTextArea).first()
        assert area.has_focus
        await pilot.press(*"näkyy")
        await settle(pilot)
        body = app.screen.query_one("#body")
        assert area.region.overlaps(body.region)  # on screen, not below the fold
        assert area.text == "näkyy"


async def test_language_links_stay_whole_on_a_narrow_terminal(store, open_round):
    app = make_app(store, "r1", lang="fi", token=TOKEN)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        english = app.screen.query_one("#lang-en")
        body = app.screen.query_one("#body")
        assert english.region.right <= body.scrollable_content_region.right
        await pilot.click("#lang-en")
        await settle(pilot)
        assert app.session.lang == "en"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        label = app.screen.query_one("#languages .label")
        assert label.display and "Language" in str(label.render())


async def test_keys_arriving_in_one_burst_land_in_the_fields_they_were_typed_for(store, open_round):
    # Over a slow SSH link typeahead arrives at once: "eka" Tab "toka" Tab "kolmas".
    from textual._xterm_parser import XTermParser

    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        for event in XTermParser().feed("eka\ttoka\tkolmas\x1b[Zlisää"):
            app.post_message(event)
        await settle(pilot)
        texts = [area.text for area in app.screen.query("CappedTextArea")]
        assert texts == ["eka", "tokalisää", "kolmas"]
