"""Report and export at 10,000 and 100,000 responses vs bare SQL, pandas and `sqlite3 -csv`."""

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


def run(quick: bool = False) -> str:
    has_pandas = importlib.util.find_spec("pandas") is not None
    repeats = 2 if quick else 3
    sizes = [10_000] if quick else [10_000, 100_000]
    rows, notes = [], []
    for n in sizes:
        tmp = workdir()
        db = tmp / "r.db"
        build_db(db, n)
        res = {}
        tasks = ["project_report", "sql_report", "project_export", "sqlite3_csv"]
        if has_pandas:
            tasks += ["pandas_report", "pandas_export"]
        for task in tasks:
            res[task] = measure(task, db, tmp, repeats)
        pr, sr = res["project_report"], res["sql_report"]
        pe, sc = res["project_export"], res["sqlite3_csv"]
        pdr = res.get("pandas_report", (float("nan"), float("nan")))
        pde = res.get("pandas_export", (float("nan"), float("nan")))
        rows.append([f"{n:,}", "report", pr[0], sr[0], pdr[0], "-", pr[0] / sr[0], pr[0] / pdr[0], pr[1], pdr[1]])
        rows.append([f"{n:,}", "export", pe[0], "-", pde[0], sc[0], pe[0] / sc[0], pe[0] / pde[0], pe[1], pde[1]])
        notes.append(verdict(pr[0] <= 3 * sr[0], f"{n:,}: report is {pr[0] / sr[0]:.1f}x bare SQL (target <= 3x)"))
        notes.append(verdict(pe[0] <= 4 * sc[0], f"{n:,}: export is {pe[0] / sc[0]:.1f}x `sqlite3 -csv` (target <= 4x)"))
        notes.append(verdict(pe[1] < 150, f"{n:,}: export peak memory {pe[1]:.0f} MB (target < 150 MB)"))
        if has_pandas:
            notes.append(verdict(pr[0] < pdr[0], f"{n:,}: report {pr[0]:.2f}s vs pandas {pdr[0]:.2f}s (target: faster)"))
            notes.append(verdict(pe[0] < pde[0], f"{n:,}: export {pe[0]:.2f}s vs pandas {pde[0]:.2f}s (target: faster)"))
        shutil.rmtree(tmp, ignore_errors=True)
    if not has_pandas:
        notes.append("**pandas not installed**: pandas columns are empty (`pip install pandas`).")
    return "\n".join([
        "## Report and export vs bare SQL, pandas and `sqlite3 -csv`", "",
        "Each task runs in a fresh process (start-up and imports included), median of "
        f"{repeats} runs; peak = that process's VmHWM. Project report = `build_report(answers=False)` + `to_dict()` "
        "(everything `report --format json` computes: ranking statistics and theme summaries). Bare SQL = one GROUP BY "
        "of positions per item. pandas report = read the rankings and group them. Project export = `export_round` "
        "(all CSV files and the PNG/SVG charts); `sqlite3 -csv` and pandas export only answers.csv.", "",
        table(["responses", "task", "project s", "bare SQL s", "pandas s", "sqlite3 -csv s", "ratio vs SQL/-csv",
               "ratio vs pandas", "project peak MB", "pandas peak MB"], rows), "",
        *[f"- {n}" for n in notes], ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
