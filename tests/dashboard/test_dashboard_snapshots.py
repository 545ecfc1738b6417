"""Snapshots of the dashboard's main views at 80x24 and 120x40 (fixed data and date)."""

from __future__ import annotations

import pytest

from dash_data import make

SIZES = [(80, 24), (120, 40)]


async def _select(pilot, slug: str) -> None:
    from textual.widgets import DataTable

    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.pause()


def _open(slug: str, *keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await _select(pilot, slug)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rounds(snap_compare, dash_store, size):
    assert snap_compare(make(dash_store), terminal_size=size, run_before=_open("spring"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_round_priorities(snap_compare, closed_spring, size):
    assert snap_compare(make(closed_spring), terminal_size=size, run_before=_open("spring", "v"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_round_positions(snap_compare, closed_spring, size):
    assert snap_compare(make(closed_spring), terminal_size=size, run_before=_open("spring", "v", "2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_round_statistics(snap_compare, closed_spring, size):
    assert snap_compare(make(closed_spring), terminal_size=size, run_before=_open("spring", "v", "3"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_themes(snap_compare, closed_spring, size):
    assert snap_compare(make(closed_spring), terminal_size=size, run_before=_open("spring", "t"))


def test_below_min_group(snap_compare, dash_store):
    assert snap_compare(make(dash_store), terminal_size=(80, 24), run_before=_open("autumn", "v"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare(snap_compare, dash_store, size):
    from dash_data import fill

    fill(dash_store, "autumn", 4, offset=8)
    assert snap_compare(make(dash_store), terminal_size=size, run_before=_open("autumn", "m"))
