from __future__ import annotations

import pytest

from survey_tui import store as store_mod
from survey_tui.errors import StoreUnavailable
from survey_tui.store import Store


def test_read_only_filesystem_is_named_in_the_error(tmp_path, monkeypatch):
    path = tmp_path / "survey.db"
    Store(path).close()
    monkeypatch.setattr(store_mod, "_readonly_fs", lambda _path: True)
    with pytest.raises(StoreUnavailable, match="read-only filesystem"):
        Store(path)


def test_readonly_check_looks_at_the_nearest_existing_folder(tmp_path):
    assert store_mod._readonly_fs(tmp_path / "not" / "yet" / "there.db") is False

