"""Ranking statistics: first choices, positions, mean rank, Borda, pairwise, Schulze, Kendall.

Input is each respondent's ranking as a sequence of item ids, most important first.
Rankings may be partial (a prefix: the items the respondent chose to place). The rules
for an item a respondent did not place ("unranked") are, everywhere in this module:

- it gets no position count, and its mean rank is taken only over those who ranked it;
- it gets 0 Borda points (a ranked item at position p gets k - p, so the last of k gets 0 too);
- in the pairwise matrix every ranked item is above it; two unranked items: no preference.

A ranking must not name an item twice (ties are not representable) and must name only
known items; either raises ValueError. Empty rankings are ignored and not counted in n.

Everything is computed from the distinct ranking tuples and their counts, so the cost is
O(n) to count plus O(distinct * k^2): a million rankings of five items take about a second.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence


@dataclass(frozen=True)
class ItemStats:
    id: str
    first_choice: int
    first_choice_share: float  # share of n (0..1); 0.0 when n == 0
    positions: tuple[int, ...]  # count at position 1..k
    mean_rank: float | None  # 1 = most important; None if nobody ranked it
    borda: int  # sum over respondents of (k - position); unranked items get 0 points
    ranked_by: int  # respondents who placed this item

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_choice": self.first_choice,
            "first_choice_share": self.first_choice_share,
            "positions": list(self.positions),
            "mean_rank": self.mean_rank,
            "borda": self.borda,
            "ranked_by": self.ranked_by,
        }


@dataclass(frozen=True)
class RankingStats:
    n: int
    k: int
    items: tuple[ItemStats, ...]  # in questionnaire order
    pairwise: tuple[tuple[int, ...], ...]  # pairwise[a][b] = respondents ranking a above b
    consensus: tuple[str, ...]  # Schulze order, ties by Borda then questionnaire order
    kendall_w: float | None  # complete rankings without ties and n >= 2 only
    complete: bool  # every respondent ranked every item

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "k": self.k,
            "items": [item.to_dict() for item in self.items],
            "pairwise": [list(row) for row in self.pairwise],
            "consensus": list(self.consensus),
            "kendall_w": self.kendall_w,
            "complete": self.complete,
        }

    def item(self, item_id: str) -> ItemStats:
        """The statistics of one item by id (KeyError if unknown)."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)


# --------------------------------------------------------------------------- counting


