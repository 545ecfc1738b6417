"""One measured task for bench_report_export, run in a fresh process: prints seconds and peak MB."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

RANK_SQL = ("SELECT k.item_id, k.position, count(*) FROM rankings k JOIN responses r ON r.id = k.response_id"
            " WHERE r.round = 'r1' GROUP BY k.item_id, k.position")
ANSWERS_SQL = ("SELECT a.response_id, a.question_id, a.text FROM answers a JOIN responses r ON r.id = a.response_id"
               " WHERE r.round = 'r1'")


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(task: str, db: str, out: str) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    extra = 0.0
    if task == "project_report":
        from survey_tui.store import Store
        from survey_tui.summary import build_report

        with Store(db) as s:
            build_report(s, "r1", answers=False).to_dict()
    elif task == "sql_report":
        conn = sqlite3.connect(db)
        conn.execute(RANK_SQL).fetchall()
    elif task == "pandas_report":
        import pandas as pd

        conn = sqlite3.connect(db)
        df = pd.read_sql_query("SELECT k.item_id, k.position FROM rankings k JOIN responses r ON r.id = k.response_id"
                               " WHERE r.round = 'r1'", conn)
        df.groupby(["item_id", "position"]).size()
        (df["position"] == 1).groupby(df["item_id"]).sum()
        df.groupby("item_id")["position"].mean()
    elif task == "project_export":
        from survey_tui.export import export_round
        from survey_tui.store import Store

        with Store(db) as s:
            export_round(s, "r1", out)
    elif task == "pandas_export":
        import pandas as pd

        conn = sqlite3.connect(db)
        pd.read_sql_query(ANSWERS_SQL, conn).to_csv(Path(out) / "answers.csv", index=False)
    elif task == "sqlite3_csv":
        with open(Path(out) / "answers.csv", "wb") as fh:
            proc = subprocess.run(["/usr/bin/sqlite3", "-csv", "-header", db, ANSWERS_SQL], stdout=fh)
        # the sqlite3 shell's memory, measured by the kernel for the child
        import resource

        extra = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assert proc.returncode == 0
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "peak_mb": max(peak_mb(), extra)}))


if __name__ == "__main__":
    main(*sys.argv[1:])
