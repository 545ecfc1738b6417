"""Fixtures of the reporting tests (data and helpers are in reporting_data.py)."""

from __future__ import annotations

import pytest
from reporting_data import thesis_records


@pytest.fixture
def thesis_store(store, kela):
    """Round 'thesis' of the shipped questionnaire with the 11 thesis-shaped responses."""
    store.create_round("thesis", kela, state="closed")
    store.import_responses("thesis", thesis_records())
    store.set_state("thesis", "closed")  # results are sealed while a round takes answers
    return store

