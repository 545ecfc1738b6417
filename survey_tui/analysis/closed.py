"""Figures of closed questions (single, multiple, scale, number) from their answer values.

Values are those of survey_tui.questionnaire.answers (decode turns a stored cell into one).
Who is counted, per kind:

- single: the respondents who answered it (an option, or an `other` text); each option's
  share is of them, `other` is a row of its own;
- multiple: the same respondents; a share is of those who answered the question, so the
  shares of a question's rows add up to more than 100 % when people chose several;
- scale: the distribution over the points min..max, mean and median of the points, the
  top-box share (TOP_BOX: the top two points of a scale of five or more points, the top
  point of a shorter one); "can't say" is counted apart, as a share of all who answered,
  and left out of the distribution, mean and median;
- number: n, mean, median, min and max.

A question answered by fewer than the round's minimum group shows its count and no
figure at all (`shown` False); a scale with enough answers but fewer points than the
minimum group (many "can't say") shows only its "can't say" share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from survey_tui.analysis.proportions import Share, share
from survey_tui.questionnaire.answers import DONT_KNOW, decode, is_empty, other_key
from survey_tui.questionnaire.model import Question

# How many of a scale's top points make its "top box", and from how many points on.
TOP_BOX = 2
TOP_BOX_FROM_POINTS = 5


def top_box_points(question: Question) -> tuple[int, ...]:
    """The points of a scale counted in its top-box share: the one definition."""
    lo, hi = int(question.minimum), int(question.maximum)
    many = TOP_BOX if hi - lo + 1 >= TOP_BOX_FROM_POINTS else 1
    return tuple(range(hi - many + 1, hi + 1))


@dataclass(frozen=True)
class OptionCount:
    id: str  # option id; other_key(question id) for the `other` row
    share: Share
    other: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "other": self.other, **self.share.to_dict()}


@dataclass(frozen=True)
class ClosedFigures:
    id: str
    kind: str
    answered: int  # respondents who answered (a scale's "can't say" included)
    shown: bool  # False: fewer than the minimum group answered, no figure shown
    n: int = 0  # the base of the figures: answered; a scale's points; a number's values
    options: tuple[OptionCount, ...] = ()  # single, multiple: questionnaire order, other last
    points: tuple[tuple[int, Share], ...] = ()  # scale: every point min..max, shares of n
    dont_know: Share | None = None  # scale with dont_know: "can't say" of all who answered
    top_box: Share | None = None  # scale: the top_points' share of n
    top_points: tuple[int, ...] = ()
    mean: float | None = None  # scale (points only), number
    median: float | None = None
    minimum: float | None = None  # number
    maximum: float | None = None

    @property
    def points_shown(self) -> bool:
        """A scale's distribution, mean, median and top box are shown (enough points)."""
        return self.shown and bool(self.points)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "answered": self.answered, "shown": self.shown}
        if not self.shown:
            return out
        out["n"] = self.n
        if self.kind in ("single", "multiple"):
            out["options"] = [o.to_dict() for o in self.options]
        if self.kind == "scale":
            out["points"] = [{"point": p, **s.to_dict()} for p, s in self.points]
            out["dont_know"] = None if self.dont_know is None else self.dont_know.to_dict()
            out["top_box"] = None if self.top_box is None else {"points": list(self.top_points), **self.top_box.to_dict()}
        if self.kind in ("scale", "number"):
            out["mean"] = _r(self.mean)
            out["median"] = _r(self.median)
        if self.kind == "number":
            out["min"], out["max"] = self.minimum, self.maximum
        return out


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _median(counts: Counter) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return (found[0] + found[1]) / 2


def _mean(counts: Counter) -> float | None:
    total = sum(counts.values())
    return sum(v * c for v, c in counts.items()) / total if total else None


