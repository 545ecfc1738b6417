"""A questionnaire carrying terminal escape codes: refused as a file, inert when stored.

The issue's title `Teema ESC]52 clipboard write, ESC]8 hyperlink, ESC[31m colour, ESC]0
window title` passed `questionnaire validate`, and the respondent's terminal got the
clipboard write, the link, the colour and the title. Now a file with control characters
is refused with the field path, and a round stored by an earlier version (the texts in
the database as they were) is cleaned when the model is built, so neither the
full-screen app on a real pty nor --plain writes any of it.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import fcntl
import termios

from faultkit import run_cli
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

ISSUE = (
    "Teema\x1b]52;c;ZXZpbA==\x1b\\ \x1b]8;;https://evil.example\x1b\\linkki\x1b]8;;\x1b\\ "
    "\x1b[31mred\x1b]0;TITLE\x07"
)
SHOWN = "Teema linkki red"
# What must not reach the terminal from the file (Textual's own output uses none of these).
FORBIDDEN = [b"\x1b]52", b"\x1b]0;", b"\x1b[31m", b"evil.example", b"TITLE", b"ZXZpbA=="]
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def hostile_data() -> dict:
    data = load_shipped("kela-sosiaalitoimi").to_dict()
    langs = data["languages"]
    for field in ("title", "intro", "consent", "closing"):
        data[field] = {lang: f"{ISSUE} {field}" for lang in langs}
    for theme in data["themes"]:
        theme["title"] = {lang: f"{ISSUE} {theme['id']}" for lang in langs}
        theme["context"] = {lang: f"{ISSUE} context" for lang in langs}
        for question in theme["questions"]:
            question["prompt"] = {lang: f"{ISSUE} {question['id']}" for lang in langs}
    data["ranking"]["prompt"] = {lang: f"{ISSUE} ranking" for lang in langs}
    return data


def stored_as_before(tmp_path) -> Path:
    """A database whose round holds the hostile texts as an earlier version stored them."""
    db = tmp_path / "q.db"
    with Store(db) as s:
        s.create_round("evil", load_shipped("kela-sosiaalitoimi"), state="open")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE rounds SET questionnaire_json = ? WHERE slug = 'evil'", (json.dumps(hostile_data()),))
    conn.close()
    return db


def survey_cmd() -> list[str]:
    script = Path(sys.executable).parent / "survey-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "survey_tui"]


def child_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path), LANG="C.UTF-8", PYTHONUNBUFFERED="1", TERM="xterm-256color", COLORTERM="truecolor")
    return env


# ---------------------------------------------------------------- the file is refused


def test_validate_refuses_the_issue_title_with_field_paths(tmp_path):
    path = tmp_path / "evil.yaml"
    data = hostile_data()
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # JSON is YAML; \u001b escapes
    proc = run_cli("questionnaire", "validate", str(path))
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "\x1b" not in err and "\x07" not in err
    lines = err.splitlines()
    assert lines[-1].startswith("Error: ") and "not a valid questionnaire" in lines[-1]
    problems = lines[:-1]
    texts = 4 + sum(1 + 1 + len(t["questions"]) for t in data["themes"]) + 1  # top, themes, ranking prompt
    assert len(problems) == texts * len(data["languages"]), problems[:3]
    for field in ("title.fi", "intro.en", "themes[0].title.fi", "themes[2].questions[0].prompt.en", "ranking.prompt.fi"):
        assert any(f": {field}: " in line and "control character" in line for line in problems), field


# ---------------------------------------------------------------- the full-screen app on a pty


class Pty:
    """One process on a pty (as sshd runs the ForceCommand): keys in, every byte out kept."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 40):
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""  # everything the app wrote
        self.seen = 0  # where the next wait_for starts looking
        self.status: int | None = None

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                self.raw += os.read(self.fd, 65536)
            except OSError:
                self._reap()

    def _reap(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = ANSI.sub(b"", self.raw[self.seen :]).decode("utf-8", "replace")
            if needle in text:
                self.seen = len(self.raw)
                return
            if self._reap() is not None:
                break
            self._read(0.05)
        tail = ANSI.sub(b"", self.raw[-4000:]).decode("utf-8", "replace")
        raise AssertionError(f"{needle!r} not on the terminal; last output:\n{tail}")

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)
        self._read(0.15)

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._reap() is not None:
                return self.status
            self._read(0.05)
        raise AssertionError("survey-tui did not exit")

    def close(self) -> None:
        os.close(self.fd)
        if self._reap() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


CTRL_N, CTRL_S = b"\x0e", b"\x13"


def test_respondent_app_on_a_real_pty_writes_nothing_of_the_escape_codes(tmp_path, figure):
    db = stored_as_before(tmp_path)
    s = Pty(survey_cmd() + ["--db", str(db), "answer", "--round", "evil", "--lang", "en"], child_env(tmp_path))
    try:
        s.wait_for("I agree, start")  # welcome: title, intro, consent
        s.send(b"\r")
        s.wait_for("Theme 1 / 5")
        s.wait_for(f"{SHOWN} context")  # theme title, context, question prompts
        for n in range(2, 6):
            s.send(CTRL_N)
            s.wait_for(f"Theme {n} / 5")
        s.send(CTRL_N)
        s.wait_for("Rank the themes")  # ranking prompt and item titles
        s.send(b"\r")
        s.wait_for("Order confirmed")
        s.send(CTRL_N)
        s.wait_for("Check your answers")  # every title and prompt again
        s.send(CTRL_S)
        s.wait_for("Thank you!")  # closing text
        s.send(b"\r")
        assert os.WEXITSTATUS(s.wait_exit()) == 0
    finally:
        s.close()
    raw = s.raw
    text = ANSI.sub(b"", raw).decode("utf-8", "replace")
    assert SHOWN in text, "the cleaned text is not shown"
    found = {needle.decode(): raw.count(needle) for needle in FORBIDDEN if needle in raw}
    assert found == {}, f"from the questionnaire file to the terminal: {found}"
    # Textual's own hyperlinks would be ESC]8;id=...; none comes from the file's text.
    assert b"\x1b]8;;https://evil" not in raw
    with Store(db) as store:
        assert store.count_responses("evil") == 1
    figure("terminal_bytes_checked", len(raw))


# ---------------------------------------------------------------- --plain


def test_plain_mode_writes_no_escape_codes_from_the_questionnaire(tmp_path, figure):
    db = stored_as_before(tmp_path)
    questions = sum(len(t["questions"]) for t in hostile_data()["themes"])
    feed = b"y\n" + b"\n" * questions + b"1 2 3 4 5\n" + b"y\n"
    proc = subprocess.run(
        survey_cmd() + ["--db", str(db), "answer", "--round", "evil", "--lang", "en", "--plain"],
        input=feed, capture_output=True, env=child_env(tmp_path), timeout=60,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out.decode("utf-8", "replace")[-2000:]
    assert b"\x1b" not in out and b"\x07" not in out
    assert all(needle not in out for needle in FORBIDDEN)
    text = out.decode("utf-8")
    assert text.count(SHOWN) >= 10  # title, intro, themes, prompts, ranking, review, closing
    figure("bytes_checked", len(out))
