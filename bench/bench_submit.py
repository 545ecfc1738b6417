"""Submit throughput and p99 latency at 1, 8 and 50 processes: the shipped submit path with
the full questionnaire's payload and one-time codes, against raw sqlite3 loops in the same run."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time

from common import HERE, PY, ROOT, median, p99, table, verdict, workdir

LEVELS = (1, 8, 50)
KINDS = ("project", "raw-anon", "raw")


def _prepare(path, total: int, procs: int) -> list[list[str]]:
    """A round taking one-time codes, with `total` codes; returns each worker's codes."""
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    with Store(path) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open", access="codes")
        codes = [code for code, _ in s.add_codes("r1", count=total)]
    each = total // procs
    return [codes[w * each:(w + 1) * each] for w in range(procs)]


def one_run(kind: str, template, codes_file, procs: int, each: int, pace: float = 0.0) -> dict:
    tmp = workdir()
    db = tmp / "bench.db"
    shutil.copy(template, db)
    start = tmp / "go"
    children = [
        subprocess.Popen([PY, str(HERE / "submit_worker.py"), kind, str(db), str(w), str(each), str(start), str(pace),
                          str(codes_file)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for w in range(procs)
    ]
    for c in children:
        assert c.stdout.readline().strip() == "ready", c.stderr.read()
    t0 = time.perf_counter()
    start.touch()
    results = []
    for c in children:
        out, err = c.communicate(timeout=600)
        if c.returncode != 0:
            raise RuntimeError(err)
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - t0
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    conn.close()
    lat = [x for r in results for x in r["latencies"]]
    return {
        "throughput": procs * each / wall,
        "p99_ms": p99(lat) * 1000,
        "lost": procs * each - stored,
        "errors": sum(r["errors"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
    }


def run(quick: bool = False) -> str:
    total = 200 if quick else 600
    repeats = 2 if quick else 3
    rows, notes = [], []
    # Closed loop: every process submits back to back (saturation). Paced: 50 processes
    # each pausing ~1 s (exponential) between submits, i.e. ~50 submits/s offered, below capacity.
    cases = [(procs, max(total // procs, 10), 0.0) for procs in LEVELS]
    cases.append((50, 4 if quick else 8, 1.0))
    for procs, each, pace in cases:
        setup = workdir()
        template = setup / "template.db"
        codes_file = setup / "codes.json"
        codes_file.write_text(json.dumps(_prepare(template, procs * each, procs)))
        runs = {kind: [] for kind in KINDS}
        for _ in range(repeats):
            for kind in KINDS:  # interleaved so drift hits all
                runs[kind].append(one_run(kind, template, codes_file, procs, each, pace))
        summary = {}
        for kind, rs in runs.items():
            summary[kind] = {
                "throughput": median([r["throughput"] for r in rs]),
                "p99_ms": median([r["p99_ms"] for r in rs]),
                "lost": sum(r["lost"] + r["errors"] for r in rs),
                "peak_mb": max(r["peak_mb"] for r in rs),
            }
        p, a, r = summary["project"], summary["raw-anon"], summary["raw"]
        ratio = p["throughput"] / a["throughput"]
        mode = "paced ~1/s each" if pace else "back to back"
        rows.append([procs, mode, procs * each, p["throughput"], a["throughput"], r["throughput"], ratio,
                     p["throughput"] / r["throughput"], p["p99_ms"], a["p99_ms"], r["p99_ms"], p["lost"], a["lost"] + r["lost"],
                     p["peak_mb"]])
        if procs == 50 and not pace:
            notes.append(verdict(ratio >= 0.5, f"throughput at 50 processes back to back is {ratio:.2f}x the raw loop doing the same anonymity work (target >= 0.5)"))
            notes.append(verdict(p["lost"] == 0, f"{p['lost']} lost or failed at 50 processes (target 0)"))
        if pace:
            notes.append(verdict(p["p99_ms"] < 50, f"p99 at 50 processes paced ~1/s each is {p['p99_ms']:.0f} ms (target < 50 ms; raw with the same work: {a['p99_ms']:.0f} ms)"))
    out = ["## Submit throughput and p99 latency (`survey-tui answer`'s submit path)", "",
           f"Each row: N processes submitting concurrently into a copy of one database (a round taking one-time codes), "
           f"{repeats} runs interleaved, median shown. Every submit carries the shipped questionnaire's payload "
           "(each of its 8 questions answered with ~60 % chance, 5-40 Finnish words) and a ranking of the five themes. "
           "Project = `Store.submit` as the respondent app calls it: validation, round and code checks (scrypt), a turn in "
           "the arrival-order queue, BEGIN IMMEDIATE, the response written with its 32 key neighbours re-inserted in random "
           "order, rollback journal, synchronous=FULL. raw+anon = plain sqlite3 doing the same anonymity work (scrypt, code "
           "marked used, neighbours re-inserted) with a short-retry BEGIN IMMEDIATE; raw = plain sqlite3 inserting the rows only "
           "(what the protections cost). Peak memory is the largest RSS of one submitting process.", "",
           table(["processes", "load", "submits", "project /s", "raw+anon /s", "raw /s", "vs raw+anon", "vs raw",
                  "project p99 ms", "raw+anon p99 ms", "raw p99 ms", "project lost", "baselines lost", "project peak MB"], rows), ""]
    out += [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    print(run("--quick" in sys.argv))
