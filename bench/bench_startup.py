"""Start-up of `survey-tui answer` until the welcome page is painted vs a minimal Textual app.

Both run in tmux at 80x24, as issue 13 asks: the clock stops when a known word of the first
page is on tmux's screen (`capture-pane`, polled), which is what a person sees. Without tmux
the programs run under a bare pseudo-terminal and the clock stops when the word reaches it.
No hook in the app is needed either way.

Wall-clock time on a shared two-core machine varies by tens of milliseconds from run to run,
so the runs are many and interleaved, and when valgrind is installed the section also counts
the instructions each program executes until that page is written (bench/first_frame.py under
callgrind): the same every run, and broken down step by step to show where the difference goes.
"""

from __future__ import annotations

import os
import pty
import re
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


def _callgrind(argv: list[str], env: dict, cwd, with_terminal: bool) -> int:
    """Instructions valgrind counts for argv (in an 80x24 pseudo-terminal when it paints)."""
    out = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
    if not with_terminal:
        done = subprocess.run(out, capture_output=True, text=True, env=env, cwd=cwd)
        err = done.stderr
    else:
        import fcntl
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        proc = subprocess.Popen(out, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=cwd,
                                start_new_session=True)
        os.close(slave)
        while proc.poll() is None:  # keep the terminal drained so the app never blocks on it
            if select.select([master], [], [], 0.2)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        err = proc.stderr.read().decode(errors="replace")
        proc.wait()
        os.close(master)
    counts = [int(n) for n in re.findall(r"Collected : (\d+)", err)]
    if not counts:
        raise RuntimeError(f"valgrind counted nothing: {err[-300:]!r}")
    return counts[-1]


# Each step imports what the one before did and more, in the order `survey-tui answer` meets
# them, with the garbage collector set as its start-up sets it (survey_tui/startup.py).
IMPORT_STEPS = [
    ("Python itself", "pass"),
    ("+ Textual (textual.app and Static, as the minimal app imports)",
     "import survey_tui.startup as s; s.relax()\nimport textual.app\nfrom textual.widgets import Static"),
    ("+ click", "import click"),
    ("+ the questionnaire model and validation (survey_tui.questionnaire: frozen dataclasses, sanitize)",
     "import survey_tui.questionnaire"),
    ("+ the rest of the store (survey_tui.store: sqlite3, json, rounds, codes, drafts...)", "import survey_tui.store"),
    ("+ the CLI (survey_tui.cli.main, answer_cmd)", "import survey_tui.cli.main, survey_tui.cli.answer_cmd, survey_tui.cli.common"),
    ("+ the respondent app and its welcome page (session, pages, widgets)",
     "import survey_tui.tui.respondent.app, survey_tui.tui.respondent.welcome"),
]


def instructions(env: dict) -> list[str]:
    """The instruction counts, or nothing without valgrind."""
    if shutil.which("valgrind") is None:
        return ["Instruction counts: skipped, valgrind is not installed.", ""]
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    hook = str(ROOT / "bench" / "first_frame.py")
    minimal = _callgrind([PY, hook, "Welcome", "-c", MINIMAL], env, ROOT, True)
    project = _callgrind([PY, hook, "Welcome", "-m", "survey_tui", "answer", "--round", "r1", "--lang", "en"], env, ROOT, True)
    steps, code, last = [], "", 0
    for label, line in IMPORT_STEPS:
        code = f"{code}\n{line}" if code else line
        count = _callgrind([PY, "-c", code], env, ROOT, False)
        steps.append([label, (count - last) / 1e6])
        last = count
    steps.append(["+ running until the welcome page is written (store, round, session, app, CSS, catalog, "
                  "compose, layout, paint)", (project - last) / 1e6])
    textual_alone = _callgrind([PY, "-c", "import textual.app\nfrom textual.widgets import Static"], env, ROOT, False)
    rows = [["minimal Textual app", minimal / 1e6, 1.0], ["survey-tui answer (welcome page)", project / 1e6, project / minimal]]
    return [
        "Instructions executed until the page with 'Welcome' is written to the terminal (valgrind's callgrind, "
        "80x24 pseudo-terminal, `bench/first_frame.py` ends each program there):", "",
        table(["program", "million instructions", "vs minimal"], rows), "",
        "Where `survey-tui answer`'s instructions go, step by step (each row: what that step adds; "
        f"the minimal app's own run after the same imports is {(minimal - textual_alone) / 1e6:.0f} million):", "",
        table(["step", "million instructions"], steps), "",
    ]


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
    repeats = 5 if quick else 31
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
    # Each project run is divided by the minimal run next to it: the machine's speed drifts by
    # tens of per cent over a minute here, and a pair shares the drift. The verdict is the
    # median of these pairs; the ratio of the two medians is shown beside it.
    pairs = sorted(a / b for a, b in zip(p, m))
    ratio = median(pairs)
    quartiles = (pairs[len(pairs) // 4], pairs[(3 * len(pairs)) // 4])
    of_medians = median(p) / median(m)
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
        f"- {verdict(ratio <= 1.15, f'start-up ratio {ratio:.2f}, the median of {len(pairs)} interleaved pairs (quartiles {quartiles[0]:.2f}-{quartiles[1]:.2f}; ratio of the medians {of_medians:.2f}) (target <= 1.15, issue 13)')}", "",
        *([] if quick else instructions(env))])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
