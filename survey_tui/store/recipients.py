"""Recipients and the send log: addresses beside the codes, never near responses.

Tables (migration 0003_recipients):
- recipients: round, label, address, language. The label is the one the round's code carries
  (codes.label), so the address is reachable only from a code row, which nothing links to a
  response (docs/anonymity.md).
- mailings: one invitation or reminder of a round (kind, when it is due, planned or done).
- sends: per mailing and label, what was sent to whom and when, and the server's verdict.
  Nothing about answers or about when a code was used is recorded here.

`codes forget ROUND` deletes all three for the round together with its codes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from survey_tui.errors import InvalidInput, message

if TYPE_CHECKING:
    from survey_tui.store import Store

SCHEMA = [
    """CREATE TABLE recipients (
        round TEXT NOT NULL REFERENCES rounds(slug),
        label TEXT NOT NULL,
        email TEXT NOT NULL,
        language TEXT,
        PRIMARY KEY (round, label)
    ) WITHOUT ROWID""",
    """CREATE TABLE mailings (
        id TEXT PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug),
        kind TEXT NOT NULL CHECK (kind IN ('invite','remind','final')),
        planned_for TEXT,
        created TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('planned','done'))
    ) WITHOUT ROWID""",
    """CREATE TABLE sends (
        mailing TEXT NOT NULL REFERENCES mailings(id),
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('sent','refused','invalid','failed')),
        sent_time TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (mailing, label)
    ) WITHOUT ROWID""",
    "CREATE INDEX mailings_round ON mailings(round)",
]

KINDS = ("invite", "remind", "final")
STATUSES = ("sent", "refused", "invalid", "failed")


def migrate(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA:
        conn.execute(statement)


@dataclass(frozen=True)
class Recipient:
    label: str
    email: str
    language: str | None
    answered: bool  # the label's code has been used (what `codes list --unused` shows too)


@dataclass(frozen=True)
class Mailing:
    id: str
    round: str
    kind: str
    planned_for: str | None
    created: str
    state: str


def _taken_labels(conn: sqlite3.Connection, slug: str) -> set[str]:
    rows = conn.execute(
        "SELECT label FROM codes WHERE round = ? AND label IS NOT NULL "
        "UNION SELECT label FROM recipients WHERE round = ?",
        (slug, slug),
    )
    return {str(label).casefold() for (label,) in rows}


class Recipients:
    """Recipients, codes per recipient and the send log of a Store (Store.recipients())."""

    def __init__(self, store: Store):
        self.store = store

    # ------------------------------------------------------------ recipients

    def add(self, slug: str, rows: list[tuple[str, str, str | None]]) -> None:
        """Store recipients (label, address, language) at once, or none of them.

        The round then takes code holders only; codes are made when the invitation is sent.
        """
        self.store.get_round(slug)

        def insert(conn: sqlite3.Connection) -> None:
            taken = _taken_labels(conn, slug)
            clashes = [label for label, _e, _l in rows if label.casefold() in taken]
            if clashes:
                raise InvalidInput(
                    "\n".join(message("store_recipient_label_taken", label=repr(label[:60])) for label in clashes)
                )
            conn.executemany(
                "INSERT INTO recipients (round, label, email, language) VALUES (?,?,?,?)",
                [(slug, label, email, language) for label, email, language in rows],
            )
            conn.execute("UPDATE rounds SET access = 'codes' WHERE slug = ?", (slug,))

        self.store.write(insert)

    def list(self, slug: str) -> list[Recipient]:
        rows = self.store._read(
            "SELECT r.label, r.email, r.language, "
            "EXISTS (SELECT 1 FROM codes c WHERE c.round = r.round AND c.label = r.label AND c.used = 1) "
            "FROM recipients r WHERE r.round = ? ORDER BY r.label",
            (slug,),
        )
        return [Recipient(label, email, language, bool(answered)) for label, email, language, answered in rows]

    def issue_code(self, slug: str, label: str, digest: str) -> bool:
        """Give `label` the code hashed as `digest`, replacing its unused code in one transaction.

        Returns False (and changes nothing) when the label's code has been used: they answered.
        The replaced code stops working at the commit, the new one starts at the same moment.
        """

        def replace(conn: sqlite3.Connection) -> bool:
            used = conn.execute(
                "SELECT 1 FROM codes WHERE round = ? AND label = ? AND used = 1", (slug, label)
            ).fetchone()
            if used:
                return False
            conn.execute("DELETE FROM codes WHERE round = ? AND label = ? AND used = 0", (slug, label))
            conn.execute("INSERT INTO codes (hash, round, label, used) VALUES (?,?,?,0)", (digest, slug, label))
            return True

        return self.store.write(replace)

    # ------------------------------------------------------------ mailings and the send log

    def new_mailing(self, slug: str, kind: str, created: str, planned_for: str | None = None) -> Mailing:
        from survey_tui.store import random_id

        if kind not in KINDS:
            raise ValueError(kind)
        mailing = Mailing(random_id(), slug, kind, planned_for, created, "planned" if planned_for else "done")

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO mailings (id, round, kind, planned_for, created, state) VALUES (?,?,?,?,?,?)",
                (mailing.id, slug, kind, planned_for, created, mailing.state),
            )

        self.store.write(insert)
        return mailing

    def mailings(self, slug: str | None = None) -> list[Mailing]:
        sql = "SELECT id, round, kind, planned_for, created, state FROM mailings"
        params: tuple[Any, ...] = ()
        if slug is not None:
            sql += " WHERE round = ?"
            params = (slug,)
        rows = self.store._read(sql + " ORDER BY created, id", params)
        return [Mailing(*row) for row in rows]

    def due(self, now: str) -> list[Mailing]:
        rows = self.store._read(
            "SELECT id, round, kind, planned_for, created, state FROM mailings "
            "WHERE state = 'planned' AND planned_for <= ? ORDER BY planned_for, id",
            (now,),
        )
        return [Mailing(*row) for row in rows]

    def mark_done(self, mailing_id: str) -> None:
        self.store.write(lambda conn: conn.execute("UPDATE mailings SET state = 'done' WHERE id = ?", (mailing_id,)))

    def record(self, mailing_id: str, label: str, status: str, when: str, detail: str = "") -> None:
        if status not in STATUSES:
            raise ValueError(status)
        self.store.write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO sends (mailing, label, status, sent_time, detail) VALUES (?,?,?,?,?)",
                (mailing_id, label, status, when, detail),
            )
        )

    def sends(self, mailing_id: str) -> dict[str, dict[str, str]]:
        rows = self.store._read(
            "SELECT label, status, sent_time, detail FROM sends WHERE mailing = ? ORDER BY label", (mailing_id,)
        )
        return {label: {"status": status, "time": when, "detail": detail} for label, status, when, detail in rows}

    # ------------------------------------------------------------ forgetting

    def forget(self, slug: str) -> dict[str, int]:
        """Delete the round's addresses, send log and codes in one transaction."""
        self.store.get_round(slug)

        def delete(conn: sqlite3.Connection) -> dict[str, int]:
            ids = [(mid,) for (mid,) in conn.execute("SELECT id FROM mailings WHERE round = ?", (slug,))]
            sends = sum(conn.execute("DELETE FROM sends WHERE mailing = ?", mid).rowcount for mid in ids)
            mailings = conn.execute("DELETE FROM mailings WHERE round = ?", (slug,)).rowcount
            recipients = conn.execute("DELETE FROM recipients WHERE round = ?", (slug,)).rowcount
            codes = conn.execute("DELETE FROM codes WHERE round = ?", (slug,)).rowcount
            return {"recipients": recipients, "codes": codes, "mailings": mailings, "sends": sends}

        return self.store.write(delete)
