"""The database files keep no trace of which code went with which response, or of order."""

from __future__ import annotations

import os

from survey_tui.store import Store

RANKING = ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]


def _beside(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_no_log_of_commits_is_kept_beside_the_database(tmp_path, kela):
    path = tmp_path / "s.db"
    coordinator = Store(path)  # a dashboard left open
    respondent = Store(path)
    coordinator.create_round("c", kela, state="open")
    codes = coordinator.add_codes("c", labels=["alice", "bob", "carol"])
    for (code, _label), text in zip(codes, ["eka vastauszq", "toka vastauszq", "kolmas vastauszq"]):
        respondent.save_draft("c", "AAAA-BBBB-CCCC", {"answers": {"q1a": text}})
        respondent.submit("c", {"q1a": text}, RANKING, "fi", code, draft_token="AAAA-BBBB-CCCC")
        # A write-ahead log would hold each commit's pages in order: the code flipped to used
        # next to the answer inserted in the same commit. A rollback journal lives only
        # during a commit.
        assert _beside(path) == ["s.db", "s.db-queue"]
    assert respondent.conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    respondent.close()
    coordinator.close()
    raw = path.read_bytes()
    assert raw.count("vastauszq".encode()) == 3  # the three stored answers, no draft copies (a word no questionnaire text has)


def test_a_database_of_an_earlier_version_leaves_wal_mode(tmp_path, kela):
    import sqlite3

    path = tmp_path / "old.db"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.close()
    with Store(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not os.path.exists(f"{path}-wal")
