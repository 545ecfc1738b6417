"""The poster as shapes on one A4 page (millimetres), for the SVG, HTML and PDF renderers.

Title, the round's facts (n, response rate), practices grouped by theme, and the priority
chart (how many put each theme first), as in the thesis's Liite 5. Lines are wrapped with
the embedded font's widths (poster_metrics); the page is set in the largest type at which
everything fits, from MAX_SCALE down in steps to MIN_SCALE; past that PosterTooLong says so.
"""

from __future__ import annotations

import dataclasses

from survey_tui.errors import InvalidInput, message
from survey_tui.poster_metrics import width, wrap
from survey_tui.poster_model import PosterData
from survey_tui.report_strings import percent, t
from survey_tui.sanitize import one_line
from survey_tui.svg_chart import ACCENT, INK, MUTED, Bar, Layout, Rect, Text, layout

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 16.0
MAX_SCALE, MIN_SCALE = 1.3, 0.5  # type sizes relative to the base sizes below


class PosterTooLong(InvalidInput):
    """The practices do not fit on one A4 page even at the smallest type."""


def _shown(count: int, ranked: int, min_group: int, lang: str) -> str:
    from survey_tui.report_print import shown_share

    return shown_share(count, ranked, min_group, lang)


def facts_line(data: PosterData) -> str:
    """"Round x · 11 responses · response rate 100 %" in the poster's language."""
    lang = data.lang
    facts = (t(lang, "poster_facts", n=data.n, rate=percent(data.rate, lang)) if data.rate is not None
             else t(lang, "poster_facts_n", n=data.n))
    return " · ".join(part for part in (data.subtitle, facts) if part)


class _Page:
    def __init__(self, scale: float):
        self.scale = scale
        self.y = MARGIN
        self.shapes: list = []
        self.room = PAGE_W - 2 * MARGIN

    def lines(self, text: str, size: float, *, bold=False, color=INK, indent=0.0, center=False,
              lead=1.28, bullet: str | None = None) -> None:
        size *= self.scale
        room = self.room - indent
        for i, line in enumerate(wrap(one_line(text), room, size, bold)):
            x = MARGIN + indent
            if center:
                x = (PAGE_W - width(line, size, bold)) / 2
            base = self.y + size * 0.95
            if bullet and i == 0:
                self.shapes.append(Text(MARGIN + indent - 4.5 * self.scale, base, bullet, size, bold, ACCENT))
            self.shapes.append(Text(x, base, line, size, bold, color))
            self.y += size * lead

    def gap(self, mm: float) -> None:
        self.y += mm * self.scale

    def rule(self, thick: float = 0.6) -> None:
        self.shapes.append(Rect(MARGIN, self.y, self.room, thick * self.scale, fill=ACCENT))
        self.y += thick * self.scale

    def chart(self, data: PosterData) -> None:
        if not data.first_choices:
            return
        m, lang = data.min_group, data.lang
        bars = tuple(Bar(one_line(title), count, _shown(count, data.ranked, m, lang), hidden=count < m)
                     for title, count in data.first_choices)
        top = max([b.value for b in bars] + [m])
        title = f"{t(lang, 'poster_priority')} (n = {data.ranked})"
        shapes = layout(bars, maximum=top, title=title, width=self.room, size=3.6 * self.scale, floor=m,
                        wrap_text=wrap)
        for shape in shapes.shapes:
            self.shapes.append(dataclasses.replace(shape, x=shape.x + MARGIN, y=shape.y + self.y))
        self.y += shapes.height
        if any(b.hidden for b in bars):
            self.lines(t(lang, "poster_below_note", min=m), 2.9, color=MUTED)


def _compose(data: PosterData, scale: float) -> _Page:
    page = _Page(scale)
    page.lines(data.title, 8.0, bold=True, color=ACCENT, center=True, lead=1.2)
    page.gap(1.5)
    page.lines(facts_line(data), 3.8, color=MUTED, center=True)
    page.gap(3)
    page.rule()
    page.gap(6)
    for theme in data.themes:
        page.lines(theme.title, 5.0, bold=True, color=ACCENT)
        page.gap(1.2)
        if theme.narrative:
            page.lines(theme.narrative, 3.5, color=MUTED)
            page.gap(1)
        for practice in theme.practices:
            page.lines(practice, 4.1, indent=7.0, bullet="•")
            page.gap(0.8)
        page.gap(4.5)
    page.rule(0.3)
    page.gap(5)
    page.chart(data)
    return page


def poster_layout(data: PosterData) -> Layout:
    """The poster on one A4 page: the largest type at which everything fits (a wall poster
    with few practices is set larger, one with many smaller)."""
    scale = MAX_SCALE
    while True:
        page = _compose(data, scale)
        if page.y <= PAGE_H - MARGIN * 0.75:
            return Layout(PAGE_W, PAGE_H, tuple(page.shapes))
        if scale <= MIN_SCALE:
            raise PosterTooLong(message("poster_too_long", practices=len(data.practices)))
        scale = max(round(scale - 0.05, 2), MIN_SCALE)
