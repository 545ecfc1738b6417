"""A leaked database copy gives away neither unused codes nor drafts (adversaries B and C)."""

from __future__ import annotations

import hashlib
import sqlite3
import time

from faultkit import RANKING
from survey_tui.errors import CodeRejected
from survey_tui.questionnaire import load_shipped
from survey_tui.store import SCRYPT_N, SCRYPT_P, SCRYPT_R, Store, new_token


def _per_guess(fn, repeat: int) -> float:
    start = time.perf_counter()
    for i in range(repeat):
        fn(i)
    return (time.perf_counter() - start) / repeat


def test_a_code_guess_costs_scrypt_not_sha256(tmp_path, figure):
    db = tmp_path / "c.db"
    with Store(db) as s:
        s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        [(code, _)] = s.add_codes("r", labels=["henkilö"])
        stored_hash, = s.conn.execute("SELECT hash FROM codes").fetchone()
        salt, = s.conn.execute("SELECT code_salt FROM rounds").fetchone()
        started = time.perf_counter()
        s.submit("r", {"q1a": "vastaus"}, RANKING, "fi", code)
        submit_ms = (time.perf_counter() - started) * 1000
        try:
            s.submit("r", {"q1a": "toinen"}, RANKING, "fi", code)
            raise AssertionError("a used code was accepted")
        except CodeRejected:
            pass
    # What someone holding the file must do for each guess of a code, as the file tells them.
    assert len(salt) == 32 and stored_hash != hashlib.sha256(f"r\0{code.replace('-', '')}".encode()).hexdigest()
    old = _per_guess(lambda i: hashlib.sha256(f"r\0ABCDE{i:05d}".encode()).hexdigest(), 20000)
    new = _per_guess(lambda i: hashlib.scrypt(f"ABCDE{i:05d}".encode(), salt=bytes.fromhex(salt) + b"r",
                                              n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 << 20, dklen=32), 20)
    assert new / old > 1_000
    assert submit_ms < 500  # still instant for a respondent
    figure("sha256_us_per_guess", round(old * 1e6, 2))
    figure("scrypt_ms_per_guess", round(new * 1000, 1))
    figure("cost_ratio", round(new / old))
    figure("scrypt_memory_mib", 128 * SCRYPT_R * SCRYPT_N // 2**20)
    figure("submit_with_code_ms", round(submit_ms, 1))


def test_a_respondent_cannot_read_or_change_another_draft(tmp_path, figure):
    db = tmp_path / "d.db"
    mine, theirs = new_token(), new_token()
    with Store(db) as s:
        s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        s.save_draft("r", theirs, {"answers": {"q1a": "TOISEN LUONNOS"}})
        assert s.load_draft("r", mine) is None
        assert not s.delete_draft("r", mine)
        s.save_draft("r", mine, {"answers": {"q1a": "oma"}})
        assert s.load_draft("r", theirs) == {"answers": {"q1a": "TOISEN LUONNOS"}}
    raw = db.read_bytes()
    assert b"TOISEN" not in raw
    # A changed sealed blob opens to nothing rather than to altered text.
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT token_hash, data FROM drafts").fetchall()
    for key, data in rows:
        data = bytearray(data)
        data[-1] ^= 1
        conn.execute("UPDATE drafts SET data = ? WHERE token_hash = ?", (bytes(data), key))
    conn.commit()
    conn.close()
    with Store(db) as s:
        assert s.load_draft("r", theirs) is None and s.load_draft("r", mine) is None
    figure("drafts_checked", len(rows))
