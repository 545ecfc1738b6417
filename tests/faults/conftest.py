"""Fixtures for the fault-and-attack suite.

Figures: a test calls `figure("name", value)`; when SURVEY_TUI_FIGURES names a file,
the session writes every figure and every test outcome there as JSON, and
`python bench/reliability.py` renders RELIABILITY.md from it. Sizes: CI size by
default, the full size of the issue with SURVEY_TUI_FULL=1.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

from faultkit import FULL

_FIGURES: dict[str, dict] = {}
_OUTCOMES: dict[str, str] = {}


@pytest.fixture
def figure(request):
    """Record a measured figure for RELIABILITY.md under this test's id."""
    key = request.node.nodeid

    def record(name: str, value) -> None:
        _FIGURES.setdefault(key, {})[name] = value

    return record


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        if report.nodeid not in _OUTCOMES or report.outcome != "passed":
            _OUTCOMES[report.nodeid] = report.outcome


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("SURVEY_TUI_FIGURES")
    if not target:
        return
    data = {"full": FULL, "figures": _FIGURES, "outcomes": _OUTCOMES}
    Path(target).write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


@pytest.fixture
def db(tmp_path):
    """A database file with an open round r1 of the shipped questionnaire."""
    path = tmp_path / "survey.db"
    with Store(path) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
    return path
