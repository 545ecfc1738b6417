"""Growth of ranking-statistics time from 1,000 to 1,000,000 responses (should be linear or better)."""

from __future__ import annotations

import random
import shutil
import sys
import time

from common import RANKING, median, peak_mb_self, table, workdir


def rankings(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        r = RANKING[:]
        rng.shuffle(r)
        out.append(r[: rng.choice((2, 3, 5, 5, 5))])  # some partial rankings
    return out


def build_db(path, data: list[list[str]]) -> None:
    """A round holding these rankings only (no answers), inserted directly: a fixture, not the API."""
    import secrets

    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    with Store(path) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
        conn = s.conn
        conn.execute("PRAGMA synchronous = OFF")
        for start in range(0, len(data), 50_000):
            chunk = data[start : start + 50_000]
            ids = [secrets.token_hex(16) for _ in chunk]
            conn.executemany("INSERT INTO responses (id, round, language) VALUES (?, 'r1', 'fi')", [(i,) for i in ids])
            conn.executemany("INSERT INTO rankings (response_id, item_id, position) VALUES (?,?,?)",
                             [(rid, item, pos) for rid, r in zip(ids, chunk) for pos, item in enumerate(r, 1)])
            conn.commit()


def _timed(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return median(times)


def run(quick: bool = False) -> str:
    from survey_tui.analysis.ranking import ranking_stats
    from survey_tui.store import Store
    from survey_tui.summary import round_ranking_stats

    sizes = [1_000, 10_000, 100_000] + ([] if quick else [1_000_000])
    rows, prev = [], None
    tmp = workdir()
    try:
        for n in sizes:
            data = rankings(n)
            t = _timed(lambda: ranking_stats(data, RANKING))
            db = tmp / f"rank-{n}.db"
            build_db(db, data)
            del data
            with Store(db) as store:
                expected = ranking_stats(store.rankings("r1"), RANKING) if n <= 100_000 else None
                got = round_ranking_stats(store, "r1")
                assert expected is None or got == expected  # the database path computes the same statistics
                t_db = _timed(lambda: round_ranking_stats(store, "r1"))
            db.unlink()
            growth = (f"{t / prev[1]:.1f}x / {t_db / prev[2]:.1f}x for {n // prev[0]}x data" if prev else "-")
            rows.append([f"{n:,}", t * 1000, t / n * 1e6, t_db * 1000, t_db / n * 1e6, growth, peak_mb_self()])
            prev = (n, t, t_db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    notes = []
    for label, col in (("pure function", 2), ("from the database", 4)):
        first_per, last_per = rows[0][col], rows[-1][col]
        notes.append(f"met ({label}): time per response does not grow with n (linear or better)"
                     if last_per <= first_per * 1.5 else
                     f"**missed** ({label}): time per response grew {last_per / first_per:.1f}x from the smallest "
                     "to the largest size")
    return "\n".join([
        "## Ranking statistics: growth with the number of responses", "",
        "Random rankings of 5 items, some partial; median of 3 runs in this process. *Pure function*: "
        "`analysis.ranking.ranking_stats` (first choices, positions, Borda, pairwise, Schulze, Kendall W) on an "
        "in-memory list. *From the database*: `summary.round_ranking_stats`, the path the project uses for "
        "ranking-only views (SQLite counts the distinct rankings with `Store.ranking_counts`, then "
        "`ranking_stats_from_counts`), on a database holding only that round's rankings; checked equal to the "
        "pure function up to 100,000. Peak memory is this benchmark process's so far (input list included).", "",
        table(["responses", "pure ms", "pure µs/response", "from DB ms", "from DB µs/response",
               "growth (pure / DB)", "peak MB"], rows), "", *[f"- {note}" for note in notes], ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
