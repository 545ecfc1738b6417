"""Every file written is as private as the database (docs/anonymity.md, "files").

Run as a person on a shared SSH host would: a umask of 022, the shipped commands in real
processes. The deployment of docs/anonymity.md (a service account owning a private
database folder) is checked for what it promises: nothing in it or written from it is
readable by anyone else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from faultkit import RANKING, run_cli
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


def _fill(db: Path) -> None:
    with Store(db) as s:
        s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        for i in range(6):
            s.submit("r", {"q1a": f"vastaus {i}", "q3": "Teams ja puhelin"}, RANKING, "fi")
        s.set_state("r", "closed")


def _modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*")}


def _write_everything(db: Path, out: Path) -> None:
    old = os.umask(0o022)  # a shared host's usual umask, inherited by the commands
    try:
        for args in (
            ["export", "r", "--out", str(out / "csv")],
            ["export", "r", "--excel", "--out", str(out / "excel")],
            ["report", "r", "--format", "markdown", "--out", str(out / "report.md")],
            ["report", "r", "--out", str(out / "report.txt")],
        ):
            proc = run_cli(*args, db_path=db)
            assert proc.returncode == 0, (args, proc.stderr.decode())
    finally:
        os.umask(old)


def test_outputs_are_private_like_the_database(tmp_path, figure):
    db = tmp_path / "data" / "survey.db"
    db.parent.mkdir()
    _fill(db)
    out = tmp_path / "results"
    out.mkdir(mode=0o700)
    _write_everything(db, out)
    modes = _modes(out)
    assert any(name.endswith(".png") for name in modes) and any(name.endswith(".csv") for name in modes)
    for name, mode in modes.items():
        expected = 0o700 if (out / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"
    for name, mode in _modes(db.parent).items():
        assert mode & 0o077 == 0, f"{name}: {oct(mode)}"
    figure("files_checked", len(modes))


def test_a_database_shared_with_a_group_shares_its_outputs_with_that_group_only(tmp_path):
    db = tmp_path / "survey.db"
    _fill(db)
    db.chmod(0o660)
    out = tmp_path / "results"
    out.mkdir()
    _write_everything(db, out)
    for name, mode in _modes(out).items():
        assert mode & 0o007 == 0, f"{name} is readable by others: {oct(mode)}"
        assert mode & 0o060 == 0o060, f"{name} is not readable by the group: {oct(mode)}"


def test_the_service_account_deployment_keeps_its_folder_closed(tmp_path):
    """docs/anonymity.md: the service account's folder 0700, the database 0600, respondents
    coming in through `survey-tui answer` (ForceCommand or serve) as that account."""
    home = tmp_path / "srv"
    home.mkdir(mode=0o700)
    db = home / "survey.db"
    old = os.umask(0o022)
    try:
        proc = run_cli("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--access", "open",
                       "--min-group", "5", db_path=db)
        assert proc.returncode == 0, proc.stderr.decode()
        assert run_cli("round", "open", "r", "--allow-placeholders", db_path=db).returncode == 0
    finally:
        os.umask(old)
    with Store(db) as s:
        s.submit("r", {"q1a": "vastaus"}, RANKING, "fi")
    for name, mode in _modes(home).items():
        assert mode & 0o077 == 0, f"{name}: {oct(mode)}"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
