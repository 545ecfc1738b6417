"""Shared steps for the respondent app tests (imported by name: tests/tui is on sys.path)."""

from __future__ import annotations

TOKEN = "TEST-TOKEN-0000"


async def settle(pilot, app=None) -> None:
    """Let pending screens, workers and messages finish."""
    await pilot.pause()
    app = app or pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()


async def start_answering(pilot) -> None:
    """From the welcome page (start button focused) to the first answering page."""
    await pilot.press("enter")
    await settle(pilot)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


def screen_lines(app) -> list[str]:
    """The text the terminal shows for the current screen, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def fully_shown(app, widget) -> bool:
    """Whether the whole widget is on screen: not scrolled away, clipped or covered."""
    geometry = app.screen.find_widget(widget)
    region = geometry.region
    return bool(region.area) and region in geometry.clip and region in app.screen.region


_FRAME = str.maketrans({ch: " " for ch in "▊▎▔▁▂▃▄▅▆▇█▌▐"})


def shows_text(app, text: str) -> bool:
    """Whether all of text is on screen, read as words (wrapping and frames ignored)."""
    words = " ".join(screen_lines(app)).translate(_FRAME).split()
    wanted = text.split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))
