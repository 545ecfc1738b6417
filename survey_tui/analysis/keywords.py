"""Frequent keywords of free-text answers, after lemmatisation and without stop words.

A keyword's count is the number of answers that use it (document frequency): an answer
that says "koulutus" three times counts once, so one talkative respondent cannot make a
word look common. Finnish and English are lemmatised with simplemma (imported lazily: its
dictionaries take a moment to load and the respondent flow never needs them); any other
language is only lowercased. A response's language is the interface language its
respondent chose, and people in Finland often write Finnish under an English interface:
so a word is looked up in its response's language first and then in the other one, and
the stop words of both apply.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Iterable

LEMMATISED = ("fi", "en")
MIN_LENGTH = 3
# A word: letters/digits, possibly joined by inner hyphens or apostrophes ("teams-kanava",
# "it's"). Punctuation around it is not part of it ("esim." -> "esim").
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# token -> keyword lemma, or None when the token is not a keyword; per language. Answers
# repeat a small vocabulary, so after warm-up a token costs one dict lookup.
_RESOLVED: dict[str, dict[str, str | None]] = {}
_RESOLVED_MAX = 500_000
# lowercased whitespace-separated chunk -> its keyword(s), per language; see lemmas()
_CHUNKS: dict[str, dict[str, str | frozenset[str] | None]] = {}
_MULTI: dict[str, set[frozenset[str]]] = {}
_MISSING = object()


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """The shipped stop-word list of a language (empty for languages without one)."""
    try:
        text = resources.files(__package__).joinpath(f"stopwords_{lang}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError, ValueError):
        return frozenset()
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=None)
def _languages(lang: str) -> tuple[str, ...]:
    """Lookup order for an answer given in lang: its own, then the other lemmatised ones."""
    if lang not in LEMMATISED:
        return (lang,)
    return (lang, *(other for other in LEMMATISED if other != lang))


@lru_cache(maxsize=None)
def _stops(lang: str) -> frozenset[str]:
    return frozenset().union(*(stop_words(code) for code in _languages(lang)))


def _resolve(token: str, lang: str) -> str | None:
    stops = _stops(lang)
    if len(token) < MIN_LENGTH or token in stops or not _HAS_LETTER.search(token):
        return None
    lemma = token
    if lang in LEMMATISED:
        from survey_tui.analysis.lemmatizer import lemmatize  # noqa: PLC0415 - lazy: dictionaries load slowly

        lemma = lemmatize(token, _languages(lang)).lower()
    if len(lemma) < MIN_LENGTH or lemma in stops or not _HAS_LETTER.search(lemma):
        return None
    return lemma


def lemmas(text: str, lang: str) -> set[str]:
    """The distinct keyword lemmas of one answer (stop words, short words, numbers dropped)."""
    if not text:
        return set()
    table = _CHUNKS.get(lang)
    if table is None or len(table) > _RESOLVED_MAX:
        table = _CHUNKS[lang] = {}
        _MULTI[lang] = set()
    # A token never contains whitespace, so the tokens of an answer are the tokens of its
    # whitespace-separated chunks; str.split is much faster than the token regex, and a
    # chunk seen before ("kela", "kela.", "esim.") costs one dict lookup.
    # set(map(...)) keeps the per-answer loop in C; each distinct chunk is resolved (and
    # each distinct token lemmatised) once per process, see _resolve_chunk.
    chunks = text.lower().split()
    try:
        out = set(map(table.__getitem__, chunks))
    except KeyError:  # a chunk not seen before: resolve the new ones, then look up again
        for chunk in chunks:
            if chunk not in table:
                table[chunk] = _resolve_chunk(chunk, lang)
        out = set(map(table.__getitem__, chunks))
    multi = _MULTI[lang]
    if multi and not multi.isdisjoint(out):  # chunks like "kela/sosiaalitoimi" stand for several lemmas
        for several in multi.intersection(out):
            out.discard(several)
            out.update(several)
    out.discard(None)
    return out  # type: ignore[return-value]


def _resolve_chunk(chunk: str, lang: str) -> str | frozenset[str] | None:
    """A chunk's keyword: None, one lemma, or a frozenset of several (remembered in _MULTI)."""
    table = _RESOLVED.get(lang)
    if table is None or len(table) > _RESOLVED_MAX:
        table = _RESOLVED[lang] = {}
    found = set()
    for token in _TOKEN.findall(chunk):
        lemma = table.get(token, _MISSING)
        if lemma is _MISSING:
            lemma = table[token] = _resolve(token, lang)
        if lemma is not None:
            found.add(lemma)
    if not found:
        return None
    if len(found) == 1:
        return found.pop()
    several = frozenset(found)
    _MULTI[lang].add(several)
    return several


