from __future__ import annotations

import pytest

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


@pytest.fixture
def kela():
    """The shipped five-theme questionnaire."""
    return load_shipped("kela-sosiaalitoimi")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "survey.db")
    yield s
    s.close()


@pytest.fixture
def open_round(store, kela):
    return store.create_round("r1", kela, state="open")
