"""Report and export at 10,000 and 100,000 responses vs bare SQL, pandas and `sqlite3 -csv`.

Targets (issue 6) are judged on the like-for-like rows, where both sides compute the same
figures or write the same file; the full rows (keyword analysis, seven CSV files and the
chart images) are shown for information next to the same baselines.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys

from common import RANKING, median, run_json, table, verdict, workdir

WORDS = "yhteistyö kela sosiaalitoimi asiakas tieto palvelu puhelin sähköposti tapaaminen ohje".split()


def build_db(path, n: int) -> None:
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    rng = random.Random(n)
    with Store(path) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
        batch = []
        for i in range(n):
            r = RANKING[:]
            rng.shuffle(r)
            answers = {q: " ".join(rng.choices(WORDS, k=rng.randint(5, 40)))
                       for q in ("q1a", "q2a", "q3", "q5") if rng.random() < 0.7}
            batch.append({"language": "fi", "answers": answers, "ranking": r})
            if len(batch) == 5000:
                s.import_responses("r1", batch)
                batch = []
        if batch:
            s.import_responses("r1", batch)


def measure(task, db, tmp, repeats):
    runs = []
    for i in range(repeats):
        out = tmp / f"{task}-{i}"
        runs.append(run_json(["bench/rx_worker.py", task, str(db), str(out)]))
        shutil.rmtree(out, ignore_errors=True)
    return median([r["seconds"] for r in runs]), max(r["peak_mb"] for r in runs)


NAN = (float("nan"), float("nan"))


def run(quick: bool = False) -> str:
    has_pandas = importlib.util.find_spec("pandas") is not None
    repeats = 3 if quick else 5
    sizes = [10_000] if quick else [10_000, 100_000]
    rows, notes = [], []
    for n in sizes:
        tmp = workdir()
        db = tmp / "r.db"
        build_db(db, n)
        tasks = ["project_stats", "sql_stats", "project_answers_csv", "sqlite3_answers_csv",
                 "project_report", "project_export"]
        if has_pandas:
            tasks += ["pandas_stats", "pandas_answers_csv"]
        res = {task: measure(task, db, tmp, repeats) for task in tasks}
        shutil.rmtree(tmp, ignore_errors=True)
        ps, ss, pds = res["project_stats"], res["sql_stats"], res.get("pandas_stats", NAN)
        pa, sa, pda = res["project_answers_csv"], res["sqlite3_answers_csv"], res.get("pandas_answers_csv", NAN)
        pr, pe = res["project_report"], res["project_export"]
        size = f"{n:,}"
        rows += [
            [size, "ranking statistics (like for like)", ps[0], ss[0], pds[0], ps[0] / ss[0], ps[0] / pds[0],
             ps[1], ss[1], pds[1]],
            [size, "answers.csv (like for like)", pa[0], sa[0], pda[0], pa[0] / sa[0], pa[0] / pda[0],
             pa[1], sa[1], pda[1]],
            [size, "full report incl. keyword analysis (info)", pr[0], ss[0], pds[0], pr[0] / ss[0], pr[0] / pds[0],
             pr[1], ss[1], pds[1]],
            [size, "full export incl. charts (info)", pe[0], sa[0], pda[0], pe[0] / sa[0], pe[0] / pda[0],
             pe[1], sa[1], pda[1]],
        ]
        notes.append(verdict(ps[0] <= 3 * ss[0], f"{size}: ranking statistics {ps[0]:.3f}s, {ps[0] / ss[0]:.1f}x "
                             f"bare SQL {ss[0]:.3f}s (target <= 3x)"))
        notes.append(verdict(pa[0] <= 4 * sa[0], f"{size}: answers.csv {pa[0]:.3f}s, {pa[0] / sa[0]:.1f}x "
                             f"`sqlite3 -csv` {sa[0]:.3f}s (target <= 4x)"))
        notes.append(verdict(pa[1] < 150, f"{size}: answers.csv peak memory {pa[1]:.0f} MB (target < 150 MB); "
                             f"full export {pe[1]:.0f} MB"))
        if has_pandas:
            notes.append(verdict(ps[0] < pds[0], f"{size}: ranking statistics {ps[0]:.3f}s vs pandas {pds[0]:.3f}s "
                                 "(target: faster)"))
            notes.append(verdict(pa[0] < pda[0], f"{size}: answers.csv {pa[0]:.3f}s vs pandas {pda[0]:.3f}s "
                                 "(target: faster)"))
        notes.append(f"information, {size}: the full report takes {pr[0]:.2f}s ({pr[0] / ss[0]:.0f}x the ranking SQL) "
                     f"and the full export {pe[0]:.2f}s ({pe[0] / sa[0]:.0f}x `sqlite3 -csv` of answers.csv), "
                     f"{pe[1]:.0f} MB; they do work the baselines do not (see above)")
    if not has_pandas:
        notes.append("**pandas not installed**: pandas columns are empty (`pip install pandas`).")
    return "\n".join([
        "## Report and export vs bare SQL, pandas and `sqlite3 -csv`", "",
        "Each task runs in a fresh process (interpreter start-up and imports included), median of "
        f"{repeats} runs; peak = that process's VmHWM (for `sqlite3 -csv`, the sqlite3 shell's own peak). "
        "Targets are judged on the like-for-like rows:", "",
        "- *ranking statistics*: first choices, position distribution, mean rank, Borda points and ranked-by "
        "per item. Project = `summary.round_ranking_stats` (SQL `Store.ranking_counts` of the distinct rankings, "
        "then `ranking_stats_from_counts`, which also computes the pairwise matrix, Schulze order and Kendall's W "
        "and checks the minimum group); bare SQL = two GROUP BY queries giving those figures; pandas = "
        "`read_sql_query` of the placements and groupbys.",
        "- *answers.csv*: the same five columns (response_id, theme_id, question_id, text, codes) and rows. "
        "Project = `export.write_answers_csv` (text cleaned of control characters and formula-neutralised, "
        "rows in random order, written under a temporary name); `sqlite3 -csv` and pandas `to_csv` run one "
        "query (theme from a CASE, codes by a group_concat) and write the raw text.",
        "",
        "The *full* rows are information: the full report is `build_report(answers=False).to_dict()` "
        "(ranking statistics plus answered/blank counts and lemmatised keywords of every free-text answer); the "
        "full export is `export_round` (responses.csv, answers.csv, ranking, positions, keywords and codes CSV "
        "files, and first-choice and position charts as PNG and SVG with matplotlib). They are compared with "
        "the same baselines as above, which do much less.", "",
        table(["responses", "task", "project s", "SQL / sqlite3 -csv s", "pandas s", "ratio vs SQL / -csv",
               "ratio vs pandas", "project peak MB", "SQL / sqlite3 peak MB", "pandas peak MB"], rows), "",
        *[f"- {n}" for n in notes], ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
