"""Real processes on one database file: concurrency, SIGKILL mid-submit, raced codes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from stored import stored_responses
from survey_tui.store import Store

pytestmark = pytest.mark.slow

HELPER = str(Path(__file__).resolve().parent / "helpers_proc.py")
RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]


def spawn(mode: str, db: Path, slug: str, go: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, HELPER, mode, str(db), slug, str(go), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        first = p.stdout.readline().strip()
        if first != "ready":
            raise AssertionError(f"child did not start: {first!r} {p.stderr.read()}")


def finish(procs: list[subprocess.Popen], timeout: float = 60) -> list[tuple[int, str, str]]:
    results = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        results.append((p.returncode, out, err))
    return results


def make_round(db: Path, kela, slug: str = "r", **kwargs) -> None:
    with Store(db) as s:
        s.create_round(slug, kela, state="open", **kwargs)


def test_twenty_processes_at_once_lose_nothing(tmp_path, kela):
    db, go = tmp_path / "busy.db", tmp_path / "go"
    make_round(db, kela)
    procs = []
    for i in range(10):
        procs.append(spawn("submit", db, "r", go, 8, f"s{i}"))
        procs.append(spawn("import", db, "r", go, 8, f"i{i}"))
    wait_ready(procs)
    go.touch()
    results = finish(procs)
    for code, out, err in results:
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
        assert code == 0, err
        assert out.strip().endswith("done")
    with Store(db) as s:
        assert s.count_responses("r") == 160
        recs = stored_responses(s, "r")
        texts = Counter(r["answers"]["q1a"] for r in recs)
        expected = {f"{kind}{i}-{n}" for kind in "si" for i in range(10) for n in range(8)}
        assert set(texts) == expected and set(texts.values()) == {1}
        assert all(r["ranking"] == RANKING for r in recs)
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sigkill_mid_submit_leaves_no_partial_response(tmp_path, kela):
    db, go = tmp_path / "killed.db", tmp_path / "go"
    make_round(db, kela)
    go.touch()
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    kills = 0
    for _ in range(10):
        procs = [spawn("loop", db, "r", go) for _ in range(2)]
        wait_ready(procs)
        for p in procs:
            time.sleep(rng.uniform(0.02, 0.25))
            assert p.poll() is None, p.stderr.read()  # still submitting when killed
            os.kill(p.pid, signal.SIGKILL)
            kills += 1
        for p in procs:
            p.wait(timeout=10)
            assert p.returncode == -signal.SIGKILL
            p.stdout.close()
            p.stderr.close()
    assert kills == 20

    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        total = raw.execute("SELECT count(*) FROM responses").fetchone()[0]
        assert total > 0, "the children never got to submit"
        per_response = raw.execute(
            "SELECT r.id,"
            " (SELECT count(*) FROM answers a WHERE a.response_id = r.id),"
            " (SELECT count(*) FROM rankings k WHERE k.response_id = r.id)"
            " FROM responses r"
        ).fetchall()
        partial = [row for row in per_response if row[1:] != (8, 5)]
        assert partial == []
        orphans = raw.execute(
            "SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT id FROM responses)"
        ).fetchone()[0] + raw.execute(
            "SELECT count(*) FROM rankings WHERE response_id NOT IN (SELECT id FROM responses)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        raw.close()
    # The file is still fully usable afterwards.
    with Store(db) as s:
        s.submit("r", {"q1a": "after"}, RANKING, "fi")
        assert s.count_responses("r") == total + 1


def test_raced_codes_are_used_exactly_once(tmp_path, kela):
    db, go = tmp_path / "race.db", tmp_path / "go"
    make_round(db, kela)
    with Store(db) as s:
        codes = [code for code, _ in s.add_codes("r", count=4)]
    procs = []
    for i in range(6):
        # Each process tries every code, in a different order, at the same moment.
        order = codes[i % 4:] + codes[: i % 4]
        procs.append(spawn("race", db, "r", go, *order))
    wait_ready(procs)
    go.touch()
    used: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    for code, out, err in finish(procs):
        assert code == 0, err
        assert "locked" not in err.lower()
        for line in out.splitlines():
            verb, _, value = line.partition(" ")
            if verb == "used":
                used[value] += 1
            elif verb == "rejected":
                rejected[value] += 1
    assert used == Counter({c: 1 for c in codes})
    assert rejected == Counter({c: 5 for c in codes})
    with Store(db) as s:
        st = s.status("r")
        assert (st["responses"], st["codes_used"], st["codes_issued"]) == (4, 4, 4)