class _Tally:
    def __init__(self, question: Question):
        self.question = question
        self.answered = 0
        self.values: Counter = Counter()  # option id, scale point, or number -> respondents
        self.other = 0
        self.dont_know = 0

    def add(self, value: Any, other_text: Any) -> None:
        q = self.question
        has_other = q.other and not is_empty(other_text)
        if q.kind == "single":
            if isinstance(value, str) and q.option(value) is not None:
                self.values[value] += 1
            elif has_other:
                self.other += 1
            else:
                return
        elif q.kind == "multiple":
            picked = {v for v in value if isinstance(v, str) and q.option(v) is not None} if isinstance(value, (list, tuple)) else set()
            if not picked and not has_other:
                return
            self.values.update(picked)
            self.other += has_other
        elif q.kind == "scale":
            if value == DONT_KNOW and q.dont_know:
                self.dont_know += 1
            elif isinstance(value, int) and not isinstance(value, bool) and q.minimum <= value <= q.maximum:
                self.values[value] += 1
            else:
                return
        elif q.kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                return
            self.values[value] += 1
        else:
            return
        self.answered += 1

    def figures(self, min_group: int) -> ClosedFigures:
        q = self.question
        if self.answered < min_group:
            return ClosedFigures(q.id, q.kind, self.answered, False)
        n = self.answered
        if q.kind in ("single", "multiple"):
            rows = [OptionCount(o.id, share(self.values[o.id], n)) for o in q.options]
            if q.other:
                rows.append(OptionCount(other_key(q.id), share(self.other, n), other=True))
            return ClosedFigures(q.id, q.kind, n, True, n=n, options=tuple(rows))
        if q.kind == "scale":
            points_n = n - self.dont_know
            dont_know = share(self.dont_know, n) if q.dont_know else None
            if points_n < min_group:  # too few gave a point: only "can't say" is shown
                return ClosedFigures(q.id, q.kind, n, True, n=points_n, dont_know=dont_know)
            top = top_box_points(q)
            points = tuple((p, share(self.values[p], points_n)) for p in range(int(q.minimum), int(q.maximum) + 1))
            return ClosedFigures(
                q.id, q.kind, n, True, n=points_n, points=points, dont_know=dont_know,
                top_box=share(sum(self.values[p] for p in top), points_n), top_points=top,
                mean=_mean(self.values), median=_median(self.values),
            )
        return ClosedFigures(
            q.id, q.kind, n, True, n=n, mean=_mean(self.values), median=_median(self.values),
            minimum=min(self.values), maximum=max(self.values),
        )


class ClosedCollector:
    """Closed-question figures of a round, counted response by response (nothing kept but
    counts), from decoded values (`add`) or from the store's answer cells (`add_stored`)."""

    def __init__(self, questionnaire):
        self.q = questionnaire
        self.tallies = {question.id: _Tally(question) for _, question in questionnaire.questions() if not question.is_open}

    def add(self, answers: Mapping[str, Any]) -> None:
        """One response's answers as values (a question's value under its id, an `other`
        text under other_key(id)); unanswered or hidden questions are simply absent."""
        for qid, tally in self.tallies.items():
            value, extra = answers.get(qid), answers.get(other_key(qid))
            if value is not None or extra is not None:
                tally.add(value, extra)

    def add_stored(self, answers: Mapping[str, Any]) -> None:
        """One response's stored answer cells ({question id: text}), decoded here."""
        if not self.tallies or not answers:
            return
        values: dict[str, Any] = {}
        for qid, tally in self.tallies.items():
            text = answers.get(qid)
            if isinstance(text, str):
                values[qid] = decode(tally.question, text)
            extra = answers.get(other_key(qid))
            if extra is not None:
                values[other_key(qid)] = extra
        self.add(values)

    def figures(self, min_group: int) -> tuple[ClosedFigures, ...]:
        """Every closed question's figures, in questionnaire order."""
        return tuple(tally.figures(min_group) for tally in self.tallies.values())


def closed_figures(questionnaire, responses: Iterable[Mapping[str, Any]], min_group: int) -> tuple[ClosedFigures, ...]:
    """The figures of every closed question from each response's answer values."""
    collector = ClosedCollector(questionnaire)
    for answers in responses:
        collector.add(answers)
    return collector.figures(min_group)
