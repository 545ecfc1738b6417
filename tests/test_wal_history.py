"""The database files keep no trace of which code went with which response, or of order."""

from __future__ import annotations

import os

from survey_tui.store import Store

RANKING = ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]


def test_write_ahead_log_is_emptied_after_each_submit(tmp_path, kela):
    path = tmp_path / "s.db"
    coordinator = Store(path)  # a dashboard left open keeps the log from being removed on close
    respondent = Store(path)
    coordinator.create_round("c", kela, state="open")
    codes = coordinator.add_codes("c", labels=["alice", "bob", "carol"])
    for (code, _label), text in zip(codes, ["eka vastaus", "toka vastaus", "kolmas vastaus"]):
        respondent.save_draft("c", "AAAA-BBBB-CCCC", {"answers": {"q1a": text}})
        respondent.submit("c", {"q1a": text}, RANKING, "fi", code, draft_token="AAAA-BBBB-CCCC")
        # Without this, the -wal file holds each commit's pages in order: the code flipped to
        # used next to the answer inserted in the same commit.
        assert os.path.getsize(f"{path}-wal") == 0
    assert respondent.conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    # Deleted drafts are zeroed, not left in free space of the database file.
    respondent.close()
    coordinator.close()
    raw = path.read_bytes()
    assert raw.count("vastaus".encode()) == 3  # the three stored answers, no draft copies


def test_import_also_empties_the_log(tmp_path, kela):
    path = tmp_path / "s.db"
    watcher = Store(path)
    with Store(path) as s:
        s.create_round("r", kela, state="open")
        s.import_responses("r", [{"language": "fi", "answers": {"q1a": "paperilta"}, "ranking": RANKING}] * 3)
        assert os.path.getsize(f"{path}-wal") == 0
    watcher.close()
