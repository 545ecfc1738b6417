"""--plain on a real terminal (a pty): plain lines only, no escape sequence at all.

A screen reader reads every byte a program writes; questionary's menus (which --plain used
on a terminal) wrote 47-51 escape sequences on the first screen alone and redrew lines as
keys were pressed. These run `survey-tui answer --plain` on a pty with TERM=xterm-256color,
answer the whole shipped questionnaire (an answer of several lines with an empty line in
it, a refused ranking typed again, an unclear yes/no) and assert that no ESC byte, and no
"=====" underline, reaches the terminal.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stored import stored_responses
from survey_tui.i18n import t
from survey_tui.store import Store

ROUND = "r1"
# Per language: the yes and no letters, a prompt every text question starts with, and the answer
# of several lines (an empty line inside it must survive).
LANGS = {
    "fi": ("k", "e", "Vastauksesi (", ["Ensimmäinen rivi, äöå", "", "Kolmas rivi"]),
    "sv": ("j", "n", "Ditt svar (", ["Första raden, åäö", "", "Tredje raden"]),
}


def survey_cmd() -> list[str]:
    script = Path(sys.executable).parent / "survey-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "survey_tui"]


class Terminal:
    """survey-tui on a pty, as sshd or a terminal emulator runs it."""

    def __init__(self, argv: list[str], cols: int = 200, rows: int = 40) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEY_TUI") and k not in ("NO_COLOR", "TERM")}
        env.update(TERM="xterm-256color", LANG="C.UTF-8", COLUMNS=str(cols))
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is its controlling terminal
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        import fcntl
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.everything = b""  # every byte the terminal got, echoed typing included
        self.new = b""  # since the last wait_for
        self.status: int | None = None

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child has closed the terminal
                data = b""
            if not data:
                self._reap(block=True)
            self.everything += data
            self.new += data

    def _reap(self, block: bool) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        """Wait until `needle` is written; returns what was written up to now since the last wait."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.new.decode("utf-8", "replace").replace("\r\n", "\n")
            if needle in text:
                self.new = b""
                return text
            if self.status is not None:
                break
            self._read(0.05)
        raise AssertionError(f"{needle!r} not written; last output:\n{self.new.decode('utf-8', 'replace')[-2000:]}")

    def line(self, text: str) -> None:
        os.write(self.fd, text.encode() + b"\n")

    def wait_exit(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.status is None:
            self._read(0.05)
            self._reap(block=False)
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            raise AssertionError("survey-tui did not exit")
        return self.status

    def close(self) -> None:
        os.close(self.fd)
        if self._reap(block=False) is None:
            os.kill(self.pid, signal.SIGKILL)
            self._reap(block=True)


@pytest.fixture
def db(tmp_path, kela):
    path = tmp_path / "survey.db"
    with Store(path) as store:
        store.create_round(ROUND, kela, state="open")
    return path


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_a_whole_run_on_a_terminal_writes_no_escape_sequence(db, kela, lang):
    yes, no, answer_prompt, several = LANGS[lang]
    # No --lang: the first screen is the language choice, numbered lines.
    term = Terminal(survey_cmd() + ["--db", str(db), "answer", "--round", ROUND, "--plain"])
    try:
        first = term.wait_for("Kieli / Language:")
        assert "\x1b" not in first and "1. Suomeksi" in first and "2. På svenska" in first
        term.line("7")  # no such choice: said ("1–3"), and asked again
        assert "3" in term.wait_for("Kieli / Language:")
        term.line(str(1 + list(kela.languages).index(lang)))
        consent = term.wait_for(f"{t(lang, 'plain_consent_question')} [{yes}/")
        assert "=====" not in consent and "\x1b" not in consent
        term.line("kanske")  # neither yes nor no: the letters are said again
        term.wait_for(t(lang, "plain_yes_no_retry", yes=yes, no=no))
        term.line(yes)
        # The first question: an answer of several lines, opened and ended by a lone "."
        term.wait_for(answer_prompt)
        term.line(".")
        term.wait_for(t(lang, "plain_lines_start")[:20])
        for text in several:
            term.line(text)
        term.line(".")
        shown = term.wait_for(answer_prompt)
        questions = sum(len(theme.questions) for theme in kela.themes)
        for _ in range(questions - 2):
            term.line("")  # optional: skipped
            shown += term.wait_for(answer_prompt)
        term.line("")
        heading = f"\n{t(lang, 'progress_theme', n=2, total=5)}: {kela.text(kela.themes[1].title, lang)}\n"
        assert heading in shown  # a heading is one plain line, no decoration
        term.wait_for("5 4 3 2 1")  # the ranking question's example
        term.line("3 1")  # incomplete: refused, and typed again from nothing
        term.wait_for(t(lang, "plain_ranking_retry"))
        term.line("3 1 2 5 4")
        review = term.wait_for(f"{t(lang, 'plain_submit_question')} [{yes}/")
        assert "\n  " + "\n  ".join(several) + "\n" in review  # the answer, every line of it
        term.line(yes)
        term.wait_for(t(lang, "thanks_heading"))
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert b"\x1b" not in term.everything  # no ESC byte at all: no colour, no cursor movement
    assert b"=====" not in term.everything
    with Store(db) as store:
        [rec] = stored_responses(store, ROUND)
    assert rec["language"] == lang
    assert rec["answers"] == {"q1a": "\n".join(several)}
    assert rec["ranking"] == ["kanavat", "tiedottaminen", "tunteminen", "ymmarrys", "henkilot"]


def test_the_first_screen_with_a_language_given_has_no_escape_sequence(db):
    term = Terminal(survey_cmd() + ["--db", str(db), "answer", "--round", ROUND, "--lang", "fi", "--plain"])
    try:
        first = term.wait_for(f"{t('fi', 'plain_consent_question')} [k/e]")
        time.sleep(0.3)
        term._read(0.2)
    finally:
        term.close()
    assert b"\x1b" not in term.everything, term.everything.count(b"\x1b")
    assert "=====" not in first and "\n\n" in first  # headings and paragraphs as plain lines


def test_plain_mode_imports_no_questionary_or_prompt_toolkit():
    code = (
        "import sys, survey_tui.plain as p\n"
        "p.default_prompter()\n"
        "print(' '.join(m for m in ('questionary', 'prompt_toolkit') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    for name in ("plain.py", "plain_prompter.py"):
        source = (Path(__file__).resolve().parents[2] / "survey_tui" / name).read_text("utf-8")
        assert "import questionary" not in source and "import prompt_toolkit" not in source and "from prompt_toolkit" not in source
