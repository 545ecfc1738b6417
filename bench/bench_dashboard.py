"""`survey-tui dashboard` with 50 rounds and 100,000 responses: time to its first data, and idle CPU.

First data: from process start until the first round's name reaches the pseudo-terminal,
against a minimal Textual app that shows one DataTable of 50 rows (no database), both
started the same way, interleaved. Idle: the dashboard's CPU time over 10 seconds after
its data is on screen (the rounds table refreshes every 2 seconds).
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

ROUNDS = 50

MINIMAL = f"""
from textual.app import App
from textual.widgets import DataTable
class Minimal(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Round", "State", "Opens", "Closes", "Resp.", "Codes used", "Rate", "Left", "Questionnaire")
        for i in range({ROUNDS}):
            table.add_row(f"round-{{i:02d}}", "closed", "-", "-", "2000", "-", "-", "-", "kela-sosiaalitoimi")
Minimal().run()
"""


def build(db, total: int) -> None:
    from realdata import records

    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    kela = load_shipped("kela-sosiaalitoimi")
    per = total // ROUNDS
    stream = records(total)
    with Store(db) as s:
        for i in range(ROUNDS):
            slug = f"round-{i:02d}"
            s.create_round(slug, kela, state="closed")
            s.import_responses(slug, [next(stream) for _ in range(per)])


class Pty:
    def __init__(self, argv: list[str], env: dict):
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                     start_new_session=True)
        os.close(slave)
        self.seen = b""

    def wait_for(self, marker: bytes, timeout: float = 60.0) -> float:
        while time.perf_counter() - self.t0 < timeout:
            self.drain(0.05)
            if marker in self.seen:
                return time.perf_counter() - self.t0
        raise RuntimeError(f"marker {marker!r} not seen; output tail: {self.seen[-300:]!r}")

    def drain(self, wait: float) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        if ready:
            try:
                self.seen += os.read(self.master, 1 << 16)
            except OSError:
                pass

    def cpu_seconds(self) -> float:
        fields = open(f"/proc/{self.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


def first_data(argv: list[str], env: dict) -> float:
    term = Pty(argv, env)
    try:
        return term.wait_for(b"round-00")
    finally:
        term.close()


def idle_percent(argv: list[str], env: dict, seconds: float = 10.0) -> float:
    term = Pty(argv, env)
    try:
        term.wait_for(b"round-00")
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:  # let the first paint settle
            term.drain(0.05)
        before, t0 = term.cpu_seconds(), time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            term.drain(0.1)  # keep reading, or the app blocks writing to a full terminal
        return 100 * (term.cpu_seconds() - before) / (time.perf_counter() - t0)
    finally:
        term.close()


def run(quick: bool = False) -> str:
    tmp = workdir()
    db = tmp / "s.db"
    total = 20_000 if quick else 100_000
    t0 = time.perf_counter()
    build(db, total)
    built = time.perf_counter() - t0
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40", SURVEY_TUI_DB=str(db))
    project = [PY, "-m", "survey_tui", "--db", str(db), "dashboard"]
    minimal = [PY, "-c", MINIMAL]
    repeats = 3 if quick else 7
    p, m = [], []
    for _ in range(repeats):  # interleaved
        p.append(first_data(project, env))
        m.append(first_data(minimal, env))
    ratio = median(p) / median(m)
    idle = idle_percent(project, env)
    idle_minimal = idle_percent(minimal, env)  # the floor: Textual's own idle loop, same run
    idle_text = (f"idle CPU {idle:.2f} % over 10 s after the data is shown (target < 0.5 %; "
                 f"the minimal app {idle_minimal:.2f} % in the same run)")
    rows = [["survey-tui dashboard (rounds table)", median(p) * 1000, min(p) * 1000, max(p) * 1000],
            ["minimal app, one DataTable of 50 rows", median(m) * 1000, min(m) * 1000, max(m) * 1000]]
    return "\n".join([
        f"## Dashboard with {ROUNDS} rounds and {total:,} responses", "",
        f"Command: `survey-tui dashboard` in a pseudo-terminal (120x40); clock stops when the first round's "
        f"name is on screen. {repeats} runs each, interleaved (database built in {built:.0f} s, untimed).", "",
        table(["program", "median ms", "min ms", "max ms"], rows), "",
        f"- {verdict(ratio <= 1.3, f'first data ratio {ratio:.2f} (target <= 1.3)')}",
        f"- {verdict(idle < 0.5, idle_text)}",
        "- The baseline reads no database: it is the issue's yardstick (a minimal app holding one DataTable), "
        "so the ratio is what opening the store, one status query and the screens cost on top of Textual.",
        ""])


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    print(run("--quick" in sys.argv))