def _index(item_ids: Sequence[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, item in enumerate(item_ids):
        if item in index:
            raise ValueError(f"duplicate item id {item!r}")
        index[item] = i
    return index


def _count(rankings: Iterable[Sequence[str]]) -> Counter[tuple[str, ...]]:
    """Distinct non-empty rankings with how many respondents gave each."""
    counts: Counter[tuple[str, ...]] = Counter(map(tuple, rankings))
    counts.pop((), None)
    return counts


def _as_indices(ranking: tuple[str, ...], index: Mapping[str, int]) -> list[int]:
    out = []
    for item in ranking:
        i = index.get(item) if isinstance(item, str) else None
        if i is None:
            raise ValueError(f"unknown ranking item {str(item)[:40]!r}")
        out.append(i)
    if len(set(out)) != len(out):
        raise ValueError(f"ranking names an item twice: {list(ranking)!r}"[:200])
    return out


def ranking_stats(rankings: Iterable[Sequence[str]], item_ids: Sequence[str]) -> RankingStats:
    """All ranking statistics of one round; `rankings` may be any iterable, read once."""
    return _stats(_count(rankings), item_ids)


def ranking_stats_from_counts(
    counts: Iterable[tuple[Sequence[str], int]], item_ids: Sequence[str]
) -> RankingStats:
    """ranking_stats from (ranking, how many gave it) pairs, e.g. Store.ranking_counts.

    The same result as ranking_stats over the expanded list, without expanding it: a
    database can count equal rankings itself. Repeated rankings add up; empty rankings
    and zero counts are ignored; a negative or non-integer count raises ValueError.
    """
    merged: Counter[tuple[str, ...]] = Counter()
    for ranking, count in counts:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"a ranking count must be a non-negative integer, got {count!r}"[:200])
        if count:
            merged[tuple(ranking)] += count
    merged.pop((), None)
    return _stats(merged, item_ids)


def _stats(counts: Counter[tuple[str, ...]], item_ids: Sequence[str]) -> RankingStats:
    item_ids = tuple(item_ids)
    index = _index(item_ids)
    k = len(item_ids)

    n = 0
    first = [0] * k
    positions = [[0] * k for _ in range(k)]
    rank_sum = [0] * k
    borda = [0] * k
    pairwise = [[0] * k for _ in range(k)]
    complete = True
    for ranking, c in counts.items():
        idx = _as_indices(ranking, index)
        n += c
        if len(idx) != k:
            complete = False
        first[idx[0]] += c
        placed = set(idx)
        unranked = [j for j in range(k) if j not in placed]
        for pos, a in enumerate(idx):
            positions[a][pos] += c
            rank_sum[a] += c * (pos + 1)
            borda[a] += c * (k - 1 - pos)
            row = pairwise[a]
            for b in idx[pos + 1 :]:
                row[b] += c
            for b in unranked:  # a ranked item is above every unranked one
                row[b] += c

    items = []
    for i, item in enumerate(item_ids):
        ranked_by = sum(positions[i])
        items.append(
            ItemStats(
                id=item,
                first_choice=first[i],
                first_choice_share=first[i] / n if n else 0.0,
                positions=tuple(positions[i]),
                mean_rank=rank_sum[i] / ranked_by if ranked_by else None,
                borda=borda[i],
                ranked_by=ranked_by,
            )
        )
    pair = tuple(tuple(row) for row in pairwise)
    complete = complete and n > 0
    w = _w_from_rank_sums(rank_sum, n, k) if complete and n >= 2 else None
    return RankingStats(
        n=n,
        k=k,
        items=tuple(items),
        pairwise=pair,
        consensus=schulze(pair, item_ids, borda),
        kendall_w=w,
        complete=complete,
    )


# --------------------------------------------------------------------------- Schulze


def _strongest_paths(pairwise: Sequence[Sequence[int]]) -> list[list[int]]:
    """Schulze beatpath strengths p[a][b] (winning votes), by Floyd-Warshall widest paths.

    d[a][b] = pairwise[a][b] if a beats b head to head, else 0; p[a][b] is the strongest
    path from a to b, where a path is as strong as its weakest link.
    """
    k = len(pairwise)
    p = [
        [pairwise[a][b] if a != b and pairwise[a][b] > pairwise[b][a] else 0 for b in range(k)]
        for a in range(k)
    ]
    for m in range(k):
        pm = p[m]
        for a in range(k):
            if a == m:
                continue
            pam = p[a][m]
            if not pam:
                continue
            pa = p[a]
            for b in range(k):
                if b != a and b != m:
                    via = pam if pam < pm[b] else pm[b]
                    if via > pa[b]:
                        pa[b] = via
    return p


def schulze(
    pairwise: Sequence[Sequence[int]], item_ids: Sequence[str], tiebreak: Sequence[float]
) -> tuple[str, ...]:
    """The Schulze consensus order, made complete deterministically.

    a is above b in Schulze's order when p[a][b] > p[b][a] (strongest beatpaths, winning
    votes). That relation is a strict partial order; a complete order is built by taking,
    again and again, among the items no remaining item beats, the one with the highest
    `tiebreak` (the Borda score in ranking_stats), then the earliest in questionnaire order.
    """
    k = len(item_ids)
    if len(pairwise) != k or len(tiebreak) != k:
        raise ValueError("pairwise, item_ids and tiebreak must have the same length")
    p = _strongest_paths(pairwise)
    remaining = list(range(k))
    order: list[str] = []
    while remaining:
        unbeaten = [a for a in remaining if not any(p[b][a] > p[a][b] for b in remaining if b != a)]
        # A strict partial order on a finite set always has a maximal element.
        best = min(unbeaten, key=lambda a: (-tiebreak[a], a))
        order.append(item_ids[best])
        remaining.remove(best)
    return tuple(order)


# --------------------------------------------------------------------------- Kendall


def _w_from_rank_sums(rank_sum: Sequence[int], m: int, k: int) -> float | None:
    if m < 2 or k < 2:
        return None
    mean = m * (k + 1) / 2
    s = sum((r - mean) ** 2 for r in rank_sum)
    return 12 * s / (m * m * (k**3 - k))


def kendall_w(rankings: Iterable[Sequence[str]], k: int) -> float | None:
    """Kendall's W = 12 S / (m^2 (k^3 - k)) for m complete rankings of k items, no ties.

    None when there are fewer than 2 rankings, fewer than 2 items, or any ranking is not a
    complete ordering of the same k items (partial, tied or different item sets).
    """
    counts = _count(rankings)
    if not counts or k < 2:
        return None
    items: tuple[str, ...] | None = None
    rank_sum: dict[str, int] = {}
    m = 0
    for ranking, c in counts.items():
        if len(ranking) != k or len(set(ranking)) != k:
            return None
        key = tuple(sorted(ranking))
        if items is None:
            items = key
        elif key != items:
            return None
        m += c
        for pos, item in enumerate(ranking):
            rank_sum[item] = rank_sum.get(item, 0) + c * (pos + 1)
    return _w_from_rank_sums(list(rank_sum.values()), m, k)


def kendall_tau(order_a: Sequence[str], order_b: Sequence[str]) -> float | None:
    """Kendall's tau-a between two orders over their common items; None if < 2 common.

    tau = (concordant - discordant) / (c (c - 1) / 2) with c common items: 1 the same
    order, -1 exactly reversed.
    """
    pos_b: dict[str, int] = {}
    for i, item in enumerate(order_b):
        pos_b.setdefault(item, i)
    seen: set[str] = set()
    common = []
    for item in order_a:
        if item in pos_b and item not in seen:
            seen.add(item)
            common.append(pos_b[item])
    c = len(common)
    if c < 2:
        return None
    score = 0
    for i in range(c):
        for j in range(i + 1, c):
            score += 1 if common[i] < common[j] else -1
    return score / (c * (c - 1) / 2)
