"""Ranking: the themes in a list the respondent reorders from the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Button, Static

from survey_tui.i18n import numbers, ranking_key
from survey_tui.tui import compat
from survey_tui.tui.respondent.keys import with_alt
from survey_tui.tui.respondent.page import Page
from survey_tui.tui.respondent.rank_list import RankList


class RankingScreen(Page):
    CSS_PATH = ["pages.tcss", "ranking.tcss"]
    HINTS = "hints_ranking"
    BINDINGS = [
        Binding(with_alt("ctrl+n"), "next", show=False, priority=True),
        Binding(with_alt("ctrl+p"), "back", show=False, priority=True),
        Binding(with_alt("ctrl+r"), "to_review", show=False, priority=True),  # only when opened from the review page
    ]

    def header_text(self) -> str:
        return f"{self.tr('progress_ranking')} · {self.app.title}"

    def hints_text(self) -> str:
        # The digit keys place the item in positions 1-9 only (RankList's bindings).
        keys = numbers(min(len(self.session.ranking), 9))
        return self.with_review_hint(self.tr(self.HINTS, keys=keys))

    def rtr(self, key: str, **kw) -> str:
        """A ranking string, worded for themes or for the questionnaire's own items."""
        return self.tr(ranking_key(key, self.q.ranking), **kw)

    def compose_body(self) -> ComposeResult:
        ranking = self.q.ranking
        items = [(item.id, self.text(item.title)) for item in ranking.items]
        # The body scrolls on a small terminal (the list is as tall as its items; the body
        # follows the highlight); the status line sits below it, always in view.
        with VerticalScroll(id="body", can_focus=False):
            yield Static(self.rtr("ranking_heading"), classes="heading", markup=False)
            yield Static(self.text(ranking.prompt), classes="para", markup=False)
            yield RankList(items, self.session.ranking, id="rank-list")
        yield Static("", id="rank-status", markup=False)

    def compose_actions(self) -> ComposeResult:
        yield Button(self.tr("back_button"), id="back", compact=True)
        yield Button(self.tr("next_button"), id="next", variant="primary", compact=True)
        if self.app.return_to_review:
            yield Button(self.tr("to_review_button"), id="to-review", compact=True)

    def page_shown(self) -> None:
        self.query_one(RankList).focus(scroll_visible=False)
        self._status()
        self.call_after_refresh(self._show_highlight)

    def on_option_list_option_highlighted(self, event: RankList.OptionHighlighted) -> None:
        self.call_after_refresh(self._show_highlight)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_highlight)

    def _show_highlight(self) -> None:
        """Scroll the body the least needed to show the highlighted item whole."""
        if not self.is_attached:
            return
        rank_list = self.query_one(RankList)
        index = rank_list.highlighted
        if index is None or not rank_list.region:
            return
        # The list is never taller than its items, so its own line map places the item;
        # a long title wraps onto several lines (OptionList internals: see compat).
        span = compat.option_line_span(rank_list, index)
        if span is None:
            return
        line, height = span
        top = rank_list.virtual_region.y + rank_list.gutter.top + line
        body = self.query_one("#body", VerticalScroll)
        body.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True)

    def _status(self, moved: str | None = None, error: bool = False) -> None:
        status = self.query_one("#rank-status", Static)
        if error:
            text = self.rtr("ranking_incomplete")
        elif moved is not None:
            title = self.text(next(i.title for i in self.q.ranking.items if i.id == moved))
            text = self.tr("ranking_moved", title=title, pos=self.session.ranking.index(moved) + 1)
        elif self.session.ranking_confirmed:
            text = self.tr("ranking_confirmed")
        else:
            text = self.rtr("ranking_unconfirmed")
        status.update(text)
        status.set_class(error or not self.session.ranking_confirmed, "-warning")
        status.set_class(error, "-error")

    def on_rank_list_reordered(self, event: RankList.Reordered) -> None:
        self.session.ranking = list(event.order)
        self.session.ranking_confirmed = self.session.ranking_confirmed or event.confirmed
        self.session.started = True
        self._status(event.moved)
        self.app.schedule_draft()
        self.call_after_refresh(self._show_highlight)

    def action_next(self) -> None:
        if self.session.ranking_missing():
            self._status(error=True)
            self.query_one(RankList).focus()
            return
        self.app.goto("review")

    def action_back(self) -> None:
        self.app.goto(self.session.previous_page("ranking") or "welcome")
