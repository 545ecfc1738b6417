"""Keystroke-to-paint latency with a 5,000-character answer vs a bare TextArea app.

Both programs run under a pseudo-terminal (100x30, xterm-256color), exactly as a respondent's
terminal would drive them. 5,000 characters go in as one bracketed paste; then one printable
character at a time is written to the pty and the clock stops when the terminal output
contains the repainted character counter showing the new length ("5001 / 10000"). No hook in
the app is needed: what is timed is input parsing, the key handler, the counter update, the
layout and the bytes the terminal receives.

The baseline is a bare Textual app with one soft-wrapping TextArea of the same height and a
Static counter updated on TextArea.Changed, so both sides repaint the same kind of thing.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

from common import PY, ROOT, median, table, verdict, workdir

COLS, ROWS = 100, 30
LIMIT = 10000  # the first question's max_length in the bench questionnaire
TEXT = ("Yhteistyötä voisi parantaa säännöllisillä tapaamisilla ja yhteisellä ohjeella. " * 70)[:5000]
KEYS = b"qz"  # typed alternately: distinctive, not in TEXT's last words
GAP = 0.04  # seconds of quiet after each measured repaint, so keys are measured one by one
SETTLE = 2.0  # after the paste: lets the draft debounce (1.5 s) fire before measuring

BASELINE = f"""
from textual.app import App
from textual.widgets import Static, TextArea

class Bare(App):
    CSS = "TextArea {{ height: 7; }} #counter {{ width: 100%; text-align: right; }}"

    def compose(self):
        yield TextArea(soft_wrap=True)
        yield Static("0 / {LIMIT}", id="counter", markup=False)

    def on_text_area_changed(self, event):
        self.query_one("#counter", Static).update(f"{{len(event.text_area.text)}} / {LIMIT}")

Bare().run()
"""


def bench_questionnaire():
    """Like the shipped first theme (three questions), but the first one takes 10,000 characters."""
    from survey_tui.questionnaire import from_dict

    def q(qid, max_length=None):
        d = {"id": qid, "prompt": {"fi": f"Kysymys {qid}?", "en": f"Question {qid}?"}}
        if max_length:
            d["max_length"] = max_length
        return d

    return from_dict({
        "id": "bench-keystroke",
        "languages": ["fi", "en"],
        "title": {"fi": "Vertailukysely", "en": "Benchmark survey"},
        "intro": {"fi": "Johdanto.", "en": "Intro."},
        "themes": [
            {"id": "a", "title": {"fi": "Teema A", "en": "Theme A"},
             "context": {"fi": "Taustaa teemasta.", "en": "Some context for the theme."},
             "questions": [q("q1", LIMIT), q("q2"), q("q3")]},
            {"id": "b", "title": {"fi": "Teema B", "en": "Theme B"}, "questions": [q("q4")]},
        ],
        "ranking": {"prompt": {"fi": "Järjestä.", "en": "Rank."}, "items": "themes"},
    }, source="<bench>")


class PtyProgram:
    """A child process on its own pseudo-terminal; output is read non-blocking with select."""

    def __init__(self, argv: list[str], env: dict, name: str) -> None:
        self.name = name
        self.out = bytearray()
        self.chunks: list[tuple[int, float]] = []  # (end offset in out, arrival time) per read
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.master = master
        os.set_blocking(master, False)
        try:
            self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                         start_new_session=True)
        finally:
            os.close(slave)

    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self.master)

    def _read_ready(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(wait, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except BlockingIOError:
            return False
        except OSError:  # EIO: the child closed the terminal (it exited)
            chunk = b""
        if not chunk:
            raise RuntimeError(f"{self.name}: the program exited (code {self.proc.poll()}); "
                               f"output tail: {bytes(self.out[-400:])!r}")
        self.out += chunk
        self.chunks.append((len(self.out), time.perf_counter()))
        return True

    def drain(self, seconds: float) -> None:
        """Read whatever arrives for `seconds` (blinking cursor, late repaints)."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self._read_ready(left)

    def wait_for(self, marker: bytes, since: int, timeout: float, what: str) -> float:
        """Read until output after offset `since` contains `marker`; returns the time it appeared."""
        end = time.perf_counter() + timeout
        while True:
            if self.out.find(marker, max(since, 0)) >= 0:
                return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{self.name}: {what}: {marker!r} not seen within {timeout:g} s; "
                                   f"output tail: {bytes(self.out[-400:])!r}")
            self._read_ready(min(left, 0.5))

    def write(self, data: bytes, timeout: float = 30.0) -> None:
        """Write all of `data`, reading output meanwhile so neither side of the pty blocks."""
        end = time.perf_counter() + timeout
        view = memoryview(data)
        while view:
            if time.perf_counter() > end:
                raise RuntimeError(f"{self.name}: could not write input within {timeout:g} s")
            readable, writable, _ = select.select([self.master], [self.master], [], 0.5)
            if readable:
                self._read_ready(0)
            if writable:
                try:
                    view = view[os.write(self.master, view):]
                except BlockingIOError:
                    pass


CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")


def first_paint_of(prog: PtyProgram, char: bytes, since: int) -> float | None:
    """Arrival time of the first output after `since` holding `char` outside escape sequences."""
    for end, at in prog.chunks:
        if end > since and char in CSI.sub(b"", bytes(prog.out[since:end])):
            return at
    return None


