"""A round's theme summaries from the stored keyword lemmas: aggregate reads, no answer text.

The figures are exactly those of summary.ThemeCollector reading every answer (tests/analysis/
test_lemma_store.py compares them): per question the released answers, per theme each lemma's
document frequency (answers using it), per tag its count and shortest example.

Two layers of derived data (store/lemmas.py), both counted only when made with the current
stamp (analysis.keywords.lemma_stamp: simplemma's version and dictionaries, the stop words,
the keyword rules, the round's open questions):
- answer_lemmas: each released answer's distinct lemmas (analysis.keywords.lemma_text),
  written by the first report that lacks them;
- lemma_totals: their sums per question and lemma for the round, recorded with the released
  responses per batch; a release or a removed response makes them stale, and they are
  summed again from answer_lemmas.
When nothing can be written (a read-only or busy file) or the rows do not cover every
released response, `stored_themes` returns None and the caller counts from the text.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

from survey_tui.errors import SurveyError
from survey_tui.sanitize import clean_text

_KEPT = (SurveyError, sqlite3.Error)  # a file that cannot keep derived data: figures from text
TOTALS_FORMAT = "t1"  # what lemma_totals rows hold (answers, lemmas, ranking orders); bump on change


def _sum_rows(store, slug: str, stamp: str, open_ids: list[str]):
    """(answers per question, lemma Counter per question, responses covered) from answer_lemmas."""
    from survey_tui.analysis.keywords import SEP

    wanted = set(open_ids)
    answered: Counter[str] = Counter()
    words: dict[str, Counter[str]] = defaultdict(Counter)
    complete = 0
    for qid, rows, joined in store.lemma_counts(slug, stamp):
        if not qid:  # the marker rows: one per response whose rows are all stored
            complete += rows
        elif qid in wanted:
            answered[qid] += rows
            if joined:
                words[qid].update(joined.split(SEP))
    return answered, words, complete


def _totals(store, slug: str, stamp: str, open_ids: list[str], n: int, signature: str, ranked: bool):
    """The round's (question id, lemma, answers) rows, summed again when stale; None: use text.

    Question id '' holds the ranking orders (items joined by SEP) and how many gave each."""
    totals = store.lemma_totals(slug, f"{stamp}/{TOTALS_FORMAT}", signature)
    if totals is not None:
        return totals
    from survey_tui.analysis.keywords import SEP, lemma_text

    answered, words, complete = _sum_rows(store, slug, stamp, open_ids)
    if complete != n:
        try:
            store.fill_answer_lemmas(slug, open_ids, stamp, lemma_text)
        except _KEPT:
            return None
        answered, words, complete = _sum_rows(store, slug, stamp, open_ids)
        if complete != n:
            return None
    totals = [(qid, "", count) for qid, count in answered.items()]
    if ranked:  # the ranking orders, which otherwise cost a grouped read of every placement
        totals += [("", SEP.join(order), count) for order, count in store.ranking_counts(slug)]
    for qid, counter in words.items():
        counter.pop("", None)  # answers without any keyword
        totals += [(qid, lemma, count) for lemma, count in counter.items()]
    try:
        store.save_lemma_totals(slug, f"{stamp}/{TOTALS_FORMAT}", signature, totals)
    except _KEPT:
        pass  # counted all the same; the next report sums again
    return totals


def stored_themes(store, rnd, n: int, lang: str, codes) -> tuple[tuple, list] | None:
    """(ThemeCollector.summaries(n), ranking order counts as Store.ranking_counts gives them)
    from the stored lemma data, or None (count from text)."""
    from survey_tui.analysis.keywords import lemma_stamp
    from survey_tui.summary import ThemeCollector

    slug, q = rnd.slug, rnd.questionnaire
    collector = ThemeCollector(q, lang, codes)
    signature = store.release_signature(slug)
    if sum(int(part.partition(":")[2]) for part in signature.split()) != n:
        return None  # released meanwhile: the caller reads the text of this one state
    open_ids = collector.open_ids
    ranked = q.ranking is not None
    totals = _totals(store, slug, lemma_stamp(open_ids), open_ids, n, signature, ranked)
    if totals is None:
        return None
    from survey_tui.analysis.keywords import SEP

    theme_of, answered, words = collector.theme_of, collector.answered, collector.words
    orders = []
    per_question: dict[str, dict[str, int]] = defaultdict(dict)
    for qid, lemma, count in totals:
        per_question[qid][lemma] = count
    for qid, counts in per_question.items():
        if not qid:
            orders = [(tuple(order.split(SEP)), count) for order, count in counts.items()]
            continue
        tid = theme_of.get(qid)
        if tid is None:
            continue
        answered[qid] += counts.pop("", 0)
        words[tid].update(counts)  # Counter adds a mapping's counts in C
    closed = [qid for qid in theme_of if qid not in set(open_ids)]
    answered.update(store.answer_counts(slug, closed))
    if collector.labels:
        for rid, qid, text in store.tagged_answers(slug):
            if text.strip():
                collector.example(rid, qid, text if text.isprintable() else clean_text(text))
    return collector.summaries(n), orders if ranked else []
