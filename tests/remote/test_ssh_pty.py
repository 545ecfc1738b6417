"""`survey-tui answer` under a pseudo-terminal, the way sshd runs a ForceCommand.

sshd gives the command a pty as its controlling terminal, TERM from the client,
SSH_CLIENT / SSH_CONNECTION / SSH_TTY and USER/LOGNAME, and no login shell. The
test completes a response through the real key bytes, then proves that none of
those values reached the database files. A second run hangs up mid-way (SIGHUP,
then the pty closes, as when the network drops) and checks that the draft was
kept and no partial response stored.
"""

from __future__ import annotations

from stored import stored_responses
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

from remote_helpers import ROUND, base_env, db_bytes, survey_cmd

from survey_tui.store import Store

SSH_VALUES = {
    "SSH_CLIENT": "203.0.113.77 53117 22",
    "SSH_CONNECTION": "203.0.113.77 53117 198.51.100.23 22",
    "SSH_TTY": "/dev/pts/97",
    "USER": "zqrespondentx",
    "LOGNAME": "zqrespondentx",
}
TOKEN = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b")
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class PtySession:
    """One process on a pty: type bytes, wait for text on the screen."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 100, rows: int = 30):
        pid, fd = pty.fork()
        if pid == 0:  # child: session leader with the pty as controlling terminal, like sshd
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = b""
        self.status: int | None = None

    def _read(self, timeout: float) -> None:
        if self.fd < 0:
            time.sleep(timeout)
            return
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                self.screen += os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                self._reap(block=False)

    def text(self) -> str:
        return ANSI.sub(b"", self.screen).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                self.screen = b""  # the next wait looks at new output only
                return
            if self._reap(block=False) is not None:
                break
            self._read(0.05)
        raise AssertionError(f"{needle!r} not seen on the terminal; last output:\n{self.text()[-2000:]}")

    def send(self, data: bytes, settle: float = 0.15) -> None:
        os.write(self.fd, data)
        time.sleep(settle)

    def _reap(self, block: bool) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status = status
        return self.status

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._reap(block=False) is not None:
                return self.status
            self._read(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("survey-tui did not exit")

    def resume_code(self, timeout: float = 15.0) -> str:
        """Open the quit dialog (Ctrl+Q), read the resume code it shows, close it (Escape).

        Drafts are sealed under their resume code, so the code is how a test reads one."""
        self.screen = b""
        self.send(b"\x11")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = set(TOKEN.findall(self.text()))
            if len(found) == 1 and "Keep answering" in self.text():
                self.send(b"\x1b", settle=0.6)  # Escape: back to the page, nothing saved by the dialog
                self.screen = b""
                return found.pop()
            self._read(0.05)
        raise AssertionError(f"no resume code on the quit dialog; last output:\n{self.text()[-2000:]}")

    def hang_up(self) -> None:
        """What sshd does when the connection drops: SIGHUP, and the pty's master side closes."""
        os.kill(self.pid, signal.SIGHUP)
        self.close_terminal()

    def close_terminal(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def close(self) -> None:
        self.close_terminal()
        if self._reap(block=False) is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(block=True)


def spawn(db, tmp_path) -> PtySession:
    env = base_env(tmp_path)
    env.update(SSH_VALUES, TERM="xterm-256color")
    argv = survey_cmd() + ["--db", str(db), "answer", "--round", ROUND, "--lang", "en"]
    return PtySession(argv, env)


def at_first_theme(db, tmp_path) -> PtySession:
    """`spawn`, then past the welcome page to the first theme's page."""
    s = spawn(db, tmp_path)
    try:
        s.wait_for("I agree, start")
        s.send(b"\r")
        s.wait_for("Theme 1 / 5")
    except BaseException:
        s.close()
        raise
    return s


CTRL_N, CTRL_S = b"\x0e", b"\x13"


def test_answer_over_ssh_style_pty_stores_no_ssh_values(remote_db, tmp_path):
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send("Yhteiset koulutuspäivät over ssh".encode())
        for n in range(2, 6):
            s.send(CTRL_N)
            s.wait_for(f"Theme {n} / 5")
        s.send(CTRL_N)
        s.wait_for("Rank the themes")
        s.send(b"\x1b[B")  # down: the second theme
        s.send(b"1")  # ... becomes the most important
        s.send(b"\r")  # confirm the order
        s.send(CTRL_N)
        s.wait_for("Check your answers")
        s.send(CTRL_S)
        s.wait_for("Thank you!")
        s.send(b"\r")
        assert os.WEXITSTATUS(s.wait_exit()) == 0
    finally:
        s.close()

    with Store(remote_db) as store:
        [rec] = stored_responses(store, ROUND)
        assert rec["answers"] == {"q1a": "Yhteiset koulutuspäivät over ssh"}
        assert rec["language"] == "en"
        assert rec["ranking"][:2] == ["tunteminen", "tiedottaminen"] and len(rec["ranking"]) == 5
        assert store.count_drafts(ROUND) == 0
    raw = db_bytes(remote_db)
    assert "Yhteiset koulutuspäivät".encode() in raw  # the check below can see text at all
    needles = set(SSH_VALUES.values()) | {"203.0.113.77", "198.51.100.23", "53117", "pts/97", "zqrespondentx"}
    for value in needles:
        for encoded in (value.encode(), value.encode("utf-16-le")):
            assert encoded not in raw, f"{value!r} found in the database files"


def test_hangup_midway_keeps_draft_and_stores_nothing(remote_db, tmp_path):
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send(b"half-written idea")
        s.send(CTRL_N)  # a page change saves the draft
        s.wait_for("Theme 2 / 5")
        token = s.resume_code()
        s.hang_up()
        status = s.wait_exit()
    finally:
        s.close()
    assert os.WIFSIGNALED(status) or os.WIFEXITED(status)
    with Store(remote_db) as store:
        assert store.count_responses(ROUND) == 0
        assert store.count_drafts(ROUND) == 1
        assert store.load_draft(ROUND, token)["answers"] == {"q1a": "half-written idea"}
    assert b"half-written idea" not in db_bytes(remote_db)  # sealed under the resume code


def test_sigterm_keeps_the_draft_prints_the_resume_code_and_exits(remote_db, tmp_path):
    # systemd stopping a session, an operator's kill, or serve ending a browser session.
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send(b"typed, then SIGTERM", settle=0.3)  # no page change: only the signal can save it
        os.kill(s.pid, signal.SIGTERM)
        started = time.monotonic()
        status = s.wait_exit(timeout=10)
        took = time.monotonic() - started
        shown = s.text()
    finally:
        s.close()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 143
    assert took < 5
    assert "continue later with the resume code" in " ".join(shown.split())
    [token] = set(TOKEN.findall(shown))
    with Store(remote_db) as store:
        assert store.count_responses(ROUND) == 0
        assert store.load_draft(ROUND, token)["answers"] == {"q1a": "typed, then SIGTERM"}


def test_quitting_prints_the_resume_code_after_the_screen_is_restored(remote_db, tmp_path):
    # The quit dialog shows the code, but it goes with the app: the line printed after it stays.
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send(b"typed, then quit", settle=0.3)
        s.send(b"\x11")  # Ctrl+Q: the quit dialog
        s.wait_for("Quit")
        s.send(b"\x11")  # a second Ctrl+Q confirms
        status = s.wait_exit(timeout=10)
        raw = s.screen
    finally:
        s.close()
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert b"\x1b[?1049l" in raw  # the app left its alternate screen ...
    # ... and what was printed after that stays in the terminal
    after = ANSI.sub(b"", raw.rsplit(b"\x1b[?1049l", 1)[-1]).decode("utf-8", "replace")
    assert "continue later with the resume code" in " ".join(after.split()), after[-500:]
    [token] = set(TOKEN.findall(after))
    with Store(remote_db) as store:
        assert store.load_draft(ROUND, token)["answers"] == {"q1a": "typed, then quit"}


def test_hostile_paste_on_a_real_terminal_stays_text(remote_db, tmp_path):
    # Pasted bytes ESC ^N ^N ^N ^N ^N ^N ^S once pressed Next six times and Submit; ESC ^Q ^Q quit.
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send(b"\x1b[200~idea\x1b\x0e\x0e\x0e\x0e\x0e\x0e\x13 and\x1b\x11\x11 more\x1b[201~", settle=0.5)
        s.send(CTRL_N)  # a page change saves the draft: what the field held is now on disk
        s.wait_for("Theme 2 / 5")
        assert s._reap(block=False) is None  # still running: nothing quit the app
        token = s.resume_code()
    finally:
        s.close()
    with Store(remote_db) as store:
        assert store.count_responses(ROUND) == 0
        assert store.load_draft(ROUND, token)["answers"] == {"q1a": "idea and more"}


def test_bytes_that_are_not_utf8_do_not_end_the_app(remote_db, tmp_path):
    # A Latin-1 terminal sends "ä" as the single byte 0xE4; a paste can carry a raw C1 byte.
    s = at_first_theme(remote_db, tmp_path)
    try:
        s.send(b"ok \xe4b")
        s.send(b"\x1b[200~ c1\x9b2J end\x1b[201~", settle=0.3)
        s.send(CTRL_N)  # a page change saves the draft
        s.wait_for("Theme 2 / 5")
        assert s._reap(block=False) is None
        token = s.resume_code()
    finally:
        s.close()
    with Store(remote_db) as store:
        assert store.load_draft(ROUND, token)["answers"] == {"q1a": "ok äb c12J end"}


def test_without_a_terminal_the_app_asks_line_by_line_and_ends_with_its_input(remote_db, tmp_path):
    # `ssh host` with a command and no -t, a pipe or cron: no terminal. The full-screen app
    # used to spin at 100 % CPU forever there (and outlive the SSH connection).
    import subprocess

    env = base_env(tmp_path)
    env.update(SSH_VALUES, TERM="xterm-256color")
    argv = survey_cmd() + ["--db", str(remote_db), "answer", "--round", ROUND, "--lang", "en"]
    started = time.monotonic()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 30
    assert "No terminal: the questions are asked line by line (--plain)." in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    with Store(remote_db) as store:
        assert store.count_responses(ROUND) == 0
