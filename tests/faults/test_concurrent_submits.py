"""Many processes submitting into one database at once."""

from __future__ import annotations

import json
import statistics
import time

from faultkit import size, stored, worker

PROCS = size(20, 50)
EACH = size(25, 100)


def test_many_processes_store_every_response_exactly_once(db, tmp_path, figure):
    start = tmp_path / "go"
    procs = [worker("submit", db, w, EACH, start) for w in range(PROCS)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    t0 = time.perf_counter()
    start.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.perf_counter() - t0

    errors = [e for r in results for e in r["errors"]]
    assert errors == [], errors[:5]  # in particular no "database is locked"
    got = stored(db)
    expected = {f"m-{w}-{i}" for w in range(PROCS) for i in range(EACH)}
    assert got["integrity"] == "ok"
    assert set(got["markers"]) == expected
    assert max(got["markers"].values()) == 1, "a response was stored twice"
    assert got["responses"] == PROCS * EACH
    assert got["partial"] == 0 and got["orphans"] == 0

    lat = sorted(x for r in results for x in r["latencies"])
    figure("processes", PROCS)
    figure("submits_each", EACH)
    figure("stored", got["responses"])
    figure("lost_or_duplicated", 0)
    figure("throughput_per_s", round(PROCS * EACH / elapsed, 1))
    figure("p50_ms", round(statistics.median(lat) * 1000, 1))
    figure("p99_ms", round(lat[int(len(lat) * 0.99) - 1] * 1000, 1))
