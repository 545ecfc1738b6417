"""A language choice on the welcome page: click it, or Tab to it and press Enter.

A link rather than a button: lighter to build and style, which the start-up time of
the first page notices (bench/bench_startup.py).
"""

from __future__ import annotations

from textual.widgets import Link


class LanguageLink(Link):
    def __init__(self, label: str, lang: str, *, current: bool) -> None:
        super().__init__(label, url="", id=f"lang-{lang}")
        self.lang = lang
        self.set_class(current, "-current")

    def action_open_link(self) -> None:
        self.app.resume_error_text = ""
        self.app.set_language(self.lang)
