"""What a round's database holds, released or not: for tests that check what a submit stored.

Results (Store.scan_responses and friends) show only released responses of a round that no
longer takes answers; a test of the respondent side needs to see what it just submitted.
"""

from __future__ import annotations


def stored_responses(store, slug: str) -> list[dict]:
    conn = store.conn
    recs = {
        rid: {"id": rid, "language": lang, "answers": {}, "ranking": []}
        for rid, lang in conn.execute("SELECT id, language FROM responses WHERE round = ?", (slug,))
    }
    for rid, qid, text in conn.execute(
        "SELECT a.response_id, a.question_id, a.text FROM answers a JOIN responses r ON r.id = a.response_id"
        " WHERE r.round = ?", (slug,)
    ):
        recs[rid]["answers"][qid] = text
    placed: dict[str, list[tuple[int, str]]] = {}
    for rid, item, pos in conn.execute(
        "SELECT k.response_id, k.item_id, k.position FROM rankings k JOIN responses r ON r.id = k.response_id"
        " WHERE r.round = ?", (slug,)
    ):
        placed.setdefault(rid, []).append((pos, item))
    for rid, pairs in placed.items():
        recs[rid]["ranking"] = [item for _, item in sorted(pairs)]
    return list(recs.values())


def close_and_release(store, slug: str) -> None:
    """Close the round and release its responses, as `round close` and the first report do."""
    store.set_state(slug, "closed")
    store.release(slug)
