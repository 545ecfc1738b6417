"""Helpers shared by the fault-and-attack tests (imported as `faultkit`)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

FULL = os.environ.get("SURVEY_TUI_FULL") == "1"
HERE = Path(__file__).resolve().parent
WORKER = HERE / "worker.py"
RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]


def size(ci: int, full: int) -> int:
    return full if FULL else ci


def worker(*args: str, **kw) -> subprocess.Popen:
    """Start tests/faults/worker.py in a new process (a real, separate SQLite client)."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def wait_line(proc: subprocess.Popen, expected: str, timeout: float = 20.0) -> str:
    """Read the child's stdout until a line starting with `expected` (or fail)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"child ended before {expected!r}: {proc.stderr.read()}")
        if line.startswith(expected):
            return line.strip()
    raise AssertionError(f"no {expected!r} from child within {timeout}s")


def run_cli(*args: str, db_path: Path | None = None, patch: str = "", timeout: float = 30.0, popen: bool = False, **kw):
    """Run `survey-tui ARGS` in a subprocess, optionally after a Python patch line."""
    env = dict(os.environ)
    env.pop("SURVEY_TUI_DB", None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "200"
    argv = ["survey-tui"]
    if db_path is not None:
        argv += ["--db", str(db_path)]
    argv += list(args)
    code = (
        "import sys\n"
        f"{patch}\n"
        "from survey_tui.cli.main import main\n"
        f"sys.argv = {argv!r}\n"
        "main()\n"
    )
    if popen:
        return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kw)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=timeout, env=env, **kw)


def assert_clean_error(proc, *, contains: str | None = None, details: tuple[str, ...] = ()) -> str:
    """Non-zero exit, stderr made only of `Error:` lines (and listed detail lines), no traceback."""
    out = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
    assert proc.returncode not in (0, None), out
    assert "Traceback" not in out, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, "no error message"
    assert any(line.startswith("Error: ") for line in lines), out
    assert all(line.startswith(("Error: ", *details)) for line in lines), out
    if contains:
        assert contains.lower() in out.lower(), out
    return out


def stored(path: Path) -> dict:
    """Markers stored (q1a text) with counts, plus the partial-response and integrity checks."""
    # Read-write: after a kill -9 in a commit the rollback journal is hot, and only a connection
    # that may write rolls it back (as the next survey-tui command does).
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        markers = Counter(
            text for (text,) in conn.execute("SELECT text FROM answers WHERE question_id = 'q1a'")
        )
        responses = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
        # A complete response has both answers (q1a, q2a = q1a + '/b' + padding) and all 5 ranks.
        partial = conn.execute(
            """SELECT count(*) FROM responses r WHERE
                 (SELECT count(*) FROM answers a WHERE a.response_id = r.id) != 2
              OR (SELECT count(*) FROM rankings k WHERE k.response_id = r.id) != 5
              OR (SELECT substr(b.text, 1, length(a.text) + 2) FROM answers a JOIN answers b
                    ON b.response_id = a.response_id AND b.question_id = 'q2a'
                  WHERE a.response_id = r.id AND a.question_id = 'q1a') IS NOT
                 (SELECT a.text || '/b' FROM answers a WHERE a.response_id = r.id AND a.question_id = 'q1a')"""
        ).fetchone()[0]
        orphans = conn.execute(
            "SELECT (SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT id FROM responses))"
            " + (SELECT count(*) FROM rankings WHERE response_id NOT IN (SELECT id FROM responses))"
        ).fetchone()[0]
    finally:
        conn.close()
    return {"integrity": integrity, "markers": markers, "responses": responses, "partial": partial, "orphans": orphans}


# --------------------------------------------------------------------------- small file systems


class Tmpfs:
    """A size-limited tmpfs mounted at `path` (needs root and CAP_SYS_ADMIN)."""

    def __init__(self, path: Path, size_kb: int):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.size_kb = size_kb
        self.mounted = False

    def mount(self) -> bool:
        if os.geteuid() != 0:
            return False
        proc = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size_kb}k,mode=0755", "tmpfs", str(self.path)],
            capture_output=True,
        )
        self.mounted = proc.returncode == 0
        return self.mounted

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.path)], check=True, capture_output=True)

    def umount(self) -> None:
        if self.mounted:
            if subprocess.run(["umount", str(self.path)], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", str(self.path)], capture_output=True)
            self.mounted = False


def inject_error(message: str) -> str:
    """A patch line for run_cli: every response insert fails with this sqlite3 error."""
    return (
        "import sqlite3, survey_tui.store as _s\n"
        "def _fail(*a, **k):\n"
        f"    raise sqlite3.OperationalError({message!r})\n"
        "_s._insert_responses = _fail\n"
    )


def jsonl(records: list[dict]) -> str:
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def record(marker: str, pad: int = 0) -> dict:
    """One import record in the shape the partial-response check expects."""
    return {"language": "fi", "answers": {"q1a": marker, "q2a": marker + "/b" + "p" * pad}, "ranking": RANKING}
