"""Read-only database, full disk, network filesystem: one clear line, no traceback, nothing lost.

Real mechanisms where the machine allows them (a size-limited tmpfs, remounted
read-only, needs root); the same error mapping is also proven with an injected
sqlite3 error so the guarantee is checked on machines without mount rights.
"""

from __future__ import annotations

import os
import sqlite3

import pytest

from faultkit import RANKING, Tmpfs, assert_clean_error, inject_error, jsonl, record, run_cli, stored
from survey_tui.errors import StoreUnavailable
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


@pytest.fixture
def small_fs(tmp_path):
    fs = Tmpfs(tmp_path / "mnt", 512)
    fs.mount()
    yield fs
    fs.umount()


def _seed(path, n=3):
    with Store(path) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
        s.import_responses("r1", [record(f"seed-{i}") for i in range(n)])


# ---------------------------------------------------------------- read-only


def test_read_only_database_real_mount_clear_error_nothing_lost(small_fs, tmp_path, figure):
    if small_fs.mounted:
        db = small_fs.path / "survey.db"
        _seed(db)
        small_fs.remount("ro")
        mechanism = "tmpfs remounted read-only (EROFS)"
    elif os.geteuid() != 0:
        db = tmp_path / "ro" / "survey.db"
        db.parent.mkdir()
        _seed(db)
        for f in db.parent.iterdir():
            f.chmod(0o400)
        db.parent.chmod(0o500)
        mechanism = "file 0400, folder 0500 (non-root)"
    else:  # root without mount rights: permissions mean nothing, so inject instead
        db = tmp_path / "survey.db"
        _seed(db)
        mechanism = "injected 'attempt to write a readonly database'"
    imp = tmp_path / "one.jsonl"
    imp.write_text(jsonl([record("new-1")]), encoding="utf-8")
    patch = inject_error("attempt to write a readonly database") if mechanism.startswith("injected") else ""
    write = run_cli("responses", "import", "r1", str(imp), db_path=db, patch=patch)
    err = assert_clean_error(write)
    read = run_cli("status", "r1", db_path=db, patch=patch)
    if small_fs.mounted:
        small_fs.remount("rw")
    else:
        db.parent.chmod(0o700)
        for f in db.parent.iterdir():
            f.chmod(0o600)
    got = stored(db)
    assert got["integrity"] == "ok" and set(got["markers"]) == {"seed-0", "seed-1", "seed-2"}
    figure("mechanism", mechanism)
    figure("import_error", err.strip())
    figure("status_exit", read.returncode)
    figure("status_output", (read.stdout.decode() if read.returncode == 0 else read.stderr.decode()).strip()[:200])
    if read.returncode != 0:
        assert_clean_error(read)


def test_read_only_error_mapping_injected(db, tmp_path, figure):
    imp = tmp_path / "one.jsonl"
    imp.write_text(jsonl([record("new-1")]), encoding="utf-8")
    proc = run_cli("responses", "import", "r1", str(imp), db_path=db,
                   patch=inject_error("attempt to write a readonly database"))
    err = assert_clean_error(proc, contains="read-only")
    assert stored(db)["responses"] == 0
    figure("error", err.strip())


# ---------------------------------------------------------------- disk full


def test_disk_full_real_small_filesystem_keeps_acknowledged_responses(small_fs, tmp_path, figure):
    if not small_fs.mounted:  # no mount rights: the injected case below carries the proof
        db = tmp_path / "survey.db"
        _seed(db, 0)
        with Store(db) as s:
            s.submit("r1", record("ok-0")["answers"], RANKING, "fi")
            import survey_tui.store as smod

            orig = smod._insert_response
            smod._insert_response = lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("database or disk is full"))
            try:
                with pytest.raises(StoreUnavailable, match="disk is full"):
                    s.submit("r1", record("fail")["answers"], RANKING, "fi")
            finally:
                smod._insert_response = orig
        figure("mechanism", "injected 'database or disk is full' (no mount rights)")
        assert set(stored(db)["markers"]) == {"ok-0"}
        return
    db = small_fs.path / "survey.db"
    _seed(db, 0)
    acked, error = [], None
    with Store(db) as s:
        for i in range(10_000):
            try:
                s.submit("r1", record(f"ok-{i}", pad=3000)["answers"], RANKING, "fi")
            except StoreUnavailable as exc:
                error = str(exc)
                break
            acked.append(f"ok-{i}")
    assert error is not None, "the small filesystem never filled up"
    assert "nothing was stored" in error and "\n" not in error
    # The CLI on the full disk: one clear line, no traceback.
    imp = tmp_path / "big.jsonl"
    imp.write_text(jsonl([record(f"imp-{i}", pad=3000) for i in range(200)]), encoding="utf-8")
    proc = run_cli("responses", "import", "r1", str(imp), db_path=db)
    cli_err = assert_clean_error(proc)
    got = stored(db)
    assert got["integrity"] == "ok"
    assert set(got["markers"]) == set(acked), "lost an acknowledged response or kept a failed one"
    assert got["partial"] == 0 and got["orphans"] == 0
    figure("mechanism", f"tmpfs size={small_fs.size_kb}k")
    figure("acknowledged_before_full", len(acked))
    figure("store_error", error)
    figure("cli_error", cli_err.strip())


def test_disk_full_error_mapping_injected(db, tmp_path, figure):
    imp = tmp_path / "one.jsonl"
    imp.write_text(jsonl([record("new-1")]), encoding="utf-8")
    proc = run_cli("responses", "import", "r1", str(imp), db_path=db, patch=inject_error("database or disk is full"))
    err = assert_clean_error(proc, contains="disk is full")
    assert stored(db)["responses"] == 0
    figure("error", err.strip())


# ---------------------------------------------------------------- network filesystem


@pytest.mark.parametrize("fstype", ["nfs4", "cifs", "fuse.sshfs"])
def test_network_filesystem_refused_with_clear_message(db, fstype, figure):
    before = stored(db)
    proc = run_cli("status", "r1", db_path=db, patch=f"import survey_tui.store as _s\n_s._mount_fstype = lambda p: {fstype!r}")
    err = assert_clean_error(proc, contains="network filesystem")
    assert len(err.strip().splitlines()) == 1
    assert stored(db) == before
    figure("error", err.strip())
