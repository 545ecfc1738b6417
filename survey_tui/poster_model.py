"""What the poster (the thesis's Liite 5, "huoneentaulu") shows, as plain data.

services/poster.py fills it from a round (its report, practices and response rate); the
renderers (poster_layout, poster_render) only lay it out. Counts below the minimum group
never reach the page as numbers: `first_choices` keeps them, and the layout prints "< 5".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PosterTheme:
    title: str
    practices: tuple[str, ...]  # practice statements, in the coordinator's order
    narrative: str = ""  # the theme's short narrative, if the coordinator wrote one


@dataclass(frozen=True)
class PosterData:
    title: str
    lang: str
    themes: tuple[PosterTheme, ...]
    first_choices: tuple[tuple[str, int], ...]  # (theme title, how many put it first), most first
    n: int  # released responses
    ranked: int  # how many ranked the themes (the base of the first-choice shares)
    rate: float | None  # response rate (codes used / codes issued); None without codes
    min_group: int
    subtitle: str = ""  # e.g. "Round spring-2026"

    @property
    def practices(self) -> list[str]:
        return [p for theme in self.themes for p in theme.practices]

    def to_dict(self) -> dict:
        """What the poster shows, for scripts: a count below the minimum group as "<5", as
        the poster prints it (and services.coding.Count writes it)."""
        def count(n: int) -> int | str:
            return n if n >= self.min_group else f"<{self.min_group}"

        return {
            "title": self.title,
            "language": self.lang,
            "subtitle": self.subtitle,
            "n": self.n,
            "ranked": self.ranked,
            "response_rate": None if self.rate is None else round(self.rate, 4),
            "min_group": self.min_group,
            "themes": [{"title": t.title, "narrative": t.narrative, "practices": list(t.practices)}
                       for t in self.themes],
            "first_choices": [{"title": title, "first_choice": count(n)} for title, n in self.first_choices],
        }
