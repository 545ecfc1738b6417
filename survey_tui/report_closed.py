"""Closed-question figures laid out once for every renderer: text, Markdown, JSON, the
dashboard and the chart images take their rows and lines from here.

Inputs are a questionnaire, a language and analysis.closed.ClosedFigures; every share goes
through share_format, so each format shows the count and the interval beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from survey_tui.report_strings import number, t
from survey_tui.sanitize import clean_text
from survey_tui.share_format import share_text


@dataclass(frozen=True)
class ClosedBlock:
    """One closed question as shown: its rows (label, count, share text) and the lines below."""

    id: str
    kind: str
    prompt: str
    withheld: str | None  # why no figure is shown (below the minimum group), else None
    rows: tuple[tuple[str, int, str], ...] = ()
    lines: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())  # explanations (interval, several choices, scale)


def _text(q, value, lang: str) -> str:
    return clean_text(q.text(value, lang))


def _value(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else number(value, lang)


def option_label(q, question, option_id: str, lang: str) -> str:
    """An option's title in `lang`; the `other` row's fixed name; the id when unknown."""
    if option_id.endswith("_other") and option_id == f"{question.id}_other":
        return t(lang, "closed_other")
    option = question.option(option_id)
    return _text(q, option.title, lang) if option is not None else option_id


def point_label(q, question, point: int, lang: str) -> str:
    label = question.labels.get(point)
    return f"{point} – {_text(q, label, lang)}" if label else str(point)


def points_range(points) -> str:
    return f"{points[0]}–{points[-1]}" if len(points) > 1 else str(points[0])


def closed_block(q, lang: str, figures, min_group: int, *, short: bool = False) -> ClosedBlock:
    """The rows and lines of one question's figures; `short` for narrow table cells."""
    question = q.question(figures.id)
    prompt = _text(q, question.prompt, lang) if question is not None else figures.id
    if not figures.shown or question is None:
        return ClosedBlock(figures.id, figures.kind, prompt,
                           t(lang, "closed_withheld", n=figures.answered, min=min_group))
    rows: list[tuple[str, int, str]] = []
    lines: list[str] = [t(lang, "closed_answered", n=figures.answered)]
    notes = [t(lang, "closed_interval_note")]
    if figures.kind in ("single", "multiple"):
        rows = [(option_label(q, question, o.id, lang), o.share.k, share_text(o.share, lang, short=short))
                for o in figures.options]
        if figures.kind == "multiple":
            notes.append(t(lang, "closed_multiple_note", n=figures.n))
    elif figures.kind == "scale":
        if figures.points_shown:
            rows = [(point_label(q, question, p, lang), s.k, share_text(s, lang, short=short)) for p, s in figures.points]
            lines.append(f"{t(lang, 'closed_mean')} {number(figures.mean, lang)}, "
                         f"{t(lang, 'closed_median').lower()} {_value(figures.median, lang)} (n = {figures.n})")
            top = t(lang, "closed_top_box", points=points_range(figures.top_points))
            lines.append(f"{top}: {share_text(figures.top_box, lang, short=short)}")
        else:
            lines.append(t(lang, "closed_points_withheld", n=figures.n, min=min_group))
        if figures.dont_know is not None:
            lines.append(f"{t(lang, 'closed_dont_know')}: {share_text(figures.dont_know, lang, short=short)}")
        notes.append(t(lang, "closed_scale_note"))
    else:
        lines = [
            f"n = {figures.n}: {t(lang, 'closed_mean').lower()} {number(figures.mean, lang)}, "
            f"{t(lang, 'closed_median').lower()} {_value(figures.median, lang)}, "
            f"{t(lang, 'closed_lowest').lower()} {_value(figures.minimum, lang)}, "
            f"{t(lang, 'closed_highest').lower()} {_value(figures.maximum, lang)}"
        ]
        notes = []
    return ClosedBlock(figures.id, figures.kind, prompt, None, tuple(rows), tuple(lines), tuple(notes))


def closed_by_question(report) -> dict[str, Any]:
    """A report's closed figures by question id (none for a report built without them)."""
    return {figures.id: figures for figures in getattr(report, "closed", ())}


def closed_dict(report, figures) -> dict[str, Any]:
    """One question's figures for JSON (k, n, share, low, high for every share), with the
    prompt and option titles in the report language."""
    q, lang = report.questionnaire, report.lang
    question = q.question(figures.id)
    out = figures.to_dict()
    out["prompt"] = _text(q, question.prompt, lang) if question is not None else figures.id
    for option in out.get("options", ()):
        option["title"] = option_label(q, question, option["id"], lang)
    return out
