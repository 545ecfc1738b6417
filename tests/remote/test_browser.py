"""End to end: `survey-tui serve` driven by Debian's headless chromium over CDP.

The browser types a whole response into the served respondent app; the test then
finds it in the database and keeps a screenshot in tests/artifacts/. A page of another
origin (another port on 127.0.0.1) then tries to open a session and is refused.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from cdp import Browser
from remote_helpers import ROUND, base_env, db_bytes, survey_cmd
from serve_helpers import answer_pids, wait_no_answer_processes
from stored import stored_responses

from survey_tui.store import Store

# A newcomer's machine may have no browser; CI installs Debian's chromium (.ci/run), so there it runs.
pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium is not installed (apt-get install chromium); .ci/run installs it so CI runs this",
)

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, home: Path) -> subprocess.Popen:
    argv = survey_cmd() + ["--db", str(db), "serve", "--port", str(port), "--round", ROUND, "--lang", "en"]
    proc = subprocess.Popen(
        argv, env=base_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.stdout.read().decode(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    raise AssertionError("serve did not start listening")


def stop_server(proc: subprocess.Popen) -> str:
    # The server and the answer processes it started share one process group (ours).
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out.decode(errors="replace")


async def drive(url: str, profile: Path) -> str:
    browser = Browser(profile)
    await browser.start()
    try:
        await browser.call("Page.navigate", url=url)
        await browser.wait_for_text("I agree, start")
        title = await browser.evaluate("document.title")
        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await browser.key("enter")
        await browser.wait_for_text("Theme 1 / 5")
        await browser.type_text("Browser idea: joint guidance days")
        for n in range(2, 6):
            await browser.key("n", ctrl=True)
            await browser.wait_for_text(f"Theme {n} / 5")
        await browser.key("n", ctrl=True)
        await browser.wait_for_text("Rank the themes")
        await browser.key("down")
        await browser.key("1")  # the second theme becomes the most important
        await browser.key("enter")  # confirm the order
        await browser.key("n", ctrl=True)
        await browser.wait_for_text("Check your answers")
        await browser.key("s", ctrl=True)
        await browser.wait_for_text("Thank you!")
        await asyncio.sleep(0.3)
        await browser.screenshot(ARTIFACTS / "browser-thanks.png")
    finally:
        await browser.close()
    return title


def test_browser_completes_a_response(remote_db, tmp_path):
    port = free_port()
    server = start_server(remote_db, port, tmp_path)
    try:
        title = asyncio.run(drive(f"http://127.0.0.1:{port}/", tmp_path / "profile"))
        # The browser is closed: its session's answer process is gone without the server stopping.
        wait_no_answer_processes(remote_db, 8)
    finally:
        log = stop_server(server)
    assert title == "Themes for developing cooperation between Kela and municipal social services"
    with Store(remote_db) as store:
        [rec] = stored_responses(store, ROUND)
        assert rec["answers"] == {"q1a": "Browser idea: joint guidance days"}
        assert rec["language"] == "en"
        assert rec["ranking"][:2] == ["tunteminen", "tiedottaminen"]
        assert store.count_drafts(ROUND) == 0
    assert (ARTIFACTS / "browser-thanks.png").stat().st_size > 10_000
    # No access log: the respondent's address is neither printed nor stored.
    assert "127.0.0.1:" not in log.replace(f"http://127.0.0.1:{port}", "")
    assert b"127.0.0.1" not in db_bytes(remote_db)


FOREIGN_PAGE = """<!DOCTYPE html><html><head><title>another site</title></head><body><script>
window.result = "pending";
const ws = new WebSocket("ws://127.0.0.1:%d/ws?width=80&height=24");
ws.onopen = () => { window.result = "open"; };
ws.onerror = () => { window.result = "refused"; };
</script></body></html>"""


async def foreign_page_tries(survey_port: int, profile: Path) -> str:
    """A page of another origin (another port of 127.0.0.1) opening the survey's WebSocket."""
    from aiohttp import web

    async def page(request):
        return web.Response(text=FOREIGN_PAGE % survey_port, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    page_port = site._server.sockets[0].getsockname()[1]
    browser = Browser(profile)
    await browser.start()
    try:
        await browser.call("Page.navigate", url=f"http://127.0.0.1:{page_port}/")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            result = await browser.evaluate("window.result")
            if result not in (None, "pending"):
                return result
            await asyncio.sleep(0.1)
        return "no outcome"
    finally:
        await browser.close()
        await runner.cleanup()


def test_a_page_of_another_origin_cannot_open_a_session(remote_db, tmp_path):
    port = free_port()
    server = start_server(remote_db, port, tmp_path)
    try:
        outcome = asyncio.run(foreign_page_tries(port, tmp_path / "profile"))
        assert answer_pids(remote_db) == []
    finally:
        stop_server(server)
    assert outcome == "refused"
