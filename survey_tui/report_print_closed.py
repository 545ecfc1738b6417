"""Closed questions (single, multiple, scale, number) in the printable report.

The labels, lines and notes are report_closed's (one layout for every format); only the
shares are written the printable way: "5 / 11 = 45 % (21–72 %)" with the count and the
interval, and "< 5 / 11" for a count below the minimum group, which the printed outputs never
show (report_print).
"""

from __future__ import annotations

from survey_tui.report_print_blocks import Chart, Items, Para, shown_count, shown_share
from survey_tui.report_strings import t
from survey_tui.sanitize import one_line
from survey_tui.svg_chart import Bar


def printed_share(share, lang: str, min_group: int) -> str:
    """A Share (analysis.proportions) with its count and interval, or "< 5 / 11"."""
    from survey_tui.share_format import share_text

    if share is None or not share.n:
        return "–"
    if share.k < min_group:
        return f"{shown_count(share.k, min_group)} / {share.n}"
    return share_text(share, lang, short=True)


def first_choice_text(report, item) -> str:
    """An item's first choices of those who ranked, as every printed share is written."""
    shares = getattr(report, "first_choice_share", None)
    if shares is None:  # a report without intervals: the count and the share
        return shown_share(item.first_choice, report.ranking.n, report.round.min_group, report.lang)
    return printed_share(shares(item), report.lang, report.round.min_group)


def _shares(figures) -> list:
    if figures.kind in ("single", "multiple"):
        return [o.share for o in figures.options]
    if figures.kind == "scale" and figures.points_shown:
        return [s for _p, s in figures.points]
    return []


def closed_blocks(report, figures) -> list:
    """The blocks of one closed question: a bar chart of its rows (each bar with its share in
    words), then its lines."""
    from survey_tui.report_closed import closed_block, points_range

    q, lang, m = report.questionnaire, report.lang, report.round.min_group
    block = closed_block(q, lang, figures, m, short=True)
    if block.withheld:  # said without the count, which is below the minimum group
        return [Para(t(lang, "print_closed_withheld", min=m), "note")]
    out: list = []
    shares = _shares(figures)
    if block.rows and len(shares) == len(block.rows):
        texts = [printed_share(share, lang, m) for share in shares]
        bars = tuple(Bar(one_line(label), k, text, hidden=k < m)
                     for (label, k, _text), text in zip(block.rows, texts))
        out.append(Chart("", bars, max([b.value for b in bars] + [m]), floor=m))
    lines = list(block.lines)
    if figures.kind == "scale":
        # The top box and "can't say" lines carry shares: written the printed way.
        lines = lines[:1] + (lines[1:2] if figures.points_shown else [t(lang, "print_closed_withheld", min=m)])
        if figures.points_shown and figures.top_box is not None:
            top = t(lang, "closed_top_box", points=points_range(figures.top_points))
            lines.append(f"{top}: {printed_share(figures.top_box, lang, m)}")
        if figures.dont_know is not None:
            lines.append(f"{t(lang, 'closed_dont_know')}: {printed_share(figures.dont_know, lang, m)}")
    out += [Para(one_line(line), "meta") for line in lines]
    if block.notes:
        out.append(Items(tuple(one_line(note) for note in block.notes)))
    return out