def counter(n: int) -> bytes:
    return f"{n} / {LIMIT}".encode()


def measure(prog: PtyProgram, ready: bytes, start_keys: bytes, n: int) -> tuple[list[float], list[float]]:
    """Bring `prog` to an empty focused answer, paste TEXT, then time n keystrokes.

    Returns (until the counter shows the new length, until the typed character is first painted).
    """
    prog.wait_for(ready, 0, 30, "first page")
    if start_keys:
        prog.drain(0.3)  # let the page finish mounting (lazy parts) before the key
        mark = len(prog.out)
        prog.write(start_keys)
        prog.wait_for(counter(0), mark, 15, "the answer page after Enter")
    prog.drain(0.3)
    mark = len(prog.out)
    prog.write(b"\x1b[200~" + TEXT.encode() + b"\x1b[201~")
    prog.wait_for(counter(len(TEXT)), mark, 30, "the counter after the 5,000-character paste")
    prog.drain(SETTLE)
    to_counter, to_char = [], []
    for i in range(n):
        prog.drain(GAP)
        del prog.chunks[:]
        mark = len(prog.out)
        key = KEYS[i % 2:i % 2 + 1]
        t0 = time.perf_counter()
        prog.write(key)
        t1 = prog.wait_for(counter(len(TEXT) + i + 1), mark, 10, f"keystroke {i + 1}")
        to_counter.append(t1 - t0)
        # The blinking cursor restarts on every key, so no blink repaint precedes this one.
        seen = first_paint_of(prog, key, mark)
        to_char.append((seen if seen is not None else t1) - t0)
    return to_counter, to_char


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[min(max(int(-(-len(ordered) * q // 100)) - 1, 0), len(ordered) - 1)]


def run(quick: bool = False) -> str:
    from survey_tui.store import Store

    db = workdir() / "k.db"
    with Store(db) as s:
        s.create_round("r1", bench_questionnaire(), state="open")
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    for name in ("TEXTUAL", "TEXTUAL_FPS", "SURVEY_TUI_DB"):
        env.pop(name, None)  # no devtools, Textual's default frame rate, only --db
    project = [PY, "-m", "survey_tui", "--db", str(db), "answer", "--round", "r1", "--lang", "en"]
    baseline = [PY, "-c", BASELINE]
    n = 60 if quick else 200
    blocks = 1 if quick else 2  # full mode: P, B, P, B (fresh processes) so drift hits both alike
    pc: list[float] = []
    pt: list[float] = []
    bc: list[float] = []
    bt: list[float] = []
    for _ in range(blocks):
        with PtyProgram(project, env, "survey-tui answer") as prog:
            # Enter on the focused start button; each run is a fresh session (new draft token).
            c, t = measure(prog, b"I agree, start", b"\r", n // blocks)
            pc += c
            pt += t
        with PtyProgram(baseline, env, "bare TextArea app") as prog:
            c, t = measure(prog, counter(0), b"", n // blocks)
            bc += c
            bt += t
    ms = 1000

    def row(name, v):
        return [name, median(v) * ms, pct(v, 95) * ms, pct(v, 99) * ms, max(v) * ms]

    ratio = median(pc) / median(bc)
    p99_ms = pct(pc, 99) * ms
    headers = ["app", "median ms", "p95 ms", "p99 ms", "max ms"]
    return "\n".join([
        "## Keystroke-to-paint latency with a 5,000-character answer", "",
        f"Both programs under a pseudo-terminal ({COLS}x{ROWS}, xterm-256color). 5,000 characters are pasted "
        "(bracketed paste) into the focused answer, then one character at a time is written to the pty; "
        "the clock stops when the terminal output holds the repainted counter with the new length "
        f"(e.g. `5001 / {LIMIT}`). {len(pc)} keystrokes each, {GAP * 1000:.0f} ms of quiet after each repaint"
        + (", in two interleaved blocks of fresh processes." if blocks > 1 else "."), "",
        "The project runs `survey-tui --db <tmp> answer --round r1 --lang en` on a small bench questionnaire "
        "(built with `from_dict`; its first theme has three questions like the shipped one) whose first question "
        f"allows {LIMIT:,} characters, because the shipped questionnaire caps answers at 4,000. "
        "The baseline is a bare Textual app: one soft-wrapping TextArea (height 7) and a Static counter "
        "updated on `TextArea.Changed`.", "",
        table(headers, [row("survey-tui answer field", pc), row("bare TextArea + counter", bc)]), "",
        "Until the typed character itself is first painted (same keystrokes):", "",
        table(headers, [row("survey-tui answer field", pt), row("bare TextArea + counter", bt)]), "",
        f"- ratio of medians, counter (project / baseline): {ratio:.2f}; typed character: "
        f"{median(pt) / median(bt):.2f}",
        "- Textual paints at most once per screen-update tick (60 fps). A counter updated from a bubbled "
        "`TextArea.Changed` with a layout refresh (`Static.update` default) often lands one or two ticks after "
        "the typed character, so counter figures cluster near ~10 ms or ~40 ms, and the baseline can sit in either cluster.",
        "- " + verdict(p99_ms < 50, f"p99 {p99_ms:.1f} ms to the repainted counter, median {median(pc) * ms:.1f} ms, "
                       f"max {max(pc) * ms:.1f} ms (issue 3: keystroke latency under 50 ms, taken as p99 < 50 ms)"),
        ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
