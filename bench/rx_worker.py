"""One measured task for bench_report_export, run in a fresh process: prints seconds and peak MB.

Tasks come in three groups; the like-for-like ones do the same work on each side:
- ranking statistics (like for like): per item first choices, position distribution, mean
  rank and Borda points, by the project (Store.ranking_counts + ranking_stats_from_counts,
  i.e. summary.round_ranking_stats), by bare SQL and by pandas;
- answers.csv (like for like): the same five columns (response_id, theme_id, question_id,
  text, codes) by the project (export.write_answers_csv), by `sqlite3 -csv` and by pandas;
- full report / full export (information): everything the project computes or writes.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

K = 5  # ranking items of the shipped questionnaire (Borda points: K - position)
ROUND = "r1"
JOIN = "FROM rankings k JOIN responses r ON r.id = k.response_id WHERE r.round = 'r1'"
# First choices, mean rank, Borda and ranked-by per item, then the position distribution.
RANK_ITEMS_SQL = (f"SELECT k.item_id, sum(k.position = 1), avg(k.position), sum({K} - k.position), count(*) {JOIN}"
                  " GROUP BY k.item_id")
RANK_POSITIONS_SQL = f"SELECT k.item_id, k.position, count(*) {JOIN} GROUP BY k.item_id, k.position"


def answers_sql() -> str:
    """answers.csv's columns in SQL: theme_id from the questionnaire, codes joined with '; '."""
    from survey_tui.questionnaire import load_shipped

    q = load_shipped("kela-sosiaalitoimi")
    theme = " ".join(f"WHEN '{question.id}' THEN '{t.id}'" for t, question in q.questions())
    return (f"SELECT a.response_id, CASE a.question_id {theme} END AS theme_id, a.question_id, a.text,"
            " coalesce((SELECT group_concat(c.label, '; ') FROM answer_codes c"
            " WHERE c.response_id = a.response_id AND c.question_id = a.question_id), '') AS codes"
            " FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.round = 'r1'")


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _project_stats(db: str) -> None:
    from survey_tui.store import Store
    from survey_tui.summary import round_ranking_stats

    with Store(db) as s:
        stats = round_ranking_stats(s, ROUND)
    assert stats is not None and stats.n > 0
    [(it.first_choice, it.positions, it.mean_rank, it.borda) for it in stats.items]


def _sql_stats(db: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(RANK_ITEMS_SQL).fetchall()
    conn.execute(RANK_POSITIONS_SQL).fetchall()


def _pandas_stats(db: str) -> None:
    import pandas as pd

    conn = sqlite3.connect(db)
    df = pd.read_sql_query(f"SELECT k.item_id, k.position {JOIN}", conn)
    by_item = df.groupby("item_id")["position"]
    (df["position"] == 1).groupby(df["item_id"]).sum()  # first choices
    by_item.mean()  # mean rank
    (K - df["position"]).groupby(df["item_id"]).sum()  # Borda
    by_item.size()  # ranked by
    df.groupby(["item_id", "position"]).size().unstack(fill_value=0)  # position distribution


def main(task: str, db: str, out: str) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    # The baselines' query is written by hand in real use: built before the clock starts.
    sql = answers_sql() if task in ("pandas_answers_csv", "sqlite3_answers_csv") else ""
    t0 = time.perf_counter()
    child_mb = None
    if task == "project_stats":
        _project_stats(db)
    elif task == "sql_stats":
        _sql_stats(db)
    elif task == "pandas_stats":
        _pandas_stats(db)
    elif task == "project_answers_csv":
        from survey_tui.export import write_answers_csv
        from survey_tui.store import Store

        with Store(db) as s:
            write_answers_csv(s, ROUND, out)
    elif task == "pandas_answers_csv":
        import pandas as pd

        conn = sqlite3.connect(db)
        pd.read_sql_query(sql, conn).to_csv(Path(out) / "answers.csv", index=False)
    elif task == "sqlite3_answers_csv":
        with open(Path(out) / "answers.csv", "wb") as fh:
            proc = subprocess.run(["/usr/bin/sqlite3", "-csv", "-header", db, sql], stdout=fh)
        assert proc.returncode == 0
        # the sqlite3 shell's own memory, measured by the kernel (this Python wrapper is harness)
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    elif task == "project_report":
        from survey_tui.store import Store
        from survey_tui.summary import build_report

        with Store(db) as s:
            build_report(s, ROUND, answers=False).to_dict()
    elif task == "project_export":
        from survey_tui.export import export_round
        from survey_tui.store import Store

        with Store(db) as s:
            export_round(s, ROUND, out)
    else:
        raise SystemExit(f"unknown task {task}")
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb() if child_mb is None else child_mb}))


if __name__ == "__main__":
    main(*sys.argv[1:])
