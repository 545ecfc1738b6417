"""Helpers for the remote-respondent tests (imported by name: tests/remote is on sys.path)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

ROUND = "remote"


def survey_cmd() -> list[str]:
    """The installed console script next to this interpreter (as sshd's ForceCommand runs it)."""
    script = Path(sys.executable).parent / "survey-tui"
    if script.exists():
        return [str(script)]
    found = shutil.which("survey-tui")
    return [found] if found else [sys.executable, "-m", "survey_tui"]


def make_db(tmp_path) -> Path:
    path = tmp_path / "survey.db"
    with Store(path) as store:
        store.create_round(ROUND, load_shipped("kela-sosiaalitoimi"), state="open")
    return path


def db_bytes(path: Path) -> bytes:
    """The database file and its WAL, as raw bytes (what a thief of the files would see)."""
    out = b""
    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        if p.exists():
            out += p.read_bytes()
    return out


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(home), LANG="C.UTF-8", PYTHONUNBUFFERED="1")
    env.pop("SURVEY_TUI_DB", None)
    return env
