"""Anonymity audit: schema, stored bytes and read order reveal nothing about respondents."""

from __future__ import annotations

import datetime as dt
import re
import socket
import sqlite3
import time
from pathlib import Path

import pytest

from survey_tui.store import Store

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
RESPONSE_TABLES = ("responses", "answers", "rankings")
# Schema bookkeeping of sqlite-utils: one row per migration, written when the file is
# created and never touched by a submission (checked below).
BOOKKEEPING = {"_sqlite_migrations"}
# Beside the codes, by design (docs/anonymity.md, "Invitations and reminders"): recipients'
# addresses and the send log (what was sent to whom, when). Exactly these columns, none of
# them shared with a response table, and no key that reaches one (checked below).
BESIDE_CODES = {
    "recipients": ["round", "label", "email", "language"],
    "mailings": ["id", "round", "kind", "planned_for", "created", "state"],
    "sends": ["mailing", "label", "status", "sent_time", "detail"],
}

FORBIDDEN_SUBSTRINGS = (
    "time", "date", "created", "updated", "modified", "stamp", "user", "host", "tty", "ssh",
    "addr", "agent", "session", "pid", "seq", "serial", "email", "phone", "login",
)
FORBIDDEN_TOKENS = {"ip", "uid", "ts", "at", "when", "order", "num", "counter", "name", "who"}
FORBIDDEN_IN_RESPONSES = ("code", "hash", "token", "label", "draft")

FAKE_ENV = {
    "SSH_CLIENT": "203.0.113.77 51234 22",
    "SSH_CONNECTION": "203.0.113.77 51234 198.51.100.9 22",
    "SSH_TTY": "/dev/pts/77",
    "USER": "auditwolfgang",
    "LOGNAME": "auditwolfgang",
    "HOSTNAME": "audit-host-xq7",
    "REMOTE_ADDR": "192.0.2.201",
}
NEEDLES = ["203.0.113.77", "198.51.100.9", "/dev/pts/77", "auditwolfgang", "audit-host-xq7", "192.0.2.201", "51234"]


def tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: [c[1] for c in conn.execute(f"PRAGMA table_info('{name}')")] for name in names}


@pytest.fixture
def filled(tmp_path, kela, monkeypatch):
    """A database with code and open rounds, submits and an import, under a fake SSH session."""
    for key, value in FAKE_ENV.items():
        monkeypatch.setenv(key, value)
    db = tmp_path / "audit.db"
    s = Store(db)
    s.create_round("coded", kela, state="open")
    codes = [code for code, _ in s.add_codes("coded", labels=["Anna", "Bertta", "Cecilia"])]
    for code in codes[:2]:
        s.submit("coded", {"q1a": "vastaus", "q3": "Teams"}, RANKING, "fi", code=code)
    s.create_round("open", kela, state="open")
    for i in range(5):
        s.submit("open", {"q2a": f"answer {i}"}, RANKING, "en")
    s.import_responses("open", [{"language": "fi", "answers": {"q5": "paperi"}, "ranking": RANKING}])
    yield s, db, codes
    s.close()


# --------------------------------------------------------------------------- schema


