"""Growth of ranking-statistics time from 1,000 to 1,000,000 responses (should be linear or better)."""

from __future__ import annotations

import random
import sys
import time

from common import RANKING, median, peak_mb_self, table


def rankings(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        r = RANKING[:]
        rng.shuffle(r)
        out.append(r[: rng.choice((2, 3, 5, 5, 5))])  # some partial rankings
    return out


def run(quick: bool = False) -> str:
    from survey_tui.analysis.ranking import ranking_stats

    sizes = [1_000, 10_000, 100_000] + ([] if quick else [1_000_000])
    rows, prev = [], None
    for n in sizes:
        data = rankings(n)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            ranking_stats(data, RANKING)
            times.append(time.perf_counter() - t0)
        t = median(times)
        per = t / n * 1e6
        growth = f"{t / prev[1]:.1f}x for {n // prev[0]}x data" if prev else "-"
        rows.append([f"{n:,}", t * 1000, per, growth, peak_mb_self()])
        prev = (n, t)
    first_per, last_per = rows[0][2], rows[-1][2]
    note = ("met: time per response does not grow with n (linear or better)" if last_per <= first_per * 1.5
            else f"**missed**: time per response grew {last_per / first_per:.1f}x from the smallest to the largest size")
    return "\n".join([
        "## Ranking statistics: growth with the number of responses", "",
        "`analysis.ranking.ranking_stats` (first choices, positions, Borda, pairwise, Schulze, Kendall W) on random "
        "rankings of 5 items, some partial; median of 3 runs. Peak memory is this benchmark process's (input list included).", "",
        table(["responses", "time ms", "µs per response", "growth", "peak MB"], rows), "", f"- {note}", ""])


if __name__ == "__main__":
    print(run("--quick" in sys.argv))
