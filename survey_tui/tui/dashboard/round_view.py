"""Round view: priorities chart, position distribution, statistics and consensus.

Below the round's minimum group size only the count and the reason are shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from survey_tui.analysis.explain import explain
from survey_tui.sanitize import one_line
from survey_tui.share_format import share_of, share_text
from survey_tui.tui.dashboard.bar_chart import BarChart
from survey_tui.services import results
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.round_common import dashboard_lang
from survey_tui.tui.dashboard.words import say, translate_bindings, w

# The statistics shown, each with its one-line explanation from analysis.explain.
EXPLAINED = ("n", "first_choice", "positions", "mean_rank", "borda", "consensus", "kendall_w")
# Columns a horizontal chart keeps for its frame, bars and tick labels; its label column gets
# the rest, so it is as wide as the longest title whenever the terminal has room for that.
BAR_ROOM = 40
POSITION_COLORS = ((0, 110, 220), (0, 180, 200), (120, 190, 60), (230, 160, 30), (210, 70, 70), (150, 90, 200), (140, 140, 140))


def _integer_ticks(plt, top: int) -> None:
    step = max(1, -(-top // 6))
    ticks = list(range(0, top + step, step))
    plt.xticks(ticks, [str(t) for t in ticks])


def agreement_words(w: float, lang: str = "en") -> str:
    if w < 0.1:
        key = "agreement_none"
    elif w < 0.3:
        key = "agreement_weak"
    elif w < 0.6:
        key = "agreement_moderate"
    else:
        key = "agreement_strong"
    return say(lang, key)


def position_name(pos: int, lang: str = "en") -> str:
    return say(lang, f"position_{pos}") if pos <= 3 else say(lang, "position_n", pos=pos)


class RoundViewScreen(Screen):
    BINDINGS = [
        Binding("1", "tab('priorities')", "key_priorities"),
        Binding("2", "tab('positions')", "key_positions"),
        Binding("3", "tab('statistics')", "key_statistics"),
        Binding("4", "tab('closed')", "key_closed"),
        # The coding workbench starts from a round's results (the rounds screen's footer is full).
        Binding("w", "coding", "key_coding"),
        Binding("down", "scroll_pane('down')", show=False),
        Binding("up", "scroll_pane('up')", show=False),
        Binding("pagedown", "scroll_pane('page_down')", show=False),
        Binding("pageup", "scroll_pane('page_up')", show=False),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.slug = slug

    def compose(self) -> ComposeResult:
        yield Header()
        # Filled once the figures are counted in a worker thread (on_mount): never in compose.
        with Vertical(id="round-body"):
            yield Static(w(self, "counting"), id="loading", markup=False)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.sub_title = w(self, "results_sub_title", slug=self.slug)
        self.ui_lang = self.app.lang
        view = await in_worker(self, results.ranking_view, self.app.store, self.slug, self.app.today())
        self.round, self.count, self.stats = view.round, view.responses, view.stats
        self.results_open = view.shown
        self.lang = dashboard_lang(self.round.questionnaire, self.ui_lang)
        await self.query_one("#loading", Static).remove()
        widgets = self._widgets(view)
        body = self.query_one("#round-body", Vertical)
        if widgets and isinstance(widgets[0], TabPane):
            tabs = TabbedContent()
            await body.mount(tabs)
            for pane in widgets:  # the first added is the one shown
                await tabs.add_pane(pane)
        else:
            await body.mount_all(widgets)
        self.refresh_bindings()
        self._draw_closed(view)
        if self.stats is None:
            return
        self._draw_first_choices()
        self._draw_positions()
        self._fill_table()

    def _widgets(self, view) -> list:
        if view.reason is not None:
            return [Static(view.reason, id="too-few", markup=False)]
        note = None
        if view.no_ranking or view.withheld:  # no ranking figures: say why, above any closed ones
            key = "view_responses_no_ranking" if view.no_ranking else "view_withheld"
            note = Static(w(self, key, n=self.count, min=self.round.min_group), id="too-few", markup=False)
        closed = self._closed_pane(view, note)
        if note is not None:
            return [closed] if closed is not None else [note]
        return self._ranking_panes(view) + ([closed] if closed is not None else [])

    def _closed_pane(self, view, note=None):
        """The closed questions' tab: per question its counts and shares and a bar chart."""
        from survey_tui.report_closed import closed_block

        self.closed_blocks = [closed_block(self.round.questionnaire, self.lang, f, self.round.min_group)
                              for f in view.closed]
        if not self.closed_blocks:
            return None
        parts = [note] if note is not None else []
        for i, block in enumerate(self.closed_blocks):
            parts.append(Static(self._block_text(block), classes="closed-text", markup=False))
            if block.rows:
                parts.append(BarChart(len(block.rows), id=f"closed-chart-{i}"))
        notes = list(dict.fromkeys(note for block in self.closed_blocks for note in block.notes))
        if notes:  # what the interval, the several choices and the scale's mean mean, once
            parts.append(Static("\n".join(notes), id="closed-notes", markup=False))
        return TabPane(w(self, "tab_closed"), VerticalScroll(*parts, classes="chart-scroll", id="closed-scroll"), id="closed")

    def _block_text(self, block) -> str:
        lines = [one_line(block.prompt, 200)]
        if block.withheld:
            return "\n".join(lines + [f"  {block.withheld}"])
        width = max((len(label) for label, _k, _t in block.rows), default=0)
        lines += [f"  {one_line(label, 60):<{min(width, 60)}}  {text}" for label, _k, text in block.rows]
        lines += [f"  {one_line(line, 200)}" for line in block.lines]
        return "\n".join(lines)

    def _draw_closed(self, view) -> None:
        for i, block in enumerate(getattr(self, "closed_blocks", [])):
            if not block.rows:
                continue
            plt = self.query_one(f"#closed-chart-{i}", BarChart).plt
            plt.clear_data()
            rows = list(reversed(block.rows))  # the first option at the top
            plt.bar([one_line(label, self._label_width()) for label, _k, _t in rows], [k for _l, k, _t in rows],
                    orientation="horizontal", width=0.5)
            plt.xlabel(w(self, "axis_respondents"))
            _integer_ticks(plt, max((k for _l, k, _t in rows), default=0))

    def _ranking_panes(self, view) -> list:
        q = self.round.questionnaire
        self.titles = {item.id: one_line(q.text(item.title, self.lang), 100) for item in q.ranking.items}
        first = [Static(w(self, "view_first_choices", n=self.stats.n), markup=False)]
        if view.held:
            first.append(Static(w(self, "view_held", n=view.held, min=self.round.min_group), markup=False))
        first.append(BarChart(len(self.stats.items), id="first-chart"))
        # Scrolling panes: on a short terminal the charts keep the rows they need (see
        # bar_chart) and the view scrolls.
        return [
            TabPane(w(self, "tab_priorities"), VerticalScroll(*first, classes="chart-scroll"), id="priorities"),
            TabPane(w(self, "tab_positions"), VerticalScroll(
                Static(self._legend(), id="legend"),
                BarChart(len(self.stats.consensus), id="position-chart"),
                classes="chart-scroll",
            ), id="positions"),
            TabPane(w(self, "tab_statistics"), VerticalScroll(
                DataTable(cursor_type="row", id="stats-table"),
                Static(self._consensus_text(), id="consensus", markup=False),
                Static("\n".join(explain(k, self.ui_lang) for k in EXPLAINED), id="explanations", markup=False),
            ), id="statistics"),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Below the minimum group size (or without a ranking) there are no tabs: the
        # footer offers no 1/2/3/4 keys that would do nothing.
        if action in ("tab", "scroll_pane") and not self.query(TabbedContent):
            return False
        if action == "coding":  # offered once the results are shown (they are the answers coded)
            return getattr(self, "results_open", False)
        if action == "tab" and parameters and not self.query(f"TabPane#{parameters[0]}"):
            return False
        return True

    def action_tab(self, tab: str) -> None:
        tabs = self.query(TabbedContent)
        if tabs:
            tabs.first().active = tab

    def action_scroll_pane(self, how: str) -> None:
        # The tab bar keeps the focus (left/right switch tabs); the vertical keys it
        # does not use scroll the shown pane, so a chart taller than a short
        # terminal can be read without a mouse.
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        scroller = tabs.first().query(f"#{tabs.first().active} VerticalScroll")
        if scroller:
            getattr(scroller.first(), f"scroll_{how}")()

    def _legend(self):
        from rich.text import Text

        legend = Text(w(self, "legend_placed"))
        for p in range(self.stats.k):
            legend.append("██", style="rgb({},{},{})".format(*POSITION_COLORS[p % len(POSITION_COLORS)]))
            legend.append(f" {position_name(p + 1, self.ui_lang)}  ")
        return legend

    def _label_width(self, others: int = BAR_ROOM, least: int = 18, most: int = 100) -> int:
        """Room for a title beside `others` columns of bars or figures: titles are cut only
        when the terminal is narrower than the longest one plus `others` (at 80 columns;
        the shipped titles, up to 78 characters, are whole at 120)."""
        return max(least, min(most, self.app.size.width - others))

    def _short(self, item_id: str, width: int | None = None) -> str:
        width = self._label_width() if width is None else width
        return one_line(self.titles[item_id], width)

    def _draw_first_choices(self) -> None:
        items = results.first_choice_order(self.stats.items)  # the report's order
        plt = self.query_one("#first-chart", BarChart).plt
        plt.clear_data()
        # Reversed so the most chosen item is drawn at the top of a horizontal chart.
        plt.bar([self._short(it.id) for it in reversed(items)], [it.first_choice for it in reversed(items)], orientation="horizontal", width=0.5)
        plt.xlabel(w(self, "axis_respondents"))
        _integer_ticks(plt, max((it.first_choice for it in items), default=0))

    def _draw_positions(self) -> None:
        order = list(self.stats.consensus)
        plt = self.query_one("#position-chart", BarChart).plt
        plt.clear_data()
        k = self.stats.k
        series = [[self.stats.item(i).positions[p] for i in reversed(order)] for p in range(k)]
        # Fixed colours (the first theme colour can equal the background) and the
        # legend outside the plot, where it cannot hide bars.
        plt.stacked_bar(
            [self._short(i) for i in reversed(order)],
            series,
            color=[POSITION_COLORS[p % len(POSITION_COLORS)] for p in range(k)],
            orientation="horizontal",
            width=0.5,
        )
        plt.xlabel(w(self, "axis_respondents"))
        _integer_ticks(plt, self.stats.n)

    def _fill_table(self) -> None:
        table = self.query_one("#stats-table", DataTable)
        table.add_columns(*(w(self, key) for key in ("col_item", "col_first", "col_mean_rank", "col_borda", "col_ranked_by")))
        for item_id in self.stats.consensus:
            it = self.stats.item(item_id)
            # Text, not str: a DataTable reads a str cell as markup ([link=...] would be live).
            table.add_row(*map(Text, (
                self._short(item_id, self._label_width(42, 40)),
                share_text(share_of(it.first_choice, self.stats.n), self.ui_lang, short=True),
                "-" if it.mean_rank is None else f"{it.mean_rank:.2f}",
                str(it.borda),
                str(it.ranked_by),
            )))

    def _consensus_text(self) -> str:
        lines = [w(self, "consensus_order")]
        lines += [f"  {i}. {self.titles[item]}" for i, item in enumerate(self.stats.consensus, 1)]
        kendall = self.stats.kendall_w
        if kendall is None:
            lines.append(say(self.ui_lang, "kendall_not_computed"))
        else:
            lines.append(say(self.ui_lang, "kendall_w", w=f"{kendall:.2f}", words=agreement_words(kendall, self.ui_lang)))
        return "\n".join(lines)

    async def action_coding(self) -> None:
        # The workbench shows answers: only for a round whose results are open (the sealing
        # rule is the services'; its one line otherwise).
        from survey_tui.tui.dashboard.coding import CodingScreen
        from survey_tui.tui.dashboard.round_common import results_state

        _release, reason = await in_worker(self, results_state, self.app, self.slug)
        if reason is not None:
            self.notify(reason, severity="warning", markup=False)
            return
        self.app.push_screen(CodingScreen(self.slug))