def forbidden_columns(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for table, columns in tables(conn).items():
        if table in BOOKKEEPING or (table in BESIDE_CODES and columns == BESIDE_CODES[table]):
            continue
        for column in columns:
            low = column.lower()
            tokens = set(re.split(r"[^a-z0-9]+", low))
            if any(bad in low for bad in FORBIDDEN_SUBSTRINGS) or tokens & FORBIDDEN_TOKENS:
                problems.append(f"{table}.{column}")
            if table in RESPONSE_TABLES and any(bad in low for bad in FORBIDDEN_IN_RESPONSES):
                problems.append(f"{table}.{column} (links a response to a code or person)")
    return problems


def test_schema_has_no_forbidden_columns(filled):
    s, _, _ = filled
    found = tables(s.conn)
    assert set(RESPONSE_TABLES) <= set(found)
    assert forbidden_columns(s.conn) == []
    # The response tables hold exactly these columns and nothing more.
    # batch: which release of results a response belongs to (a group of at least min_group).
    assert found["responses"] == ["id", "round", "language", "batch"]
    assert found["answers"] == ["response_id", "question_id", "text"]
    assert found["rankings"] == ["response_id", "item_id", "position"]


def test_addresses_and_send_log_cannot_reach_a_response(filled):
    s, _, _ = filled
    found = tables(s.conn)
    for table, columns in BESIDE_CODES.items():
        assert found[table] == columns
        targets = {row[2] for row in s.conn.execute(f"PRAGMA foreign_key_list('{table}')")}
        assert targets <= {"rounds", "mailings"}
        assert not any("response" in column or "used" in column or "answer" in column for column in columns)


@pytest.mark.parametrize(
    "ddl",
    [
        "ALTER TABLE responses ADD COLUMN submitted_at TEXT",
        "ALTER TABLE answers ADD COLUMN ip TEXT",
        "ALTER TABLE rankings ADD COLUMN code_hash TEXT",
        "ALTER TABLE rounds ADD COLUMN created TEXT",
        "CREATE TABLE audit (ssh_client TEXT)",
    ],
)
def test_the_audit_catches_a_leaky_column(ddl):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE responses (id TEXT, round TEXT)")
    conn.execute("CREATE TABLE answers (response_id TEXT, text TEXT)")
    conn.execute("CREATE TABLE rankings (response_id TEXT, item_id TEXT)")
    conn.execute("CREATE TABLE rounds (slug TEXT)")
    assert forbidden_columns(conn) == []
    conn.execute(ddl)
    assert len(forbidden_columns(conn)) == 1


def test_response_tables_have_no_rowid(filled):
    s, _, _ = filled
    for table in RESPONSE_TABLES + ("codes", "drafts"):
        with pytest.raises(sqlite3.OperationalError, match="no such column"):
            s.conn.execute(f"SELECT rowid FROM {table}").fetchall()
        sql = s.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "WITHOUT ROWID" in sql.upper()


def test_no_triggers_timestamps_or_counters_in_the_schema(filled):
    s, _, _ = filled
    kinds = {r[0] for r in s.conn.execute("SELECT type FROM sqlite_master")}
    assert "trigger" not in kinds and "view" not in kinds
    names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
    assert "sqlite_sequence" not in names  # no AUTOINCREMENT counter anywhere
    ddl = " ".join(r[0] or "" for r in s.conn.execute("SELECT sql FROM sqlite_master WHERE name NOT LIKE '\\_sqlite%' ESCAPE '\\'"))
    for bad in ("current_", "datetime(", "strftime", "julianday", "unixepoch", "autoincrement", "random()"):
        assert bad not in ddl.lower()


def test_bookkeeping_is_untouched_by_submissions(filled):
    s, _, _ = filled
    before = s.conn.execute("SELECT * FROM _sqlite_migrations").fetchall()
    s.submit("open", {"q1a": "one more"}, RANKING, "fi")
    assert s.conn.execute("SELECT * FROM _sqlite_migrations").fetchall() == before
    # sqlite-utils records when each migration ran; that time is blanked.
    assert [row[-1] for row in before] == [""] * len(before)


# --------------------------------------------------------------------------- stored values


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-journal")) if p.exists())


def test_no_environment_values_in_the_files(filled):
    s, db, _ = filled
    # A rollback journal: no log beside the database between commits.
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-journal").exists()
    raw = _file_bytes(db)
    for needle in NEEDLES:
        assert needle.encode() not in raw, needle
    s.close()
    raw = _file_bytes(db)
    for needle in NEEDLES:
        assert needle.encode() not in raw, needle
    # The real host name too, unless the questionnaire text itself happens to contain it.
    hostname = socket.gethostname()
    with Store(db) as again:
        frozen = "".join(r.questionnaire.to_json() for r in again.list_rounds())
    if len(hostname) >= 6 and hostname not in frozen:
        assert hostname.encode() not in raw, hostname


def test_no_time_and_no_code_in_response_data(filled):
    s, _, codes = filled
    values = []
    for table in RESPONSE_TABLES:
        for row in s.conn.execute(f"SELECT * FROM {table}"):
            values.extend(str(v) for v in row)
    assert values
    now = time.time()
    today = dt.date.today()
    dates = {(today + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    hashes = {r[0] for r in s.conn.execute("SELECT hash FROM codes")}
    for value in values:
        assert not any(d in value for d in dates), value
        for number in re.findall(r"\d{9,13}(?:\.\d+)?", value):
            stamp = float(number) / (1000 if len(number.split(".")[0]) == 13 else 1)
            assert abs(stamp - now) > 86400, value
        assert value not in hashes
        for code in codes:
            assert code not in value and code.replace("-", "") not in value
    # Everything else (rounds, codes, drafts) holds no time either.
    for table in ("rounds", "codes", "drafts"):
        for row in s.conn.execute(f"SELECT * FROM {table}"):
            for value in map(str, row):
                if table == "rounds" and value.startswith("{"):
                    continue  # the frozen questionnaire text
                assert not any(d in value for d in dates), (table, value)


# --------------------------------------------------------------------------- order


def _spearman(order: list[int]) -> float:
    n = len(order)
    d2 = sum((pos - value) ** 2 for pos, value in enumerate(order))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_reads_are_not_in_insertion_order(tmp_path, kela):
    # For a random permutation of 200 items Spearman's rho has a standard deviation
    # of about 0.071; |rho| > 0.4 is more than 5.6 standard deviations (p < 1e-7),
    # while insertion order gives rho = 1. Each read is also compared with exact
    # insertion order (chance 1/200!).
    with Store(tmp_path / "order.db") as s:
        s.create_round("o", kela, state="open")
        for i in range(200):
            s.submit("o", {"q1a": f"n-{i}"}, RANKING, "fi")
        s.set_state("o", "closed")
        s.release("o")
        by_id = {rid: int(text[2:]) for rid, text in s.conn.execute("SELECT response_id, text FROM answers")}

        reads = {
            "scan_responses": [int(r["answers"]["q1a"][2:]) for r in s.scan_responses("o")],
            "answers": [int(a["text"][2:]) for a in s.answers("o", "q1a")],
            "response ids": [by_id[rid] for rid in (r[0] for r in s.conn.execute("SELECT id FROM responses"))],
            "physical answers": [int(t[2:]) for (t,) in s.conn.execute("SELECT text FROM answers")],
        }
        for name, order in reads.items():
            assert sorted(order) == list(range(200)), name
            assert order != list(range(200)), name
            assert abs(_spearman(order)) < 0.4, (name, _spearman(order))
        # One order per release (two exports diff cleanly) ...
        again = [int(r["answers"]["q1a"][2:]) for r in s.scan_responses("o")]
        assert again == reads["scan_responses"]
        # ... and another after the next release.
        s.import_responses("o", [{"language": "fi", "answers": {"q1a": f"n-{200 + i}"}, "ranking": RANKING} for i in range(5)])
        s.release("o")
        later = [n for n in (int(r["answers"]["q1a"][2:]) for r in s.scan_responses("o")) if n < 200]
        assert later != reads["scan_responses"]
        ids = list(by_id)
        assert all(re.fullmatch(r"[0-9a-f]{32}", rid) for rid in ids)
