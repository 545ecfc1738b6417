"""Round chooser: shown when several rounds are open and no --round was given."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from survey_tui.i18n import guess_lang, t
from survey_tui.sanitize import one_line
from survey_tui.tui.respondent.keys import shown


class RoundChooserScreen(Screen):
    CSS_PATH = "round_chooser.tcss"
    def compose(self) -> ComposeResult:
        lang = self.app.lang
        rounds = self.app.store.accepting_rounds()
        options = []
        for rnd in rounds:
            q = rnd.questionnaire
            title = one_line(q.text(q.title, lang if lang in q.languages else guess_lang(q.languages)), 70)
            options.append(Option(Text(f"{title}  ({rnd.slug})"), id=rnd.slug))
        yield Static(t(lang, "chooser_heading"), id="header", markup=False)
        with Vertical(id="body"):
            yield Static(t(lang, "chooser_text"), classes="para", markup=False)
            yield OptionList(*options, id="rounds")
        yield Static(shown(t(lang, "hints_chooser")), id="hints", markup=False)

    def on_mount(self) -> None:
        self.query_one("#rounds", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.start_round(event.option.id)
