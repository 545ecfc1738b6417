"""Drafts: kept sealed under their resume code, found by its scrypt hash, expired with the round."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Mapping

from survey_tui.store.values import _sha256, _today, normalize_code


def _purge_expired_drafts(conn: sqlite3.Connection, today: dt.date | None = None) -> None:
    """Drafts expire with their round: when it is closed or its closing date has passed."""
    conn.execute(
        "DELETE FROM drafts WHERE round IN (SELECT slug FROM rounds WHERE state = 'closed'"
        " OR (closes IS NOT NULL AND closes < ?))",
        ((today or _today()).isoformat(),),
    )


_TOKEN_HASHES: dict[str, tuple[str, str]] = {}


def _token_hashes(token: str) -> tuple[str, str]:
    """How a draft is found: scrypt of its resume code, and the sha256 of earlier versions.

    A plain hash of a 60-bit code could be reversed from a leaked file on a GPU, giving the
    key to the draft; scrypt makes every guess cost what unsealing does. Cached, as one
    respondent saves the same draft many times.
    """
    norm = normalize_code(token)
    cached = _TOKEN_HASHES.get(norm)
    if cached is None:
        import hashlib  # noqa: PLC0415 - only when a draft is saved or looked up

        slow = hashlib.scrypt(norm.encode(), salt=b"survey-tui draft lookup", n=2**14, r=8, p=1,
                              maxmem=64 * 1024 * 1024, dklen=32).hex()
        cached = _TOKEN_HASHES[norm] = (slow, _token_hash(token))
        if len(_TOKEN_HASHES) > 64:
            _TOKEN_HASHES.pop(next(iter(_TOKEN_HASHES)))
    return cached


def _token_hash(token: str) -> str:
    return _sha256("draft\0" + normalize_code(token))


class Drafts:
    """Store's drafts of respondents who have not submitted yet."""

    def save_draft(self, slug: str, token: str, data: Mapping[str, Any]) -> None:
        """Keep a draft, encrypted under its resume code (survey_tui/draft_seal.py)."""
        from survey_tui import draft_seal

        sealed = draft_seal.seal(token, json.dumps(data, ensure_ascii=False).encode())
        key, legacy = _token_hashes(token)

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO drafts (token_hash, round, data) VALUES (?,?,?)"
                " ON CONFLICT(token_hash) DO UPDATE SET data = excluded.data",
                (key, slug, sealed),
            )
            conn.execute("DELETE FROM drafts WHERE token_hash = ?", (legacy,))  # a plain draft of an earlier version

        self.write(upsert)

    def load_draft(self, slug: str, token: str) -> dict[str, Any] | None:
        from survey_tui import draft_seal

        for digest in _token_hashes(token):
            rows = self._read("SELECT data FROM drafts WHERE token_hash = ? AND round = ?", (digest, slug))
            if not rows:
                continue
            data = rows[0][0]
            if isinstance(data, str):  # an earlier version's plain draft: sealed on its next save
                return json.loads(data)
            try:
                return json.loads(draft_seal.unseal(token, data))
            except ValueError:
                return None
        return None

    def delete_draft(self, slug: str, token: str) -> bool:
        """Discard a respondent's draft at once (the quit dialog's "discard my draft")."""

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute(
                "DELETE FROM drafts WHERE token_hash IN (?, ?) AND round = ?", (*_token_hashes(token), slug)
            ).rowcount

        return bool(self.write(delete))

    def draft_round(self, token: str) -> str | None:
        """The round a resume code's draft belongs to, so the code alone finds its round."""
        rows = self._read("SELECT round FROM drafts WHERE token_hash IN (?, ?)", _token_hashes(token))
        return rows[0][0] if rows else None

    def count_drafts(self, slug: str) -> int:
        return self._read("SELECT count(*) FROM drafts WHERE round = ?", (slug,))[0][0]
