"""Start-up of `survey-tui answer` until the welcome page is painted vs a minimal Textual app.

Both run under a pseudo-terminal; the clock stops when a known word of the first page
appears in the terminal output (no hook in the app needed).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

from common import PY, ROOT, median, table, verdict, workdir

MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("Welcome")
Minimal().run()
"""


def time_to_marker(argv: list[str], marker: bytes, env: dict, timeout: float = 30.0) -> float:
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - t0 < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - t0
        raise RuntimeError(f"marker {marker!r} not seen; output tail: {seen[-300:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def run(quick: bool = False) -> str:
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    tmp = workdir()
    db = tmp / "s.db"
    with Store(db) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30", SURVEY_TUI_DB=str(db))
    project = [PY, "-m", "survey_tui", "answer", "--round", "r1", "--lang", "en"]
    minimal = [PY, "-c", MINIMAL]
    repeats = 5 if quick else 11
    p, m = [], []
    for _ in range(repeats):  # interleaved
        p.append(time_to_marker(project, b"Welcome", env))
        m.append(time_to_marker(minimal, b"Welcome", env))
    ratio = median(p) / median(m)
    rows = [["survey-tui answer (welcome page)", median(p) * 1000, min(p) * 1000, max(p) * 1000],
            ["minimal Textual app", median(m) * 1000, min(m) * 1000, max(m) * 1000]]
    return "\n".join([
        "## Start-up to the first painted page", "",
        f"Command: `survey-tui answer --round r1 --lang en` on the shipped questionnaire. Time from process start until "
        f"the word 'Welcome' reaches a pseudo-terminal (100x30), {repeats} runs each, interleaved with a minimal Textual app. "
        "Issue 13 asks for the measurement in tmux at 80x24; this bench reads the pty directly, not tmux.", "",
        table(["program", "median ms", "min ms", "max ms"], rows), "",
        f"- {verdict(ratio <= 1.15, f'start-up ratio {ratio:.2f} (target <= 1.15, issue 13)')}", ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
