"""A respondent in a real browser window, typing on a real (X) keyboard.

Keys sent over the DevTools protocol reach the page even when the browser would keep them
(Ctrl+N opens a window, Ctrl+W closes the tab), so this test runs chromium in a window on
Xvfb and presses keys with xdotool, as a person's keyboard would. It checks that:
- the terminal has the keyboard as soon as the page has loaded (no click: the first Enter
  starts the survey);
- every step of a response works with the keys the browser session's hints name (Alt+N,
  Alt+S), and the hints name no Ctrl key the browser keeps for itself.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from cdp import Browser
from remote_helpers import ROUND
from stored import stored_responses
from test_browser import free_port, start_server, stop_server

from survey_tui.store import Store

MISSING = [tool for tool in ("chromium", "Xvfb", "xdotool") if not shutil.which(tool)]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs {', '.join(MISSING)} (apt-get install chromium xvfb xdotool); .ci/run installs them so CI runs this",
)

BROWSER_KEPT = ("Ctrl+N", "Ctrl+P", "Ctrl+S", "Ctrl+Q", "Ctrl+W", "Ctrl+T")


@pytest.fixture
def display():
    """A private X server on a free display number."""
    for number in range(140, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield f":{number}"
    proc.terminate()
    proc.wait(10)


def press(display: str, *keys: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "80", *keys], env={**os.environ, "DISPLAY": display}, check=True)


def type_text(display: str, text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "30", text], env={**os.environ, "DISPLAY": display}, check=True)


async def wait_for_window(display: str, timeout: float = 20) -> None:
    env = {**os.environ, "DISPLAY": display}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "chromium"], env=env,
                               capture_output=True, text=True)
        if found.stdout.strip():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("no chromium window appeared")


async def drive(url: str, profile: Path, display: str) -> str:
    browser = Browser(profile, display=display)
    await browser.start()
    try:
        await wait_for_window(display)
        # The person is using the browser: one click on the blank page that is open before the
        # survey's (Xvfb has no window manager to activate the window). The survey page itself
        # is never clicked: its terminal must take the keyboard on its own.
        subprocess.run(["xdotool", "mousemove", "400", "300", "click", "1"],
                       env={**os.environ, "DISPLAY": display}, check=True)
        await asyncio.sleep(0.3)
        assert await browser.evaluate("document.hasFocus()")
        await browser.call("Page.navigate", url=url)
        await browser.wait_for_text("I agree, start")
        await asyncio.sleep(0.5)  # the page's own script moves the focus once the app has drawn
        assert "xterm-helper-textarea" in await browser.evaluate("document.activeElement.className")
        press(display, "Return")  # no click, no DevTools focus: the page must have given it
        await browser.wait_for_text("Theme 1 / 5")
        type_text(display, "Keyboard idea: shared calendar")
        for n in range(2, 6):
            press(display, "alt+n")
            await browser.wait_for_text(f"Theme {n} / 5")
        press(display, "alt+n")
        await browser.wait_for_text("Rank the themes")
        press(display, "Down", "1", "Return")  # the second theme first, order confirmed
        await asyncio.sleep(0.3)
        press(display, "alt+n")
        await browser.wait_for_text("Check your answers")
        press(display, "alt+s")
        await browser.wait_for_text("Thank you!")
        return "".join(browser.history)
    finally:
        await browser.close()


def test_browser_session_works_with_a_real_keyboard(remote_db, tmp_path, display):
    port = free_port()
    server = start_server(remote_db, port, tmp_path)
    try:
        seen = asyncio.run(drive(f"http://127.0.0.1:{port}/", tmp_path / "profile", display))
    finally:
        stop_server(server)
    # The hints of a browser session name keys that reach the app, none the browser keeps.
    assert "Alt+Q" in seen and "Alt+S" in seen
    for key in BROWSER_KEPT:
        assert key not in seen, key
    with Store(remote_db) as store:
        [rec] = stored_responses(store, ROUND)
    assert rec["answers"] == {"q1a": "Keyboard idea: shared calendar"}
    assert rec["ranking"][:2] == ["tunteminen", "tiedottaminen"]
