"""`survey-tui dashboard` without a terminal ends at once: one Error line, exit 2.

Started from cron, a pipe or `ssh host survey-tui dashboard` (no -t), Textual wrote
escape codes into the pipe until killed. Each case runs the real console script with
stdin and/or stdout not a terminal (the other side a real pty).
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest


def survey_cmd() -> list[str]:
    script = Path(sys.executable).parent / "survey-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "survey_tui"]


@pytest.mark.parametrize("stdin_tty, stdout_tty", [(False, False), (True, False), (False, True)])
def test_dashboard_without_a_terminal_ends_with_one_error_line(db, stdin_tty, stdout_tty, figure):
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SURVEY_TUI", "TEXTUAL"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    started = time.monotonic()
    try:
        proc = subprocess.run(
            survey_cmd() + ["--db", str(db), "dashboard"],
            stdin=slave if stdin_tty else subprocess.DEVNULL,
            stdout=slave if stdout_tty else subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            timeout=30,
        )
    finally:
        os.close(slave)
        os.close(master)
    elapsed = time.monotonic() - started
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "terminal" in lines[0], err
    assert b"\x1b" not in (proc.stdout or b"") + proc.stderr
    assert elapsed < 10
    figure("seconds", round(elapsed, 2))
