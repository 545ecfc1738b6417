"""Derived keyword data: the distinct keyword lemmas of each released answer, and their counts.

`answer_lemmas` (migration 0004_answer_lemmas) holds, per released response, one row per
answer to an open question (question id, the answer's distinct lemmas joined by SEP) and one
marker row (question id '') saying "all of this response's rows are here". Every row carries
in `made_with` the stamp of what made it (analysis.keywords.lemma_stamp: simplemma's version and dictionary
files, the stop-word lists, the keyword rules, the round's open question ids); rows with
another stamp are never counted, and the next fill replaces them. A response's rows are
written in one transaction, so a current marker means its rows are complete.

The rows are written lazily, by the first report that needs them, for released responses
only, in random order, and are re-laid with their response like every per-response table
(store/layout.py TABLES; ON DELETE CASCADE to responses). docs/anonymity.md "Derived keyword
data" says why this shows nothing beyond the release batches the file already records.

The lemmas themselves are computed by the caller's function: the store holds no analysis.
Stored ids never leave this module.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterator, Sequence

from survey_tui.store import layout
from survey_tui.store.releases import RELEASED

SEP = "\x1f"  # between the lemmas of one answer (cleaned text holds no control character)
MARKER = ""  # question id of the row saying a response's rows are complete
_FILL_CHUNK = 1000  # responses written per transaction (their rows are held until then)


def _ranges() -> list[tuple[str | None, str | None]]:
    """256 ranges of the id space by the first two hex digits (ids are random hex), so each
    read is a short statement: a long one would hold the lock submits need."""
    bounds = [f"{i:02x}" for i in range(1, 256)]
    return list(zip([None, *bounds], [*bounds, None]))


def _span(low: str | None, high: str | None) -> tuple[str, tuple[str, ...]]:
    where, args = "", ()
    if low is not None:
        where, args = " AND r.id >= ?", (low,)
    if high is not None:
        where, args = where + " AND r.id < ?", args + (high,)
    return where, args


class Lemmas:
    """Store's derived keyword rows: fill them, count them."""

    def lemma_counts(self, slug: str, stamp: str) -> Iterator[tuple[str, int, str]]:
        """(question id, rows, their lemmas joined by SEP) per question and id range, from the
        current-stamp rows of released responses. Question id MARKER counts complete responses.

        The joining and grouping happen in SQL; a caller splits each string once.
        """
        for low, high in _ranges():
            where, args = _span(low, high)
            yield from self._read(
                "SELECT l.question_id, count(*), group_concat(l.lemmas, char(31)) FROM responses r"
                f" JOIN answer_lemmas l ON l.response_id = r.id WHERE {RELEASED}{where} AND l.made_with = ?"
                " GROUP BY l.question_id",
                (slug, *args, stamp),
            )

    def fill_answer_lemmas(
        self,
        slug: str,
        question_ids: Sequence[str],
        stamp: str,
        lemmas_of: Callable[[str, str], str | None],
    ) -> int:
        """Write the rows of released responses that have no current marker; how many responses.

        `lemmas_of(text, language)` gives an answer's lemmas joined by SEP (None: not storable;
        that response then gets no rows and is counted from its text every time). Raises what
        Store.write raises (read-only, busy): the caller then counts from the text.
        """
        wanted = list(dict.fromkeys(question_ids))
        if not wanted:
            return 0
        marks = ",".join("?" * len(wanted))
        pending: list[tuple[str, list[tuple]]] = []  # (stored id, its rows)
        written = 0
        for low, high in _ranges():
            where, args = _span(low, high)
            heads = self._read(
                f"SELECT r.id, r.language FROM responses r WHERE {RELEASED}{where} AND NOT EXISTS"
                " (SELECT 1 FROM answer_lemmas l WHERE l.response_id = r.id AND l.question_id = ? AND l.made_with = ?)",
                (slug, *args, MARKER, stamp),
            )
            if not heads:
                continue
            language = dict(heads)
            rows: dict[str, list[tuple]] = {rid: [(rid, MARKER, stamp, "")] for rid in language}
            for rid, qid, text in self._read(
                "SELECT a.response_id, a.question_id, a.text FROM responses r JOIN answers a ON a.response_id = r.id"
                f" WHERE {RELEASED}{where} AND a.question_id IN ({marks})",
                (slug, *args, *wanted),
            ):
                own = rows.get(rid)
                if own is None or not text.strip():
                    continue
                lemmas = lemmas_of(text, language[rid])
                if lemmas is None:
                    rows[rid] = None  # type: ignore[assignment]
                    continue
                own.append((rid, qid, stamp, lemmas))
            pending += [(rid, own) for rid, own in rows.items() if own is not None]
            if len(pending) >= _FILL_CHUNK:
                written += self._write_lemmas(pending)
                pending = []
        if pending:
            written += self._write_lemmas(pending)
        return written

    def _write_lemmas(self, pending: list[tuple[str, list[tuple]]]) -> int:
        """Replace these responses' rows, in random order, skipping responses gone meanwhile."""

        def write(conn: sqlite3.Connection) -> int:
            ids = [rid for rid, _ in pending]
            present: set[str] = set()
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                marks = ",".join("?" * len(part))
                present.update(r for (r,) in conn.execute(f"SELECT id FROM responses WHERE id IN ({marks})", part))
                conn.execute(f"DELETE FROM answer_lemmas WHERE response_id IN ({marks})", part)
            batch = [row for rid, own in pending if rid in present for row in own]
            layout.shuffle(batch)
            conn.executemany(
                "INSERT INTO answer_lemmas (response_id, question_id, made_with, lemmas) VALUES (?,?,?,?)", batch)
            return len(present)

        return self.write(write)

    def answer_counts(self, slug: str, question_ids: Sequence[str]) -> dict[str, int]:
        """How many released responses answered each of these questions."""
        wanted = list(dict.fromkeys(question_ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self._read(
            "SELECT a.question_id, count(*) FROM responses r JOIN answers a ON a.response_id = r.id"
            f" WHERE {RELEASED} AND a.question_id IN ({marks}) GROUP BY a.question_id",
            (slug, *wanted),
        )
        return dict(rows)

    def tagged_answers(self, slug: str) -> list[tuple[str, str, str]]:
        """(pseudonym, question id, text) of every released answer that carries a tag."""
        rows = self._read(
            "SELECT DISTINCT a.response_id, a.question_id, a.text FROM answer_codes c JOIN answers a"
            " ON a.response_id = c.response_id AND a.question_id = c.question_id"
            f" JOIN responses r ON r.id = a.response_id WHERE {RELEASED}",
            (slug,),
        )
        name = self._pseudonyms(slug)
        return [(name(rid), qid, text) for rid, qid, text in rows]

    # ------------------------------------------------------------ totals per round

    def release_signature(self, slug: str) -> str:
        """The released responses per batch ("1:120 2:35"): a release adds a batch and a
        removed response lowers its batch's count, so totals recorded with another signature
        no longer describe the round."""
        rows = self._read(
            "SELECT batch, count(*) FROM responses WHERE round = ? AND batch IS NOT NULL GROUP BY batch ORDER BY batch",
            (slug,),
        )
        return " ".join(f"{batch}:{count}" for batch, count in rows)

    def lemma_totals(self, slug: str, stamp: str, signature: str) -> list[tuple[str, str, int]] | None:
        """(question id, lemma, answers) summed over the round, if recorded with this stamp and
        signature (else None). Lemma '' holds a question's number of answers; question id '' the
        ranking orders (summary_keywords)."""
        head = self._read("SELECT made_with, batches FROM lemma_rounds WHERE round = ?", (slug,))
        if not head or tuple(head[0]) != (stamp, signature):
            return None
        return self._read("SELECT question_id, lemma, answers FROM lemma_totals WHERE round = ?", (slug,))

    def save_lemma_totals(self, slug: str, stamp: str, signature: str, rows: list[tuple[str, str, int]]) -> bool:
        """Record totals counted from the round as it was at `signature`; False (nothing kept)
        when the round has changed since (raises what Store.write raises)."""

        def write(conn: sqlite3.Connection) -> bool:
            now = " ".join(f"{b}:{c}" for b, c in conn.execute(
                "SELECT batch, count(*) FROM responses WHERE round = ? AND batch IS NOT NULL GROUP BY batch"
                " ORDER BY batch", (slug,)))
            if now != signature:
                return False
            conn.execute("DELETE FROM lemma_totals WHERE round = ?", (slug,))
            conn.execute("DELETE FROM lemma_rounds WHERE round = ?", (slug,))
            conn.executemany("INSERT INTO lemma_totals (round, question_id, lemma, answers) VALUES (?,?,?,?)",
                             [(slug, qid, lemma, count) for qid, lemma, count in rows])
            conn.execute("INSERT INTO lemma_rounds (round, made_with, batches) VALUES (?,?,?)", (slug, stamp, signature))
            return True

        return self.write(write)
