"""The Store: rounds, frozen questionnaires, dates, codes, submit errors, file safety."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import pytest

from survey_tui import store as store_mod
from survey_tui.errors import CodeRejected, InvalidInput, NotFound, ResponseInvalid, RoundNotOpen, StoreUnavailable
from survey_tui.questionnaire import load_file, shipped_files
from survey_tui.store import MIGRATION_NAMES, Store

TODAY = dt.date(2025, 3, 10)
RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]


def good(**answers):
    return dict(answers or {"q1a": "Yhteinen intranet-sivu", "q3": "Teams"})


def counts(s: Store, slug: str) -> tuple[int, int, int, int]:
    """(responses, answers, rankings, codes used) of a round."""
    st = s.status(slug, today=TODAY)
    answers = len(s.answers(slug))
    rankings = sum(len(r) for r in s.rankings(slug))
    return st["responses"], answers, rankings, st["codes_used"]


# --------------------------------------------------------------------------- rounds


def test_round_lifecycle(store, kela):
    rnd = store.create_round("spring", kela)
    assert (rnd.state, rnd.access, rnd.min_group, rnd.follows) == ("draft", "open", 5, None)
    with pytest.raises(RoundNotOpen, match="has not been opened"):
        store.submit("spring", good(), RANKING, "fi")
    assert store.set_state("spring", "open").state == "open"
    store.submit("spring", good(), RANKING, "fi")
    assert store.count_responses("spring") == 1
    assert store.set_state("spring", "closed").state == "closed"
    with pytest.raises(RoundNotOpen, match="is closed"):
        store.submit("spring", good(), RANKING, "fi")
    assert store.count_responses("spring") == 1
    assert [r.slug for r in store.list_rounds()] == ["spring"]
    assert store.accepting_rounds() == []


def test_round_names_and_duplicates(store, kela):
    store.create_round("a", kela)
    with pytest.raises(InvalidInput, match="already exists"):
        store.create_round("a", kela)
    for bad in ("", "Spring", "has space", "-x", "x" * 65, "../etc"):
        with pytest.raises(InvalidInput, match="invalid round name"):
            store.create_round(bad, kela)
    with pytest.raises(NotFound, match="no round named"):
        store.get_round("nope")
    with pytest.raises(NotFound):
        store.set_state("nope", "open")
    with pytest.raises(InvalidInput):
        store.set_state("a", "paused")


def test_questionnaire_is_frozen_at_launch(tmp_path, kela):
    path = tmp_path / "mine.yaml"
    original = shipped_files()["kela-sosiaalitoimi"].read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    q = load_file(path)
    old_prompt = q.question("q3").prompt["fi"]
    db = tmp_path / "s.db"
    with Store(db) as s:
        s.create_round("frozen", q, state="open")
    # The coordinator edits the file after launch: the round must not change.
    path.write_text(original.replace(old_prompt, "Aivan uusi kysymys?"), encoding="utf-8")
    assert load_file(path).question("q3").prompt["fi"] == "Aivan uusi kysymys?"
    with Store(db) as s:
        stored = s.get_round("frozen").questionnaire
        assert stored.question("q3").prompt["fi"] == old_prompt
        assert stored == q
        # A new round gets the new text, the old one still the old.
        s.create_round("later", load_file(path))
        assert s.get_round("later").questionnaire.question("q3").prompt["fi"] == "Aivan uusi kysymys?"
        assert s.get_round("frozen").questionnaire.question("q3").prompt["fi"] == old_prompt


def test_dates(store, kela):
    store.create_round(
        "dated", kela, state="open", opens=dt.date(2025, 3, 1), closes=dt.date(2025, 3, 21)
    )
    with pytest.raises(RoundNotOpen, match="opens on 2025-03-01"):
        store.submit("dated", good(), RANKING, "fi", today=dt.date(2025, 2, 28))
    with pytest.raises(RoundNotOpen, match="closed on 2025-03-21"):
        store.submit("dated", good(), RANKING, "fi", today=dt.date(2025, 3, 22))
    assert store.count_responses("dated") == 0
    store.submit("dated", good(), RANKING, "fi", today=dt.date(2025, 3, 1))
    store.submit("dated", good(), RANKING, "fi", today=dt.date(2025, 3, 21))
    assert store.count_responses("dated") == 2
    rnd = store.get_round("dated")
    assert rnd.days_left(dt.date(2025, 3, 11)) == 10
    assert rnd.days_left(dt.date(2025, 3, 21)) == 0  # the last day still takes answers
    assert rnd.days_left(dt.date(2025, 4, 1)) is None  # over
    assert store.status("dated", today=dt.date(2025, 4, 1))["days_left"] is None
    assert store.status("dated", today=dt.date(2025, 3, 22))["accepting"] is False
    with pytest.raises(InvalidInput, match="closes .* before it opens"):
        store.create_round("backwards", kela, opens=dt.date(2025, 3, 2), closes=dt.date(2025, 3, 1))


def test_min_group_floor(store, kela):
    for bad in (2, 1, 0, -5, 10_001, 2**63):
        with pytest.raises(InvalidInput, match="from 3 to 10000"):
            store.create_round(f"g{bad % 10}", kela, min_group=bad)
    assert store.create_round("three", kela, min_group=3).min_group == 3
    assert store.create_round("default", kela).min_group == 5
    # The schema enforces the floor too, whatever the caller does.
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE rounds SET min_group = 2 WHERE slug = 'three'")


def test_follow_up_link(store, kela):
    store.create_round("first", kela, min_group=7)
    with pytest.raises(NotFound, match="does not exist"):
        store.create_round("second", kela, follows="missing")
    second = store.create_round("second", kela, follows="first")
    assert second.follows == "first"
    assert store.status("second")["follows"] == "first"
    assert store.get_round("first").follows is None


# --------------------------------------------------------------------------- codes and submit errors


@pytest.fixture
def coded(store, kela):
    store.create_round("c", kela, state="open")
    issued = store.add_codes("c", labels=["Matti", "Liisa", "Pekka"])
    return store, [code for code, _ in issued]


def test_codes_are_single_use_and_hashed(coded):
    store, codes = coded
    assert store.get_round("c").access == "codes"
    with pytest.raises(CodeRejected, match="needs a one-time code"):
        store.submit("c", good(), RANKING, "fi", today=TODAY)
    store.check_code("c", codes[0].lower().replace("-", ""))  # forgiving about case and dashes
    store.submit("c", good(), RANKING, "fi", code=codes[0], today=TODAY)
    with pytest.raises(CodeRejected, match="already been used"):
        store.check_code("c", codes[0])
    assert store.list_codes("c", unused_only=True) == [
        {"label": label, "used": False}
        for label in sorted(
            lab for lab, code in zip(["Matti", "Liisa", "Pekka"], codes) if code != codes[0]
        )
    ]
    raw = b"".join(p.read_bytes() for p in store_path_files(store))
    for code in codes:
        assert code.encode() not in raw and code.replace("-", "").encode() not in raw


def store_path_files(store):
    from pathlib import Path

    base = Path(store.path)
    return [p for p in (base, Path(f"{base}-wal")) if p.exists()]


SUBMIT_ERRORS = [
    ("unknown-code", dict(code="ZZZZZ-ZZZZZ"), CodeRejected, "not valid"),
    ("used-code", dict(code="USED"), CodeRejected, "already been used"),
    ("unknown-question", dict(answers={"q99": "x"}), ResponseInvalid, "unknown question id 'q99'"),
    ("incomplete-ranking", dict(ranking=RANKING[:3]), ResponseInvalid, "ranking is incomplete: missing henkilot, ymmarrys"),
    ("duplicate-ranking", dict(ranking=RANKING[:4] + ["kanavat"]), ResponseInvalid, "appears twice"),
    ("unknown-rank-item", dict(ranking=RANKING[:4] + ["nope"]), ResponseInvalid, "unknown ranking item 'nope'"),
    ("over-long-answer", dict(answers={"q1a": "x" * 4001}), ResponseInvalid, "4001 characters, more than 4000"),
    ("unknown-language", dict(language="de"), ResponseInvalid, "unknown language 'de'"),
    ("answer-not-text", dict(answers={"q1a": 5}), ResponseInvalid, "must be text"),
]


@pytest.mark.parametrize("change,error,message", [c[1:] for c in SUBMIT_ERRORS], ids=[c[0] for c in SUBMIT_ERRORS])
def test_submit_errors_store_nothing(coded, change, error, message):
    store, codes = coded
    store.submit("c", good(), RANKING, "fi", code=codes[2], today=TODAY)
    before = counts(store, "c")
    args = {"answers": good(), "ranking": RANKING, "language": "fi", "code": codes[0]}
    args.update(change)
    if args["code"] == "USED":
        args["code"] = codes[2]
    with pytest.raises(error, match=message):
        store.submit("c", args["answers"], args["ranking"], args["language"], code=args["code"], today=TODAY)
    assert counts(store, "c") == before
    # The valid code of the failed attempt was not consumed.
    store.check_code("c", codes[0])


def test_closed_round_stores_nothing_and_keeps_the_code(coded):
    store, codes = coded
    store.set_state("c", "closed")
    with pytest.raises(RoundNotOpen):
        store.submit("c", good(), RANKING, "fi", code=codes[0], today=TODAY)
    assert counts(store, "c") == (0, 0, 0, 0)
    store.check_code("c", codes[0])


def test_code_of_another_round_is_rejected(store, kela, coded):
    store, codes = coded
    store.create_round("other", kela, state="open")
    store.add_codes("other", count=1)
    with pytest.raises(CodeRejected, match="not valid"):
        store.submit("other", good(), RANKING, "fi", code=codes[0], today=TODAY)
    store.check_code("c", codes[0])


def test_import_is_all_or_nothing(store, kela):
    store.create_round("imp", kela, state="closed")
    records = [{"language": "fi", "answers": good(), "ranking": RANKING} for _ in range(3)]
    bad = records + [{"language": "fi", "answers": {"q1a": "x"}, "ranking": RANKING[:2]}]
    with pytest.raises(ResponseInvalid, match="record 4: ranking is incomplete"):
        store.import_responses("imp", bad)
    assert store.count_responses("imp") == 0
    assert store.import_responses("imp", records) == 3
    assert store.count_responses("imp") == 3
    assert all(r == RANKING for r in store.rankings("imp"))


# --------------------------------------------------------------------------- file safety


def test_database_file_is_private(tmp_path, kela):
    old = os.umask(0o022)
    try:
        path = tmp_path / "private.db"
        with Store(path) as s:
            s.create_round("p", kela, state="open")
            s.submit("p", good(), RANKING, "fi")
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            queue = tmp_path / "private.db-queue"
            assert queue.exists()
            assert stat.S_IMODE(queue.stat().st_mode) == 0o600
            # A rollback journal exists only during a commit; no log is left beside the file.
            assert sorted(p.name for p in tmp_path.iterdir()) == ["private.db", "private.db-queue"]
    finally:
        os.umask(old)


def test_pragmas_on_a_fresh_connection(tmp_path):
    path = tmp_path / "p.db"
    Store(path).close()
    with Store(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute("INSERT INTO responses (id, round, language) VALUES ('x', 'no-such-round', 'fi')")
    # WAL would be a property of the file; a rollback journal is the default a plain connection sees.
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    raw.close()


def test_migrations_applied_once_and_reopen_keeps_data(tmp_path, kela):
    path = tmp_path / "m.db"
    with Store(path) as s:
        s.create_round("keep", kela, state="open")
        s.submit("keep", good(), RANKING, "en")
    for _ in range(3):
        with Store(path) as s:
            names = [r[0] for r in s.conn.execute("SELECT name FROM _sqlite_migrations")]
            assert sorted(names) == sorted(MIGRATION_NAMES)  # the table lists them by name, not in order applied
            assert s.count_responses("keep") == 1
            assert s.get_round("keep").questionnaire == kela


def test_network_filesystem_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "_mount_fstype", lambda path: "nfs4")
    with pytest.raises(StoreUnavailable, match="network filesystem \\(nfs4\\)"):
        Store(tmp_path / "remote.db")
    assert not (tmp_path / "remote.db").exists()
    monkeypatch.setattr(store_mod, "_mount_fstype", lambda path: "cifs")
    with pytest.raises(StoreUnavailable, match="local disk"):
        Store(tmp_path / "remote.db")


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreUnavailable):
        Store(path)


def test_in_memory_store_works(kela):
    with Store(":memory:") as s:
        s.create_round("m", kela, state="open")
        s.submit("m", good(), RANKING, "fi")
        assert s.count_responses("m") == 1


def test_code_count_is_refused_before_anything_is_built(store, kela):
    store.create_round("c", kela)
    for bad in (100_001, 10**12, 10**20):
        with pytest.raises(InvalidInput, match="at most 100000 codes"):
            store.add_codes("c", count=bad)
    for empty in (0, -1, None):
        with pytest.raises(InvalidInput, match="number of codes"):
            store.add_codes("c", count=empty)
    assert len(store.add_codes("c", count=3)) == 3


def test_recipient_labels_name_one_code_each(store, kela):
    store.create_round("c", kela)
    store.add_codes("c", labels=["Kunta E", "Kunta F"])
    with pytest.raises(InvalidInput, match="given twice"):
        store.add_codes("c", labels=["Kunta L", "kunta l"])
    with pytest.raises(InvalidInput, match="already has a code for 'KUNTA E'"):
        store.add_codes("c", labels=["KUNTA E"])
    with pytest.raises(InvalidInput, match="must not be empty"):
        store.add_codes("c", labels=["\x1b[31m"])
    assert [c["label"] for c in store.list_codes("c")] == ["Kunta E", "Kunta F"]  # nothing half-added
    [(_code, label)] = store.add_codes("c", labels=["Kunta \x1b[2JG\x07"])
    assert label == "Kunta G"


def test_a_coordinator_code_is_stored_as_shown_and_removed_by_that_text(store, kela):
    store.create_round("r", kela, state="open")
    store.submit("r", {"q3": "Chat"}, ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"], "fi")
    store.create_round("r2", store.get_round("r").questionnaire, state="open")
    for _ in range(4):
        store.submit("r", {"q3": "muu"}, ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"], "fi")
    store.set_state("r", "closed")
    store.release("r")
    [rec] = [r for r in store.scan_responses("r") if r["answers"].get("q3") == "Chat"]
    store.add_answer_code("r", rec["id"], "q3", "a\x1b[31mred")
    assert [c["label"] for c in store.answer_codes("r")] == ["ared"]
    with pytest.raises(NotFound):  # a pseudonym names an answer of its own round only
        store.add_answer_code("r2", rec["id"], "q3", "x")
    assert store.remove_answer_code("r", rec["id"], "q3", "ared")
    assert store.answer_codes("r") == []
