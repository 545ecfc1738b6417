"""Agreement between coders: Cohen's kappa (two coders) and Krippendorff's alpha (nominal, any
number of coders, missing values allowed), and the disagreements to settle. Pure Python.

Per code, each answer a coder coded is a unit with the value "carries the code" or "does
not"; an answer a coder did not code at all is missing for that coder (not a "no").
Cohen's kappa uses the answers both coders coded; alpha uses every answer at least two
coders coded. A statistic that is undefined (all values the same, so no disagreement is
possible by chance) is None.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """(p_o - p_e) / (1 - p_e) of two coders' labels on the same units."""
    if len(a) != len(b):
        raise ValueError("both coders need a label for each unit")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Nominal alpha = 1 - D_o / D_e from units' values (one per coder, None for missing).

    Coincidences: within each unit with m >= 2 values, every ordered pair of values from
    different coders adds 1 / (m - 1) to o[c, k]; n_c are their margins and n their total.
    D_o = sum over c != k of o[c, k] / n, D_e = sum over c != k of n_c n_k / (n (n - 1)).
    """
    o: Counter = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += 1 / (m - 1)
    margins: Counter = Counter()
    for (c, _k), count in o.items():
        margins[c] += count
    n = sum(margins.values())
    if n <= 1:
        return None
    observed = sum(count for (c, k), count in o.items() if c != k) / n
    expected = sum(margins[c] * margins[k] for c in margins for k in margins if c != k) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True)
class CodeAgreement:
    code: Hashable
    units: int  # answers at least two coders coded
    kappa: float | None  # None unless exactly two coders (or undefined)
    alpha: float | None
    disagreements: tuple  # unit keys where the coders differ on this code


@dataclass(frozen=True)
class Agreement:
    coders: tuple[str, ...]
    codes: tuple[CodeAgreement, ...]
    alpha: float | None  # over every (answer, code) pair together
    units: int


def agreement(coded: Mapping[str, Mapping[Hashable, set]], codes: Sequence[Hashable]) -> Agreement:
    """Agreement of coders: coded[coder][unit] = the set of codes that coder put on the unit
    (a unit absent from coded[coder] is not coded by that coder)."""
    coders = tuple(sorted(coded))
    units = sorted({u for by_unit in coded.values() for u in by_unit}, key=repr)
    shared = [u for u in units if sum(u in coded[c] for c in coders) >= 2]
    per_code, pooled = [], []
    for code in codes:
        rows = [[(code in coded[c][u]) if u in coded[c] else None for c in coders] for u in shared]
        pooled += rows
        kappa = None
        if len(coders) == 2:
            both = [r for r in rows if None not in r]
            kappa = cohen_kappa([r[0] for r in both], [r[1] for r in both])
        differ = tuple(u for u, r in zip(shared, rows) if len({v for v in r if v is not None}) > 1)
        per_code.append(CodeAgreement(code, len(rows), kappa, krippendorff_alpha(rows), differ))
    return Agreement(coders, tuple(per_code), krippendorff_alpha(pooled), len(shared))
