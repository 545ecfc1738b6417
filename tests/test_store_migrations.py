from __future__ import annotations

import subprocess
import sys

from survey_tui.store import MIGRATION_NAMES, Store, _migrations


def test_known_names_match_registered_migrations():
    assert tuple(m.name for m in _migrations()._migrations) == MIGRATION_NAMES


def test_new_file_is_migrated_once_and_reopening_is_cheap(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    Store(path).close()
    import sqlite3

    rows = sqlite3.connect(path).execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert sorted(rows) == sorted((name,) for name in MIGRATION_NAMES)  # listed by name, applied in MIGRATION_NAMES order
    # Re-opening a current database must not import sqlite-utils (it pulls numpy/pandas).
    code = (
        "import sys; from survey_tui.store import Store; Store(sys.argv[1]).close(); "
        "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
