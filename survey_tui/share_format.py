"""How a share and a change are written, in every report format and on every screen.

One formatter, so the text and Markdown reports, the compare output and the dashboard all
say "5 / 11 = 45 % (95 % CI 21–72 %)" the same way (in the report language's words and
decimal style): a share is never shown without the count behind it and its interval.
"""

from __future__ import annotations

from typing import Any

from survey_tui.report_strings import number, percent, t


def _bare(value: float) -> str:
    """A percentage without its sign (the first end of an interval: 21–72 %)."""
    return f"{value * 100:.0f}"


def share_of(k: int, n: int):
    """k of n with its interval (analysis.proportions.share), for views that hold counts."""
    from survey_tui.analysis.proportions import share

    return share(k, n)


def share_text(share: Any, lang: str, *, short: bool = False) -> str:
    """'k / n = share (95 % CI low–high)'; `short` (table cells) leaves out the interval's
    name. `share` is an analysis.proportions.Share; '–' when there is nothing to divide by."""
    if share is None or not share.n or share.share is None:
        return "–"
    fields = {"k": share.k, "n": share.n, "share": percent(share.share, lang), "low": _bare(share.low),
              "high": percent(share.high, lang)}
    if short:  # no words, so no catalog entry: the same figures, the interval in brackets
        return "{k} / {n} = {share} ({low}–{high})".format(**fields)
    return t(lang, "share_full", **fields)


def signed(value: float | None, lang: str, digits: int = 2, unit: str = "") -> str:
    """A change with its sign: +0,25, -1,00, 0,00 (and a unit after it)."""
    if value is None:
        return "–"
    text = number(value, lang, digits)
    if not text.strip("-0,."):  # rounds to nothing: no sign either way
        return number(0.0, lang, digits) + unit
    return ("+" + text if value > 0 else text) + unit


def points(value: float | None) -> float | None:
    """A share difference in percentage points (0.18 -> 18.0)."""
    return None if value is None else value * 100


def change_text(change: float | None, low: float | None, high: float | None, lang: str) -> str:
    """A change in a share with its 95 % interval, in percentage points:
    '+18 pp (95 % CI -21 … +50)'."""
    unit = t(lang, "compare_points")
    if change is None:
        return "–"
    head = signed(points(change), lang, 0, unit)
    if low is None or high is None:
        return head
    return t(lang, "change_ci", change=head, low=signed(points(low), lang, 0), high=signed(points(high), lang, 0))


def p_text(test: Any, lang: str) -> str:
    """'p = 0,31 (permutation test, exact)' or '... 9999 random splits)' for a RankTest."""
    if test is None:
        return "–"
    p = number(test.p, lang, 3 if test.p < 0.01 else 2)
    if test.exact:
        return t(lang, "p_exact", p=p)
    return t(lang, "p_resampled", p=p, resamples=test.resamples)


def chance_words(within: bool | None, lang: str) -> str:
    """What a change means next to chance: the words every compare view uses."""
    if within is None:
        return ""
    return t(lang, "within_chance" if within else "beyond_chance")