# What the keyword lemmas of an answer depend on besides simplemma and the stop words: bump
# when lemmas() or _resolve() change what they return, so stored lemma rows are rebuilt.
RULES_VERSION = 1
SEP = "\x1f"  # store/lemmas.py's separator: cleaned text holds no control character


def lemma_stamp(open_question_ids: Iterable[str]) -> str:
    """What stored lemma rows were made with: simplemma's version and dictionary files, the
    stop-word lists, these rules and the round's open questions. Any change gives another
    stamp, so rows made otherwise are never counted (store/lemmas.py rebuilds them)."""
    import hashlib
    import json

    from survey_tui.analysis.lemmatizer import dictionary_stamp  # noqa: PLC0415 - reads no dictionary

    parts = {
        "rules": [RULES_VERSION, MIN_LENGTH, _TOKEN.pattern, _HAS_LETTER.pattern, list(LEMMATISED)],
        "dictionaries": dictionary_stamp(LEMMATISED),
        "stop_words": {lang: sorted(stop_words(lang)) for lang in LEMMATISED},
        "questions": sorted(open_question_ids),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def lemma_text(text: str, lang: str) -> str | None:
    """An answer's distinct keyword lemmas as stored (sorted, joined by SEP), cleaned first
    exactly as the report cleans it; None if a lemma holds SEP (then it is not stored)."""
    from survey_tui.sanitize import clean_text  # noqa: PLC0415

    clean = text if text.isprintable() else clean_text(text)
    found = sorted(lemmas(clean, lang))
    joined = SEP.join(found)
    if joined.count(SEP) != max(len(found) - 1, 0):
        return None
    return joined


def count_keywords(
    texts: Iterable[tuple[str, str]], top: int | None = 10, min_count: int = 2
) -> list[tuple[str, int]]:
    """Keywords of (text, language) pairs, each answer lemmatised in its own language."""
    counts: Counter[str] = Counter()
    for text, lang in texts:
        counts.update(lemmas(text, lang))
    return rank_counts(counts, top, min_count)


def rank_counts(counts: Counter[str], top: int | None, min_count: int) -> list[tuple[str, int]]:
    """Counts at least min_count, most frequent first, ties alphabetically; the first `top`."""
    floor = min_count
    if top is not None and top > 0 and len(counts) > top:
        # only counts at least the top-th largest can be among the first `top` (ties included)
        import heapq  # noqa: PLC0415

        floor = max(floor, heapq.nlargest(top, counts.values())[-1])
    ranked = sorted(((w, c) for w, c in counts.items() if c >= floor), key=lambda wc: (-wc[1], wc[0]))
    return ranked if top is None or top <= 0 else ranked[:top]


def keywords(texts: Iterable[str], lang: str, top: int = 10, min_count: int = 2) -> list[tuple[str, int]]:
    """The `top` most frequent keyword lemmas with the number of answers using each.

    Sorted by count (highest first), then alphabetically; words in fewer than `min_count`
    answers are left out. `top` <= 0 (or None) returns all.
    """
    return count_keywords(((text, lang) for text in texts), top, min_count)


def keyword_shift(
    old: list[tuple[str, int]], new: list[tuple[str, int]], n_old: int, n_new: int
) -> dict[str, list[list]]:
    """How two keyword lists differ between rounds.

    appeared: in `new` but not in `old` ([word, new count]); faded: in `old` but not in
    `new` ([word, old count]); common: in both ([word, old share, new share]), a share
    being count / n of its round (None when that n is 0). Each list follows the order of
    its source list (count, then word). The lists are usually top-N lists, so "appeared"
    means "not among the old round's top keywords", not "never used before".
    """
    old_counts = dict(old)
    new_counts = dict(new)

    def share(count: int, n: int) -> float | None:
        return count / n if n > 0 else None

    return {
        "appeared": [[w, c] for w, c in new if w not in old_counts],
        "faded": [[w, c] for w, c in old if w not in new_counts],
        "common": [[w, share(old_counts[w], n_old), share(c, n_new)] for w, c in new if w in old_counts],
    }
