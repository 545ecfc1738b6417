"""Start-up of `survey-tui answer` until the welcome page is painted vs a minimal Textual app.

Both run in tmux at 80x24, as issue 13 asks: the clock stops when a known word of the first
page is on tmux's screen (`capture-pane`, polled), which is what a person sees. Without tmux
the programs run under a bare pseudo-terminal and the clock stops when the word reaches it.
No hook in the app is needed either way.
"""

from __future__ import annotations

import os
import pty
import select
import shlex
import shutil
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


TMUX = ["tmux", "-L", f"bench-startup-{os.getpid()}", "-f", "/dev/null"]


def time_in_tmux(argv: list[str], marker: str, env: dict, timeout: float = 30.0) -> float:
    """Seconds from asking tmux for an 80x24 window running argv until marker is on its screen.

    The tmux server is already running (started by run(), held by a sleeping session), so
    its own start is not timed."""
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k in ("SURVEY_TUI_DB", "HOME", "XDG_CACHE_HOME",
                                                                                    "XDG_DATA_HOME", "XDG_CONFIG_HOME"))
    command = f"cd {shlex.quote(str(ROOT))} && env {exports} {shlex.join(argv)}"
    shown = ""
    try:
        t0 = time.perf_counter()
        subprocess.run([*TMUX, "new-session", "-d", "-s", "run", "-x", "80", "-y", "24", command], check=True)
        while time.perf_counter() - t0 < timeout:
            shown = subprocess.run([*TMUX, "capture-pane", "-p", "-t", "run"], capture_output=True, text=True).stdout
            if marker in shown:
                return time.perf_counter() - t0
            time.sleep(0.005)
        raise RuntimeError(f"marker {marker!r} not seen in tmux; screen: {shown[-300:]!r}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", "run"], capture_output=True)


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
    in_tmux = shutil.which("tmux") is not None
    if in_tmux:
        # Not the pty's COLUMNS/LINES: the windows get tmux's own size.
        clean = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
        subprocess.run([*TMUX, "new-session", "-d", "-s", "hold", "-x", "80", "-y", "24", "sleep 3600"], check=True,
                       env=clean)
    p, m = [], []
    try:
        for _ in range(repeats):  # interleaved
            if in_tmux:
                p.append(time_in_tmux(project, "Welcome", env))
                m.append(time_in_tmux(minimal, "Welcome", env))
            else:
                p.append(time_to_marker(project, b"Welcome", env))
                m.append(time_to_marker(minimal, b"Welcome", env))
    finally:
        if in_tmux:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
    ratio = median(p) / median(m)
    rows = [["survey-tui answer (welcome page)", median(p) * 1000, min(p) * 1000, max(p) * 1000],
            ["minimal Textual app", median(m) * 1000, min(m) * 1000, max(m) * 1000]]
    return "\n".join([
        "## Start-up to the first painted page", "",
        f"Command: `survey-tui answer --round r1 --lang en` on the shipped questionnaire. "
        + (f"Time from asking tmux for an 80x24 window running it until the word 'Welcome' is on tmux's screen "
           f"(capture-pane polled every 5 ms), {repeats} runs each, interleaved with a minimal Textual app (one Static)."
           if in_tmux else
           f"tmux was not found: time from process start until the word 'Welcome' reaches a pseudo-terminal "
           f"(100x30), {repeats} runs each, interleaved with a minimal Textual app (one Static)."), "",
        table(["program", "median ms", "min ms", "max ms"], rows), "",
        f"- {verdict(ratio <= 1.15, f'start-up ratio {ratio:.2f} (target <= 1.15, issue 13)')}", ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
