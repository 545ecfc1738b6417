"""Releases and reads of released responses: only pseudonyms of the release leave the store."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import TYPE_CHECKING, Any, Iterator

from survey_tui.store.values import random_id

if TYPE_CHECKING:
    from survey_tui.domain.release import Release

# Responses that results may show: released in a batch (see Store.release).
RELEASED = "r.round = ? AND r.batch IS NOT NULL"


def _placed_order(placed: str) -> tuple[str, ...]:
    """Item ids in position order from group_concat's "position<US>item<RS>..." (any order)."""
    pairs = sorted((int(pos), item) for pos, _, item in (p.partition("\x1f") for p in placed.split("\x1e")))
    return tuple(item for _, item in pairs)


class Releases:
    """Store's releases, and the reads that show released responses only."""

    def release(self, slug: str, today: dt.date | None = None) -> Release:
        """Release the held-back responses as one batch when that is safe, and say where things stand.

        Nothing is released while the round takes answers, nor fewer than the minimum group
        at a time: two outputs can then never differ by fewer than the minimum group.
        """
        rnd = self.get_round(slug)
        accepting = rnd.accepting(today)

        def update(conn: sqlite3.Connection) -> None:
            held = conn.execute(
                "SELECT count(*) FROM responses WHERE round = ? AND batch IS NULL", (slug,)
            ).fetchone()[0]
            if accepting or held < rnd.min_group:
                return
            (batch,) = conn.execute("SELECT releases + 1 FROM rounds WHERE slug = ?", (slug,)).fetchone()
            conn.execute("UPDATE responses SET batch = ? WHERE round = ? AND batch IS NULL", (batch, slug))
            conn.execute(
                "UPDATE rounds SET releases = ?, release_key = ? WHERE slug = ?", (batch, random_id(), slug)
            )

        self.write(update)
        return self.release_state(slug, today)

    def release_state(self, slug: str, today: dt.date | None = None) -> Release:
        """How many responses are released, held back and imported (counts only, no writing)."""
        rnd = self.get_round(slug)
        released, held = self._read(
            "SELECT count(batch), count(*) - count(batch) FROM responses WHERE round = ?", (slug,)
        )[0]
        releases, imported = self._read("SELECT releases, imported FROM rounds WHERE slug = ?", (slug,))[0]
        # Here, not at the top: the respondent's start-up opens the store but releases nothing.
        from survey_tui.domain.release import Release
        from survey_tui.store.layout import pseudonym

        return Release(
            slug=slug, accepting=rnd.accepting(today), released=released, held=held,
            releases=releases, imported=imported, min_group=rnd.min_group,
            seed=int(pseudonym(self._key(slug), "order"), 16),
        )

    def _key(self, slug: str) -> str:
        rows = self._read("SELECT release_key FROM rounds WHERE slug = ?", (slug,))
        return rows[0][0] if rows and rows[0][0] else "00" * 16

    def _pseudonyms(self, slug: str):
        from survey_tui.store.layout import pseudonym

        key = self._key(slug)
        return lambda stored: pseudonym(key, stored)  # no cache: an export's memory stays flat

    def _stored_id(self, slug: str, handle: str) -> str | None:
        """The stored id behind a pseudonym of the current release (None if no such answer)."""
        name = self._pseudonyms(slug)
        for (rid,) in self._read("SELECT id FROM responses WHERE round = ? AND batch IS NOT NULL", (slug,)):
            if name(rid) == handle:
                return rid
        return None

    def rankings(self, slug: str) -> list[list[str]]:
        """Each response's ranking (most important first), in random order."""
        ranks: dict[str, list[tuple[int, str]]] = {}
        for rid, item, pos in self._read(
            "SELECT k.response_id, k.item_id, k.position FROM rankings k JOIN responses r ON r.id = k.response_id"
            f" WHERE {RELEASED}",
            (slug,),
        ):
            ranks.setdefault(rid, []).append((pos, item))
        ids = [row[0] for row in self._read(f"SELECT r.id FROM responses r WHERE {RELEASED}", (slug,))]
        random.shuffle(ids)
        return [[item for _, item in sorted(ranks.get(rid, []))] for rid in ids]

    def answers(self, slug: str, question_id: str | None = None) -> list[dict[str, Any]]:
        """Released answers of a round: response_id (a pseudonym), question_id, text; random order."""
        sql = (
            "SELECT a.response_id, a.question_id, a.text FROM answers a JOIN responses r ON r.id = a.response_id"
            f" WHERE {RELEASED}"
        )
        params: list[Any] = [slug]
        if question_id is not None:
            sql += " AND a.question_id = ?"
            params.append(question_id)
        name = self._pseudonyms(slug)
        rows = [{"response_id": name(r), "question_id": q, "text": t} for r, q, t in self._read(sql, params)]
        rows.sort(key=lambda row: (row["response_id"], row["question_id"]))  # one order per release
        return rows

    def language_counts(self, slug: str) -> dict[str, int]:
        """How many released responses were given in each language."""
        rows = self._read(f"SELECT r.language, count(*) FROM responses r WHERE {RELEASED} GROUP BY r.language", (slug,))
        return dict(rows)

    def ranking_counts(self, slug: str) -> list[tuple[tuple[str, ...], int]]:
        """Each distinct non-empty ranking of a round (most important first) with how many gave it.

        Aggregated in SQL, so no per-response data reaches Python: ranking statistics need
        only these counts. Order of the list is not meaningful.
        """
        # Each response's placements are concatenated as "position<US>item" in whatever order
        # SQLite reads them and put in order in Python, so equal rankings read in a different
        # order are merged below instead of relying on group_concat's order.
        rows = self._read(
            "SELECT placed, count(*) FROM (SELECT group_concat(k.position || char(31) || k.item_id, char(30)) AS placed"
            f" FROM responses r JOIN rankings k ON k.response_id = r.id WHERE {RELEASED} GROUP BY r.id)"
            " GROUP BY placed",
            (slug,),
        )
        counts: dict[tuple[str, ...], int] = {}
        for placed, count in rows:
            order = _placed_order(placed)
            counts[order] = counts.get(order, 0) + count
        return list(counts.items())

    def scan_responses(self, slug: str, *, batch: int = 2000, rankings: bool = True) -> Iterator[dict[str, Any]]:
        """Every response of a round as {"id", "language", "answers", "ranking"}.

        Reads ranges of response ids in index order (several times faster on a large round
        than looking each id up). The order is unrelated to submission order (ids are
        random) and differs between calls (a random starting id, then each batch shuffled).
        Memory is bounded by the batch. Call inside `snapshot()` for a consistent view.
        rankings=False skips reading the rankings (every "ranking" is then empty).
        """
        name = self._pseudonyms(slug)
        # The same order on every read of one release, so two exports diff cleanly; unrelated
        # to arrival (ids are random) and to the order of the release before.
        pivot = name("pivot").ljust(32, "0")
        orders: dict[str, tuple[str, ...]] = {}  # rankings repeat: decode each distinct one once
        for low, high in ((pivot, None), ("", pivot)):
            while True:
                where = f"{RELEASED} AND r.id > ?" + (" AND r.id <= ?" if high is not None else "")
                args = (slug, low) + ((high,) if high is not None else ())
                heads = self._read(f"SELECT r.id, r.language FROM responses r WHERE {where} ORDER BY r.id LIMIT {int(batch)}", args)
                if not heads:
                    break
                first, last = heads[0][0], heads[-1][0]
                span = f"{RELEASED} AND r.id BETWEEN ? AND ?"
                recs = {rid: {"id": rid, "language": lang, "answers": {}, "ranking": []} for rid, lang in heads}
                for rid, qid, text in self._read(
                    f"SELECT a.response_id, a.question_id, a.text FROM responses r JOIN answers a ON a.response_id = r.id WHERE {span}",
                    (slug, first, last),
                ):
                    recs[rid]["answers"][qid] = text
                placements = self._read(
                    "SELECT r.id, group_concat(k.position || char(31) || k.item_id, char(30)) FROM responses r"
                    f" JOIN rankings k ON k.response_id = r.id WHERE {span} GROUP BY r.id",
                    (slug, first, last),
                ) if rankings else []
                for rid, placed in placements:
                    order = orders.get(placed)
                    if order is None:
                        order = orders[placed] = _placed_order(placed)
                    recs[rid]["ranking"] = list(order)
                out = list(recs.values())
                for rec in out:
                    rec["id"] = name(rec["id"])
                out.sort(key=lambda rec: rec["id"])
                yield from out
                if len(heads) < batch:
                    break
                low = last
