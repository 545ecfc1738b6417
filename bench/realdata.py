"""Realistic benchmark rounds: the shipped questionnaire answered with real Finnish word forms.

Shape (issue 13): all 8 questions of kela-sosiaalitoimi, each answered ~60 % of the time,
5-40 words an answer (~230 characters), a full ranking. Words are real Finnish
word forms: the inflected forms simplemma's Finnish dictionary lists (its keys), a
vocabulary of a few thousand forms drawn with Zipf-like weights, mixed with the common
function words of the shipped stop-word list, so keyword analysis meets what real answers
hold (many inflections of many lemmas, many stop words, punctuation). The round is created
closed and filled, then released by one untimed report (which also stores the answers'
keyword lemmas, survey_tui/store/lemmas.py).

Two untimed builders give the same file layout: `build_db` goes through
Store.import_responses (every batch re-lays the whole round: ~15 min for 100,000), and
`build_db_bulk` writes the same rows with plain SQL through store/layout.py's `put_back`
(each table's rows inserted in a random order, ids random, batch NULL and `imported` counted
as an import leaves them) in chunks, without re-laying the rows already written: the
benchmarks use it (1,000,000 responses in a few minutes). The order of the generated
records is itself random, so neither builder's layout says anything about it.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROUND = "r1"
QUESTIONS = ["q1a", "q1b", "q1c", "q2a", "q2b", "q3", "q4", "q5"]
RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
VOCABULARY = 6000


@lru_cache(maxsize=1)
def finnish_forms() -> tuple[list[str], list[str]]:
    """(content word forms, stop words): real forms from simplemma's Finnish dictionary."""
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed

    from survey_tui.analysis.keywords import stop_words

    data = _read_decompressed("fi")
    rev, _count, pos = frontcode._read_header(data)
    rng = random.Random(13)
    forms = []
    for i, (_, key, _value) in enumerate(frontcode._iter_records(data, pos)):
        if i % 97:
            continue
        word = (key[::-1] if rev else key).decode()
        if 4 <= len(word) <= 14 and word.isalpha() and word.islower():
            forms.append(word)
    rng.shuffle(forms)
    return forms[:VOCABULARY], sorted(stop_words("fi"))


def answer(rng: random.Random, forms: list[str], cum_weights: list[float], stops: list[str]) -> str:
    k = rng.randint(5, 40)
    content = iter(rng.choices(forms, cum_weights=cum_weights, k=k))
    words = [rng.choice(stops) if rng.random() < 0.3 else next(content) for _ in range(k)]
    text = " ".join(words)
    if rng.random() < 0.5:
        text = text[0].upper() + text[1:] + "."
    if rng.random() < 0.2:
        text = text.replace(" ", ", ", 1)
    return text


def records(n: int, seed: int = 1):
    forms, stops = finnish_forms()
    cum_weights = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(forms))))
    rng = random.Random(seed)
    for _ in range(n):
        r = RANKING[:]
        rng.shuffle(r)
        answers = {q: answer(rng, forms, cum_weights, stops) for q in QUESTIONS if rng.random() < 0.6}
        yield {"language": "fi" if rng.random() < 0.85 else "en", "answers": answers, "ranking": r}


def build_db(path: Path, n: int) -> None:
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    with Store(path) as s:
        s.create_round(ROUND, load_shipped("kela-sosiaalitoimi"), state="closed")
        batch = []
        for rec in records(n):
            batch.append(rec)
            if len(batch) == 20_000:
                s.import_responses(ROUND, batch)
                batch = []
        if batch:
            s.import_responses(ROUND, batch)
    # the first report releases the imported responses (a write): untimed
    subprocess.run([sys.executable, "-m", "survey_tui", "--db", str(path), "report", ROUND, "--format", "json"],
                   check=True, capture_output=True)


def build_db_bulk(path: Path, n: int, chunk: int = 20_000) -> None:
    """The same round as build_db, written with bulk SQL inserts (untimed; see the module doc)."""
    import sqlite3

    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store, layout, random_id

    with Store(path) as s:
        s.create_round(ROUND, load_shipped("kela-sosiaalitoimi"), state="closed")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = OFF")  # untimed building; the file ends in rollback-journal mode
    gen = records(n)
    done = 0
    while done < n:
        rows: dict[str, list[tuple]] = {"responses": [], "answers": [], "rankings": []}
        for rec in itertools.islice(gen, chunk):
            rid = random_id()
            rows["responses"].append((rid, ROUND, rec["language"], None))
            rows["answers"] += [(rid, qid, text) for qid, text in rec["answers"].items()]
            rows["rankings"] += [(rid, item, pos) for pos, item in enumerate(rec["ranking"], 1)]
        conn.execute("BEGIN")
        layout.put_back(conn, rows)
        conn.execute("COMMIT")
        done += len(rows["responses"])
    conn.execute("UPDATE rounds SET imported = imported + ? WHERE slug = ?", (n, ROUND))
    conn.close()
    subprocess.run([sys.executable, "-m", "survey_tui", "--db", str(path), "report", ROUND, "--format", "json"],
                   check=True, capture_output=True)


if __name__ == "__main__":
    import json

    for rec in records(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(json.dumps(rec, ensure_ascii=False))
