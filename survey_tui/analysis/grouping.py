"""Suggested groups of similar answers (assisted content analysis), in pure Python.

Each answer becomes a TF-IDF vector of its keyword lemmas (analysis/keywords.py `lemmas`:
lemmatised, stop words out) plus the character 3-grams of those lemmas (together weighted twice a word),
so that Finnish compounds meet their parts ("palvelutaulukko" and "taulukko", "pikaviestin"
and "viestintä"). Answers are grouped by agglomerative clustering with average linkage on
cosine similarity, merging while the two closest groups are at least `threshold` alike.
A group's suggested code name is its most shared keywords. Nothing is downloaded and
nothing leaves the machine; no numpy is needed.

These are suggestions: the coordinator accepts, renames, splits or rejects each one.
Quality is measured in tests/coding/test_grouping.py on a labelled set (purity floor there).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Sequence

THRESHOLD = 0.06
GRAM = 3
GRAM_WEIGHT = 2.0
NAME_WORDS = 2


@dataclass(frozen=True)
class Group:
    members: tuple  # the keys given, in input order
    keywords: tuple[str, ...]  # most shared lemmas first
    name: str  # suggested code name
    cohesion: float  # mean pairwise similarity within the group


def _features(tokens: set[str]) -> Counter:
    feats: Counter = Counter()
    for token in tokens:
        feats["w:" + token] += 1.0
        padded = f"_{token}_"
        grams = {padded[i:i + GRAM] for i in range(max(1, len(padded) - GRAM + 1))}
        for gram in grams:
            feats["g:" + gram] += GRAM_WEIGHT / len(grams)
    return feats


def vectors(token_sets: Sequence[set[str]]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors (smoothed idf) of each answer's features."""
    feats = [_features(tokens) for tokens in token_sets]
    n = len(feats)
    df: Counter = Counter()
    for f in feats:
        df.update(f.keys())
    idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
    out = []
    for f in feats:
        vec = {term: weight * idf[term] for term, weight in f.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        out.append({t: v / norm for t, v in vec.items()} if norm else {})
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    common = a.keys() & b.keys()  # set intersection in C: most pairs share few features
    return sum(a[t] * b[t] for t in common) if common else 0.0


def pairwise(vecs: Sequence[dict[str, float]]) -> dict[int, dict[int, float]]:
    """Every pair's cosine similarity, as sim[i][j] == sim[j][i]."""
    n = len(vecs)
    sim: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for i in range(n):
        vi, row = vecs[i], sim[i]
        for j in range(i + 1, n):
            s = cosine(vi, vecs[j]) if vi else 0.0
            row[j] = sim[j][i] = s
    return sim


def cluster(vecs: Sequence[dict[str, float]], threshold: float = THRESHOLD,
            similarities: dict[int, dict[int, float]] | None = None) -> list[list[int]]:
    """Average-linkage agglomerative clustering: lists of indexes, larger groups first.

    Keeps every cluster's best neighbour, so each merge updates O(n) entries (about O(n^2)
    overall on survey-sized input rather than O(n^3)). Empty vectors stay alone.
    """
    n = len(vecs)
    sim = pairwise(vecs) if similarities is None else {i: dict(row) for i, row in similarities.items()}
    members = {i: [i] for i in range(n)}

    def best_of(i: int) -> tuple[float, int]:
        row = sim[i]
        if not row:
            return (-1.0, -1)
        j = max(row, key=lambda k: (row[k], -k))
        return (row[j], j)

    best = {i: best_of(i) for i in range(n)}
    while len(members) > 1:
        a = max(best, key=lambda i: (best[i][0], -i))
        score, b = best[a]
        if b < 0 or score < threshold:
            break
        a, b = min(a, b), max(a, b)
        na, nb = len(members[a]), len(members[b])
        for k in list(sim[a]):
            if k == b:
                continue
            merged = (sim[a][k] * na + sim[b][k] * nb) / (na + nb)
            sim[a][k] = sim[k][a] = merged
            del sim[k][b]
        del sim[a][b]
        del sim[b]
        members[a] += members.pop(b)
        del best[b]
        for k in list(best):
            if k == a or best[k][1] in (a, b):
                best[k] = best_of(k)
            elif sim[k].get(a, -1.0) > best[k][0]:
                best[k] = (sim[k][a], a)
    groups = [sorted(m) for m in members.values()]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def _cohesion(indexes: list[int], sim: dict[int, dict[int, float]]) -> float:
    if len(indexes) < 2:
        return 1.0
    pairs = [(i, j) for x, i in enumerate(indexes) for j in indexes[x + 1:]]
    return sum(sim[i][j] for i, j in pairs) / len(pairs)


def suggest(answers: Sequence[tuple[Hashable, str, str]], threshold: float = THRESHOLD,
            min_size: int = 2) -> tuple[list[Group], list]:
    """Groups of similar answers from (key, text, language) triples, and the keys left
    alone (in no group of at least `min_size`)."""
    from survey_tui.analysis.keywords import lemmas

    keys = [key for key, _text, _lang in answers]
    token_sets = [lemmas(text, lang) for _key, text, lang in answers]
    vecs = vectors(token_sets)
    sim = pairwise(vecs)
    groups, alone = [], []
    for indexes in cluster(vecs, threshold, sim):
        if len(indexes) < min_size:
            alone += [keys[i] for i in indexes]
            continue
        shared: Counter = Counter()
        for i in indexes:
            shared.update(token_sets[i])
        top = tuple(w for w, _c in sorted(shared.items(), key=lambda wc: (-wc[1], wc[0])))[:5]
        groups.append(Group(tuple(keys[i] for i in indexes), top, " / ".join(top[:NAME_WORDS]),
                            round(_cohesion(indexes, sim), 3)))
    return groups, alone


def purity(groups: Sequence[Sequence[Hashable]], labels: dict) -> float:
    """Share of all labelled answers that sit in a group (of two or more) whose most common
    label is their own. Answers left alone count as not grouped, so splitting everything
    into singletons scores 0, not 1."""
    total = len(labels)
    if not total:
        return 0.0
    right = 0
    for members in groups:
        if len(members) < 2:
            continue
        right += Counter(labels[m] for m in members).most_common(1)[0][1]
    return right / total
