from __future__ import annotations

import pytest

from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch):
    """Every test starts in an English, UTF-8 locale with no coordinator language chosen, so
    the suite passes on a Finnish or Swedish machine too; a test about languages sets its own."""
    from survey_tui import i18n

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_coordinator_lang(None)
    yield
    i18n.set_coordinator_lang(None)


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


# Real-process suites (fault injection, SSH ptys, browser, the server): `pytest -m "not slow"`
# leaves them out for a quick loop; CI and the README command run everything.
_SLOW_FOLDERS = {"faults", "remote"}
_SLOW_FILES = {"test_reliability.py"}


def pytest_collection_modifyitems(config, items):
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for item in items:
        try:
            parts = Path(str(item.fspath)).resolve().relative_to(here).parts
        except ValueError:
            continue
        if parts[0] in _SLOW_FOLDERS or parts[-1] in _SLOW_FILES:
            item.add_marker(pytest.mark.slow)
