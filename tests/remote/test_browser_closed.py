"""End to end in the browser: closed questions and a live condition of kela-seuranta, typed
by headless chromium into `survey-tui serve` (the same respondent app as the terminal)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from cdp import Browser
from remote_helpers import ROUND
from serve_helpers import wait_no_answer_processes
from stored import stored_responses
from test_browser import free_port, start_server, stop_server

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium is not installed (apt-get install chromium); .ci/run installs it so CI runs this",
)


@pytest.fixture
def seuranta_db(tmp_path) -> Path:
    path = tmp_path / "survey.db"
    with Store(path) as store:
        store.create_round(ROUND, load_shipped("kela-seuranta"), state="open")
    return path


async def drive(url: str, profile: Path) -> None:
    browser = Browser(profile)
    await browser.start()
    try:
        await browser.call("Page.navigate", url=url)
        await browser.wait_for_text("I agree, start")
        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await browser.key("enter")
        await browser.wait_for_text("Theme 1 / 5")
        await browser.key("down")
        await browser.key("down")
        await browser.key("enter")  # No: the follow-up question appears
        await browser.wait_for_text("What has stopped or slowed down")
        await browser.key("tab")
        await browser.type_text("Browser: no time")
        await browser.key("tab")  # the scale: ↓ moves along the row, Enter chooses
        await browser.key("down")
        await browser.key("enter")
        for n in range(2, 6):
            await browser.key("n", ctrl=True)
            await browser.wait_for_text(f"Theme {n} / 5")
        await browser.key("n", ctrl=True)
        await browser.wait_for_text("Rank the themes")
        await browser.key("enter")
        await browser.key("n", ctrl=True)
        await browser.wait_for_text("Check your answers")
        await browser.key("s", ctrl=True)
        await browser.wait_for_text("Thank you!")
    finally:
        await browser.close()


def test_browser_answers_closed_questions_and_a_condition(seuranta_db, tmp_path):
    port = free_port()
    server = start_server(seuranta_db, port, tmp_path)
    try:
        asyncio.run(drive(f"http://127.0.0.1:{port}/", tmp_path / "profile"))
        wait_no_answer_processes(seuranta_db, 8)
    finally:
        stop_server(server)
    with Store(seuranta_db) as store:
        [rec] = stored_responses(store, ROUND)
        assert rec["answers"] == {"p4_adopted": "no", "p4_obstacles": "Browser: no time", "p4_works": "2"}
        assert rec["language"] == "en"
        assert store.count_drafts(ROUND) == 0
