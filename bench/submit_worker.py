"""One submitting process for bench_submit: the project's Store.submit or raw sqlite3."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import sys
import time

RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]


def peak_mb() -> float:
    """This process's peak RSS (VmHWM is reset by exec, unlike ru_maxrss)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(kind: str, db: str, wid: str, n: str, start_file: str, pace: str = "0") -> None:
    """pace > 0: sleep a random (exponential) pause of that mean between submits (open loop)."""
    import random

    n, pace = int(n), float(pace)
    rng = random.Random(wid)
    if kind == "project":
        from survey_tui.store import Store

        store = Store(db)

        def submit(marker):
            store.submit("r1", {"q1a": marker, "q2a": marker + "/b"}, RANKING, "fi")
    else:
        # The baseline: the same rows, same pragmas, one BEGIN IMMEDIATE transaction each.
        conn = sqlite3.connect(db, timeout=5.0, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

        def submit(marker):
            rid = secrets.token_hex(16)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO responses (id, round, language) VALUES (?,?,?)", (rid, "r1", "fi"))
            conn.executemany(
                "INSERT INTO answers (response_id, question_id, text) VALUES (?,?,?)",
                [(rid, "q1a", marker), (rid, "q2a", marker + "/b")],
            )
            conn.executemany(
                "INSERT INTO rankings (response_id, item_id, position) VALUES (?,?,?)",
                [(rid, item, pos) for pos, item in enumerate(RANKING, 1)],
            )
            conn.execute("COMMIT")

    print("ready", flush=True)
    while not os.path.exists(start_file):
        time.sleep(0.001)
    latencies, errors = [], 0
    for i in range(n):
        if pace:
            time.sleep(rng.expovariate(1 / pace))
        t0 = time.perf_counter()
        try:
            submit(f"m-{wid}-{i}")
        except Exception:  # counted as a loss, never hidden
            errors += 1
        latencies.append(time.perf_counter() - t0)
    print(json.dumps({"latencies": latencies, "errors": errors, "peak_mb": peak_mb()}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
