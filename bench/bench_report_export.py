"""The shipped report and export commands, timed as a user runs them, against baselines.

Every measured row is one fresh process of a command a coordinator types (`survey-tui
--db D report r1 --format json`, ...), on realistic data (bench/realdata.py: all 8 questions
of kela-sosiaalitoimi, ~60 % answered, 5-40 real Finnish word forms, ~230 characters), with
its own XDG folders:
- warm: a cache folder a previous report has filled (the lemma memo);
- cold: fresh, empty XDG folders for every run (a fresh machine);
- unwritable: XDG_CACHE_HOME is a file, so nothing can be cached.
Baselines run in the same session on the same file:
- `sqlite3 -csv` (Debian's sqlite3 shell) dumping all answer text (the reading cost of a
  report) and the rows of responses.csv and answers.csv (the reading cost of an export);
- bench/pandas_report.py: pandas + simplemma computing the same ranking figures and keyword
  counts as `report --format json` (checked equal at every size, on the timed run's output).
Peak = the process's maximum RSS (wait4). Targets from issue 13.

The database is built untimed by realdata.build_db_bulk (the rows written in random order
through store/layout.py, as imports leave them), then one untimed report releases the
responses and stores their keyword lemmas (store/lemmas.py). *first after release* times that
report itself: on a fresh copy whose lemma rows are emptied, with fresh XDG folders. At
1,000,000 responses only `report --format json`, `export` and their `sqlite3 -csv` baselines
run, once each (the text reports keep every answer in memory; the pandas script needs ~30 GB).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, ROOT, median, table, verdict, workdir

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata  # noqa: E402

SURVEY = str(Path(PY).with_name("survey-tui"))
SQLITE3 = shutil.which("sqlite3")
ROUND = realdata.ROUND


TIME = shutil.which("time") or "/usr/bin/time"


def _run(args: list[str], env: dict, out=subprocess.DEVNULL) -> tuple[float, float]:
    """(wall seconds, peak MB) of one fresh process.

    Peak comes from GNU time's %M: the command is forked from the small `time` process, so
    its maximum RSS is its own (a child forked from this bench would inherit our peak).
    """
    fd, stats = tempfile.mkstemp(suffix=".time")
    os.close(fd)
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%M", "-o", stats, *args], env=env, stdout=out, stderr=subprocess.PIPE,
                              cwd=ROOT)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
        peak_kb = int(Path(stats).read_text().split()[-1])
    finally:
        os.unlink(stats)
    return seconds, peak_kb / 1024


def _env(xdg: Path | None, *, unwritable: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SURVEY_TUI"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured with up-to-date .pyc files, as installed
    if xdg is not None:
        for name in ("CACHE", "DATA", "CONFIG", "STATE"):
            folder = xdg / name.lower()
            folder.mkdir(parents=True, exist_ok=True)
            env[f"XDG_{name}_HOME"] = str(folder)
        if unwritable:
            blocker = xdg / "cache-is-a-file"
            blocker.write_text("")
            env["XDG_CACHE_HOME"] = str(blocker)
    return env


def _answers_sql() -> str:
    return (f"SELECT a.response_id, a.question_id, a.text FROM answers a JOIN responses r "
            f"ON r.id = a.response_id WHERE r.round = '{ROUND}'")


def _export_sql() -> str:
    """The rows of responses.csv and answers.csv, as far as SQL can write them."""
    from survey_tui.questionnaire import load_shipped

    q = load_shipped("kela-sosiaalitoimi")
    theme = " ".join(f"WHEN '{question.id}' THEN '{t.id}'" for t, question in q.questions())
    cols = ", ".join(f"max(CASE WHEN a.question_id = '{qid}' THEN a.text END)" for qid in realdata.QUESTIONS)
    ranks = ", ".join(f"(SELECT item_id FROM rankings k WHERE k.response_id = r.id AND k.position = {p})"
                      for p in range(1, len(realdata.RANKING) + 1))
    return (f"SELECT r.id, r.language, {cols}, {ranks} FROM responses r LEFT JOIN answers a "
            f"ON a.response_id = r.id WHERE r.round = '{ROUND}' GROUP BY r.id;"
            f" SELECT a.response_id, CASE a.question_id {theme} END, a.question_id, a.text,"
            " coalesce((SELECT group_concat(c.label, '; ') FROM answer_codes c"
            " WHERE c.response_id = a.response_id AND c.question_id = a.question_id), '')"
            f" FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.round = '{ROUND}';")


def _same_figures(mine_file: Path, theirs_file: Path) -> bool:
    """The pandas script and `report --format json` (outputs of timed runs) agree on ranking
    figures and keywords."""
    mine = json.loads(mine_file.read_text("utf-8"))
    theirs = json.loads(theirs_file.read_text("utf-8"))
    ok = all(it["first_choice"] == theirs["items"][it["id"]]["first_choice"]
             and list(it["positions"]) == theirs["items"][it["id"]]["positions"]
             and abs(it["mean_rank"] - theirs["items"][it["id"]]["mean_rank"]) < 1e-3
             for it in mine["ranking"]["items"])
    for theme in mine["themes"]:
        ok = ok and [list(kw) for kw in theme["keywords"]] == theirs["keywords"].get(theme["id"], [])
        for question in theme["questions"]:
            ok = ok and question["answered"] == theirs["answered"].get(question["id"], 0)
    return ok


def _profile(args: list[str], env: dict, top: int = 8) -> list[list]:
    """Where the time of one command goes: cProfile's top functions by own time."""
    import pstats

    fd, out = tempfile.mkstemp(suffix=".prof")
    os.close(fd)
    try:
        subprocess.run([PY, "-m", "cProfile", "-o", out, "-m", "survey_tui", *args], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stats = pstats.Stats(out)
        total = stats.total_tt
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
        return [[f"`{Path(f).name}:{line} {name}`", tt, tt / total * 100] for (f, line, name), (_cc, _nc, tt, _ct, _c)
                in rows] + [["(whole run, under the profiler)", total, 100.0]]
    finally:
        os.unlink(out)


def _emptied_copy(db: Path, tmp: Path) -> Path:
    """A copy of the database without its stored lemma data (as right after a release)."""
    import sqlite3

    copy = Path(tempfile.mkdtemp(dir=tmp)) / "r.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.executescript("DELETE FROM answer_lemmas; DELETE FROM lemma_totals; DELETE FROM lemma_rounds;")
    conn.close()
    return copy


def measure(n: int, repeats: int, with_pandas: bool) -> tuple[dict, dict]:
    tmp = workdir()
    try:
        db = tmp / "r.db"
        t0 = time.perf_counter()
        realdata.build_db_bulk(db, n)  # includes one untimed report (releases, stores the lemma rows)
        info = {"build_s": time.perf_counter() - t0}
        warm = tmp / "warm"
        warm_env = _env(warm)
        subprocess.run([SURVEY, "--db", str(db), "report", ROUND, "--format", "json"], env=warm_env, check=True,
                       capture_output=True)  # fills the warm cache
        info["db_mb"] = db.stat().st_size / 1e6
        big = n >= 1_000_000
        report = [SURVEY, "--db", str(db), "report", ROUND]
        outputs = {"report": tmp / "report.json", "pandas": tmp / "pandas.json"}

        def cold_env(unwritable=False):
            return _env(Path(tempfile.mkdtemp(dir=tmp)), unwritable=unwritable)

        def export(extra):
            def args():
                out = Path(tempfile.mkdtemp(dir=tmp)) / "out"
                return [SURVEY, "--db", str(db), "export", ROUND, "--out", str(out), *extra]
            return args

        def first_report():
            return [SURVEY, "--db", str(_emptied_copy(db, tmp)), "report", ROUND, "--format", "json"]

        tasks = {"report --format json (warm)": (lambda: report + ["--format", "json"], lambda: warm_env, repeats,
                                                 outputs["report"])}
        if not big:
            tasks.update({
                "report --format json (cold: fresh XDG folders)": (lambda: report + ["--format", "json"], cold_env,
                                                                   repeats, None),
                "report --format json (unwritable cache)": (lambda: report + ["--format", "json"],
                                                            lambda: cold_env(True), repeats, None),
                "report --format json (first after release: stores the lemma rows; fresh XDG folders)": (
                    first_report, cold_env, 1, None),
                "report (text, warm)": (lambda: report, lambda: warm_env, 1, None),
                "report --format markdown (warm)": (lambda: report + ["--format", "markdown"], lambda: warm_env, 1,
                                                    None),
            })
        tasks["export (all CSV files, warm)"] = (export([]), lambda: warm_env, repeats, None)
        if not big:
            tasks.update({
                "export (cold: fresh XDG folders)": (export([]), cold_env, max(1, repeats // 2), None),
                "export --excel (warm)": (export(["--excel"]), lambda: warm_env, max(1, repeats // 2), None),
                # The spreadsheet file the README points coordinators to, and the analysis file.
                "export --format xlsx (warm)": (export(["--format", "xlsx"]), lambda: warm_env, 1, None),
                "export --format jsonl (warm)": (export(["--format", "jsonl"]), lambda: warm_env, 1, None),
                "export --charts (warm)": (export(["--charts"]), lambda: warm_env, 1, None),
            })
        if SQLITE3:
            tasks["sqlite3 -csv: all answer text"] = (lambda: [SQLITE3, "-csv", str(db), _answers_sql()],
                                                      lambda: warm_env, repeats, None)
            tasks["sqlite3 -csv: rows of responses.csv + answers.csv"] = (
                lambda: [SQLITE3, "-csv", str(db), _export_sql()], lambda: warm_env, repeats, None)
        if with_pandas:
            tasks["pandas + simplemma script (same figures as report --format json)"] = (
                lambda: [PY, "bench/pandas_report.py", str(db), ROUND], lambda: warm_env, 1, outputs["pandas"])
        if n == 100_000:  # the size of the detailed table
            info["profile_report"] = _profile(["--db", str(db), "report", ROUND, "--format", "json"], warm_env)
            info["profile_export"] = _profile(["--db", str(db), "export", ROUND, "--out", str(tmp / "prof-out")],
                                              warm_env)
        results = {name: [] for name in tasks}
        # interleaved rounds, so a busy moment of the shared machine hits every task alike
        for i in range(max(r for _a, _e, r, _o in tasks.values())):
            for name, (args, env, reps, keep) in tasks.items():
                if i < reps:
                    with open(keep if keep is not None else os.devnull, "wb") as sink:
                        results[name].append(_run(args(), env(), out=sink))
        if with_pandas:
            info["same_figures"] = _same_figures(outputs["report"], outputs["pandas"])
        return {name: (median([s for s, _ in runs]), max(m for _, m in runs)) for name, runs in results.items()}, info
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _main_table(res: dict) -> list[list]:
    sq_text = res.get("sqlite3 -csv: all answer text", (float("nan"),) * 2)
    sq_rows = res.get("sqlite3 -csv: rows of responses.csv + answers.csv", (float("nan"),) * 2)
    pandas = res.get("pandas + simplemma script (same figures as report --format json)", (float("nan"),) * 2)
    rows = []
    for name, (sec, peak) in res.items():
        base = sq_rows if name.startswith("export") else sq_text
        rows.append([f"`{name}`" if name.startswith(("report", "export")) else name, sec, peak,
                     sec / base[0] if not name.startswith(("sqlite3", "pandas")) else "",
                     sec / pandas[0] if name.startswith("report") and pandas[0] == pandas[0] else ""])
    return rows


def run(quick: bool = False) -> str:
    import importlib.util

    with_pandas = importlib.util.find_spec("pandas") is not None
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
    repeats = 3
    all_res, infos = {}, {}
    for n in sizes:
        print(f"  report/export at {n:,} ...", file=sys.stderr, flush=True)
        all_res[n], infos[n] = measure(n, 1 if n >= 1_000_000 else repeats, with_pandas and n <= 100_000)
    big = max(n for n in sizes if n <= 100_000)  # the size every row runs at
    res = all_res[big]
    nan = (float("nan"),) * 2
    sq_text = res.get("sqlite3 -csv: all answer text", nan)
    sq_rows = res.get("sqlite3 -csv: rows of responses.csv + answers.csv", nan)
    pandas = res.get("pandas + simplemma script (same figures as report --format json)", nan)
    warm = res["report --format json (warm)"]
    cold = res["report --format json (cold: fresh XDG folders)"]
    ro = res["report --format json (unwritable cache)"]
    first = res["report --format json (first after release: stores the lemma rows; fresh XDG folders)"]
    exp = res["export (all CSV files, warm)"]
    s = f"{big:,}"
    notes = [
        verdict(warm[0] <= 3 * sq_text[0], f"{s}: `report --format json` warm {warm[0]:.2f} s = "
                f"{warm[0] / sq_text[0]:.1f}x `sqlite3 -csv` of all answer text {sq_text[0]:.2f} s (target <= 3x)"),
        verdict(warm[0] < pandas[0], f"{s}: `report --format json` warm {warm[0]:.2f} s vs the pandas + simplemma "
                f"script {pandas[0]:.2f} s ({warm[0] / pandas[0]:.2f}x; target: faster)"),
        verdict(cold[0] <= 1.5 * warm[0] and cold[1] < 150, f"{s}: cold (fresh XDG folders) {cold[0]:.2f} s = "
                f"{cold[0] / warm[0]:.2f}x warm, peak {cold[1]:.0f} MB (target <= 1.5x, < 150 MB)"),
        verdict(ro[0] <= 1.5 * warm[0] and ro[1] < 150, f"{s}: unwritable cache {ro[0]:.2f} s = "
                f"{ro[0] / warm[0]:.2f}x warm, peak {ro[1]:.0f} MB (target <= 1.5x, < 150 MB)"),
        verdict(exp[0] <= 4 * sq_rows[0] and exp[1] < 150, f"{s}: `export` {exp[0]:.2f} s = "
                f"{exp[0] / sq_rows[0]:.1f}x `sqlite3 -csv` of the same rows {sq_rows[0]:.2f} s, peak "
                f"{exp[1]:.0f} MB (target <= 4x, < 150 MB)"),
        f"not a target of the issue, shown because it is paid once per release: the first report after a release "
        f"lemmatises every released answer once and stores the rows ({first[0]:.1f} s, peak {first[1]:.0f} MB, "
        f"{first[0] / sq_text[0]:.0f}x `sqlite3 -csv`); every later report, export and dashboard view of that release "
        "reads the stored rows (`answer_lemmas`, `lemma_totals`: store/lemmas.py)",
        "how a warm report works now: the keyword figures, answered counts and ranking orders are aggregate reads "
        "of the stored lemma data (`lemma_totals`, valid for the stamp of simplemma, stop words and rules and for "
        "the released responses per batch); no answer text is read. The export reads every released response once "
        "(`Store.scan_responses`) and writes both files from it (`export_rows.write_rows`), no keyword work and no "
        "matplotlib unless `--charts`",
    ]
    if with_pandas:
        notes.append(("checked: " if all(i.get("same_figures") for i in infos.values() if "same_figures" in i)
                      else "**differs**: ")
                     + "the pandas script and `report --format json` (outputs of the timed runs) give the same first "
                     "choices, positions, mean ranks, answered counts and top-10 keywords at every size it runs")
    if not SQLITE3:
        notes.append("**sqlite3 CLI missing**: install Debian's `sqlite3` package (apt-get install sqlite3) for "
                     "the reading baselines")
    else:
        ver = subprocess.run([SQLITE3, "-version"], capture_output=True, text=True).stdout.split()[0]
        notes.append(f"baseline shell: `{SQLITE3}` {ver} (Debian's sqlite3 package)")
    growth = []
    prev = None
    for n in sizes:
        w = all_res[n]["report --format json (warm)"][0]
        e = all_res[n]["export (all CSV files, warm)"][0]
        sq = all_res[n].get("sqlite3 -csv: all answer text", nan)[0]
        sqr = all_res[n].get("sqlite3 -csv: rows of responses.csv + answers.csv", nan)[0]
        growth.append([f"{n:,}", w, w / n * 1e6, w / sq, e, e / n * 1e6, e / sqr, infos[n]["build_s"],
                       f"{w / prev[1]:.1f}x / {e / prev[2]:.1f}x for {n // prev[0]}x data" if prev else "-"])
        prev = (n, w, e)
    profiles = []
    for key, title in (("profile_report", "report --format json"), ("profile_export", "export")):
        if key in infos[big]:
            profiles += [f"### Where the time goes: `{title}`, {s}, warm (cProfile, own time)", "",
                         table(["function", "seconds", "% of run"], infos[big][key]), ""]
    largest = sizes[-1]
    extra = []
    if largest != big:
        extra = [f"### {largest:,} responses (one run each)", "",
                 table(["command", "seconds", "peak MB", "ratio vs sqlite3 -csv", "ratio vs pandas script"],
                       _main_table(all_res[largest])), "",
                 f"- database built untimed in {infos[largest]['build_s']:.0f} s by `realdata.build_db_bulk` (bulk "
                 f"inserts through store/layout.py's `put_back`, then the first report storing the lemma rows); file "
                 f"{infos[largest]['db_mb']:,.0f} MB", ""]
    return "\n".join([
        "## Report and export commands on realistic data", "",
        "Each row is one command in a fresh process, median of the runs (interleaved), peak RSS of that "
        "process. Data: `bench/realdata.py` (all 8 questions of kela-sosiaalitoimi answered ~60 % of the "
        "time, 5-40 real Finnish word forms from simplemma's dictionary plus stop words, ~240 characters; "
        "full rankings; 85 % fi, 15 % en interface), built untimed by `realdata.build_db_bulk` (the same rows and "
        "layout as `Store.import_responses`, written in bulk). *warm*: a cache folder a previous report filled; "
        "*cold*: new empty XDG folders for every run; *unwritable*: XDG_CACHE_HOME is a file. "
        "Ratios: report rows against `sqlite3 -csv` of all answer text and the pandas + simplemma script "
        "(bench/pandas_report.py); export rows against `sqlite3 -csv` writing the rows of responses.csv and "
        "answers.csv. Exports write CSV only unless `--charts` is given; `--format xlsx` writes the one workbook "
        "SLUG.xlsx and `--format jsonl` responses.jsonl (their ratios are against the same CSV rows, for scale). "
        "`report` (text) and `--format "
        "markdown` show every answer, so they keep all answer text in memory (summary.theme_summaries path): "
        "their peak grows with the round.", "",
        f"### {s} responses", "",
        table(["command", "seconds", "peak MB", "ratio vs sqlite3 -csv", "ratio vs pandas script"], _main_table(res)),
        "",
        *[f"- {note}" for note in notes], "",
        "### Growth (warm)", "",
        table(["responses", "report json s", "µs/response", "vs sqlite3 -csv text", "export s", "µs/response",
               "vs sqlite3 -csv rows", "build s (untimed)", "growth (report / export)"], growth), "",
        *extra,
        *profiles,
    ])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
