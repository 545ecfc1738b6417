"""Fixtures for the remote-respondent tests."""

from __future__ import annotations

import pytest

from remote_helpers import make_db


@pytest.fixture
def remote_db(tmp_path):
    return make_db(tmp_path)
