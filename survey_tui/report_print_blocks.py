"""The blocks of a printable report (report_print) and how printed outputs write a count.

Format-neutral: texts are cleaned but not escaped; report_html and report_pdf render them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from survey_tui.report_strings import percent
from survey_tui.svg_chart import Bar  # noqa: F401 (a Chart's bars)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 title, 2 section, 3 theme
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    kind: str = "body"  # body | meta | note | quote


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns of numbers, right-aligned


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    maximum: int  # the scale's end (at least the minimum group, so a "< 5" bar fits)
    floor: int = 0  # counts below it are drawn as a dashed "< floor" bar


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class CategoryLine:
    """A category of the coding (services.coding): its path, how many answers carry it, and
    the answers that may be quoted from it (the coding use case's rule)."""

    name: str
    count: int
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintDoc:
    title: str
    lang: str
    blocks: tuple = field(default_factory=tuple)


def shown_count(count: int, min_group: int) -> str:
    """A count as the printed outputs show it: "< 5" below the minimum group (0 too, as
    services.coding.Count: "nobody" is as exact as "one")."""
    if count < min_group:
        return f"<\u00a0{min_group}"
    return str(count)


def shown_share(count: int, n: int, min_group: int, lang: str) -> str:
    """A share always with its count, "5 / 11 = 45 %"; "< 5 / 11" when the count is hidden."""
    if count < min_group:
        return f"{shown_count(count, min_group)} / {n}"
    return f"{count} / {n} = {percent(count / n if n else None, lang)}"
