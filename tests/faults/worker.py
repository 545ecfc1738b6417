"""Child processes for the fault suite: each mode is one separate SQLite client.

Run as `python worker.py MODE ARGS...`; the parent reads line-based messages on stdout.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time

RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]


def answers(marker: str) -> dict[str, str]:
    # Two answers and a full ranking per response, so a partial row set is detectable.
    return {"q1a": marker, "q2a": marker + "/b"}


def submit_many(db: str, wid: str, n: str, start_file: str) -> None:
    """Wait for the start signal, submit n responses, print one JSON summary line."""
    from survey_tui.errors import SurveyError
    from survey_tui.store import Store

    store = Store(db)
    print("ready", flush=True)
    while not os.path.exists(start_file):
        time.sleep(0.002)
    latencies, errors = [], []
    for i in range(int(n)):
        marker = f"m-{wid}-{i}"
        t0 = time.perf_counter()
        try:
            store.submit("r1", answers(marker), RANKING, "fi")
        except (SurveyError, sqlite3.Error) as exc:  # reported, never hidden
            errors.append(f"{type(exc).__name__}: {exc}")
        latencies.append(time.perf_counter() - t0)
    store.close()
    print(json.dumps({"wid": wid, "latencies": latencies, "errors": errors}), flush=True)


def killable(db: str, wid: str) -> None:
    """Submit in a tight loop; acknowledge each response only after submit returned."""
    from survey_tui.store import Store

    store = Store(db)
    print("ready", flush=True)
    i = 0
    while True:
        marker = f"k-{wid}-{i}"
        store.submit("r1", answers(marker), RANKING, "fi")
        os.write(1, f"ack {marker}\n".encode())
        i += 1


def typing(db: str, token: str) -> None:
    """A respondent mid-flow: a draft saved, then waiting on the keyboard (stdin)."""
    from survey_tui.store import Store

    store = Store(db)
    store.save_draft("r1", token, {"answers": {"q1a": "half written"}})
    print("saved", flush=True)
    sys.stdin.readline()  # "typing": blocks here until the parent lets go
    store.save_draft("r1", token, {"answers": {"q1a": "half written, more"}})
    print("saved again", flush=True)


def hold(db: str, seconds: str) -> None:
    """Hold SQLite's write lock (BEGIN IMMEDIATE) for a while, as another writer would."""
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO drafts (token_hash, round, data) VALUES ('holder', 'r1', '{}')")
    print("locked", flush=True)
    time.sleep(float(seconds))
    conn.execute("ROLLBACK")
    print("released", flush=True)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    {"submit": submit_many, "killable": killable, "typing": typing, "hold": hold}[mode](*rest)
