"""One-time codes: hashed with scrypt and a per-round salt; issued, checked and listed."""

from __future__ import annotations

import functools
import os
import sqlite3
from typing import Any

from survey_tui.errors import CodeRejected, InvalidInput, message
from survey_tui.store.rounds import _refuse_lockout
from survey_tui.store.values import _label, _sha256, new_code, normalize_code

MAX_CODES_AT_A_TIME = 100_000
# scrypt for one-time codes: ~5 ms and 4 MiB a guess here (RELIABILITY.md), where sha256 cost
# nanoseconds; a submit checks one code.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**12, 8, 1


@functools.lru_cache(maxsize=8)
def _code_hash(slug: str, code: str, salt: str | None) -> str:
    """scrypt with the round's random salt; rounds of earlier versions (no salt) keep sha256.

    Kept for the last few codes: the respondent app checks a code when it is entered, and
    the submit at the end of the answering then finds its hash here instead of paying
    scrypt again while the respondent waits (half of a submit's time)."""
    if salt is None:
        return _sha256(f"{slug}\0{normalize_code(code)}")
    import hashlib  # noqa: PLC0415 - only when a code is checked

    return hashlib.scrypt(
        normalize_code(code).encode(), salt=bytes.fromhex(salt) + slug.encode(),
        n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024, dklen=32,
    ).hex()


def _code_hashes(slug: str, codes: list[str], salt: str | None, progress=None) -> list[str]:
    """Hash many codes on every core (hashlib's scrypt releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    out: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        for digest in pool.map(lambda c: _code_hash(slug, c, salt), codes):
            out.append(digest)
            if progress is not None:
                progress(len(out), len(codes))
    return out


def _check_new_labels(conn: sqlite3.Connection, slug: str, labels: list[str | None]) -> None:
    """A recipient label names one code: no blanks, no repeats, none the round already has."""
    rows = conn.execute("SELECT label FROM codes WHERE round = ? AND label IS NOT NULL", (slug,))
    taken = {str(row[0]).casefold() for row in rows}
    seen: set[str] = set()
    for label in labels:
        if not label:
            raise InvalidInput(message("store_label_empty"))
        key = label.casefold()
        if key in seen:
            raise InvalidInput(message("store_label_twice", label=repr(label[:60])))
        if key in taken:
            raise InvalidInput(message("store_label_taken", label=repr(label[:60]), example=repr(label[:50] + " 2")))
        seen.add(key)


class Codes:
    """Store's one-time codes (hashes only) and the recipients book beside them."""

    def _code_salt(self, slug: str) -> str | None:
        rows = self._read("SELECT code_salt FROM rounds WHERE slug = ?", (slug,))
        return rows[0][0] if rows else None

    def add_codes(
        self,
        slug: str,
        *,
        count: int | None = None,
        labels: list[str] | None = None,
        switch_access: bool = False,
        progress=None,
    ) -> list[tuple[str, str | None]]:
        """Create one-time codes; returns (code, label) pairs. Only hashes are kept.

        The round then takes code holders only. For an open round that people already
        answer without a code, that locks them out: refused unless switch_access is True.
        """
        rnd = self.get_round(slug)
        if not switch_access and rnd.state == "open" and rnd.access == "open":
            _refuse_lockout(rnd, self.count_responses(slug) + self.count_drafts(slug))
        if labels is not None:
            wanted: list[str | None] = [_label(label) for label in labels]
        elif count is not None and count > 0:
            if count > MAX_CODES_AT_A_TIME:  # checked before building the list: 10**12 would not fit
                raise InvalidInput(message("store_codes_at_most", limit=MAX_CODES_AT_A_TIME))
            wanted = [None] * int(count)
        else:
            raise InvalidInput(message("store_codes_count_or_labels"))
        if len(wanted) > MAX_CODES_AT_A_TIME:
            raise InvalidInput(message("store_codes_at_most", limit=MAX_CODES_AT_A_TIME))
        issued = [(new_code(), label) for label in wanted]
        if labels is not None:  # before the slow hashing; checked again under the write lock
            _check_new_labels(self.conn, slug, wanted)
        salt = self._code_salt(slug)
        hashes = _code_hashes(slug, [code for code, _ in issued], salt, progress)

        def insert(conn: sqlite3.Connection) -> None:
            if labels is not None:  # under the write lock: two `codes add` at once cannot both add a label
                _check_new_labels(conn, slug, wanted)
            conn.executemany(
                "INSERT INTO codes (hash, round, label, used) VALUES (?,?,?,0)",
                [(digest, slug, label) for digest, (_code, label) in zip(hashes, issued)],
            )
            conn.execute("UPDATE rounds SET access = 'codes' WHERE slug = ?", (slug,))

        self.write(insert)
        return issued

    def recipients(self):
        """Recipients, their codes and the send log (survey_tui/store/recipients.py)."""
        from survey_tui.store.recipients import Recipients

        return Recipients(self)

    def check_code(self, slug: str, code: str) -> None:
        """Raise CodeRejected unless the code is valid and unused (does not consume it)."""
        digest = _code_hash(slug, code, self._code_salt(slug))
        rows = self._read("SELECT used FROM codes WHERE hash = ? AND round = ?", (digest, slug))
        if not rows:
            raise CodeRejected(message("store_code_unknown"), "unknown")
        if rows[0][0]:
            raise CodeRejected(message("store_code_used"), "used")

    def list_codes(self, slug: str, *, unused_only: bool = False) -> list[dict[str, Any]]:
        self.get_round(slug)
        sql = "SELECT label, used FROM codes WHERE round = ?"
        if unused_only:
            sql += " AND used = 0"
        rows = self._read(sql + " ORDER BY label, hash", (slug,))
        return [{"label": label, "used": bool(used)} for label, used in rows]
