"""Fixtures for the dashboard tests (async tests run under pytest-asyncio, asyncio_mode = "auto")."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dash_data import fill
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


@pytest.fixture
def dash_store(tmp_path):
    """spring: open, codes, 6 responses; autumn: follow-up, 2 responses (below min group)."""
    random.seed(1)
    kela = load_shipped("kela-sosiaalitoimi")
    store = Store(tmp_path / "dash.db")
    store.create_round("spring", kela, state="open", opens=dt.date(2025, 3, 1), closes=dt.date(2025, 3, 21), min_group=5)
    store.add_codes("spring", labels=["Oulu", "Turku", "Espoo", "Vantaa"])
    fill(store, "spring", 6)
    store.create_round("autumn", kela, state="open", closes=dt.date(2025, 10, 31), follows="spring", min_group=5)
    fill(store, "autumn", 2, offset=6)
    yield store
    store.close()


@pytest.fixture
def closed_spring(dash_store):
    """dash_store with spring closed: results are sealed while a round takes answers."""
    dash_store.set_state("spring", "closed")
    return dash_store
