"""The rounds table re-reads the database only when another connection committed."""

from __future__ import annotations

from dash_data import make
from survey_tui.services import rounds
from survey_tui.store import Store


async def test_idle_ticks_read_nothing_and_a_commit_elsewhere_refreshes(dash_store, monkeypatch):
    calls = []
    original = rounds.overview
    monkeypatch.setattr(rounds, "overview", lambda *a, **k: calls.append(1) or original(*a, **k))
    app = make(dash_store, refresh_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = len(calls)  # the first paint (mount and the screen's first resume)
        await pilot.pause(0.6)  # about ten ticks
        assert len(calls) == first
        other = Store(dash_store.path)
        other.create_round("late", dash_store.get_round("spring").questionnaire)
        other.close()
        for _ in range(40):
            await pilot.pause(0.05)
            if app.screen.query_one("#rounds").get_row_index("late") is not None:
                break
        assert len(calls) == first + 1
