"""A store in a temporary file and the shipped questionnaire, for the use-case tests."""

from __future__ import annotations

import pytest

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


@pytest.fixture
def kela():
    return load_shipped("kela-sosiaalitoimi")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "survey.db")
    yield s
    s.close()
