"""The thesis-shaped round of tests/coding (11 respondents, five themes) in the dashboard, and
helpers to drive the coding screens (imported by name: tests/dashboard is on sys.path)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import DataTable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "coding"))

from coding_data import THESIS_ANSWERS, handles, thesis_round  # noqa: E402

__all__ = ["THESIS_ANSWERS", "handles", "thesis_round", "settle", "open_coding", "typed"]


async def settle(pilot, rounds: int = 6) -> None:
    """Let workers, their callbacks and the screens they push finish."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def typed(pilot, text: str, enter: bool = True) -> None:
    """Type into the focused field (a prompt's), then Enter."""
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
    if enter:
        await pilot.press("enter")
    await settle(pilot)


async def open_coding(pilot, slug: str = "kevat", coder: str | None = None):
    """From the rounds table through the round view to the coding screen of `slug`, as coder `coder` (Enter: "A")."""
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()
    await pilot.press("v")  # the round's results, then its coding workbench
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    if coder:
        await pilot.press("ctrl+a", "ctrl+k")  # empty the field (its default "A")
        await typed(pilot, coder)
    else:
        await pilot.press("enter")
        await settle(pilot)
    return pilot.app.screen


async def to_question(pilot, qid: str):
    screen = pilot.app.screen
    for _ in range(len(screen.questions)):
        if screen.question.id == qid:
            return screen
        await pilot.press("n")
        await settle(pilot)
    raise AssertionError(f"no question {qid}")
