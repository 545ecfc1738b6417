"""Coding answers (content analysis): reduced expressions and codes per coder, counts, quotes.

Every call that reads or writes answers passes the sealing rule first (services/sealing.py:
nothing while the round takes answers or below its minimum group). Answers are named by
the handles of services/tags.py (pseudonym prefix and question id); stored ids never leave
the store. A coder is a short name the coordinator chooses ("A", "B"): a second coder
codes the same answers blind to the first (`answers` shows one coder's work only), and
services/coding_agreement.py reports how well they agree.

Anonymity (docs/anonymity.md): a count below the round's minimum group is never shown
(`Count.shown` says "fewer than N"), and an answer is quoted only when the coordinator
marked it quotable and it belongs to a group of at least the minimum group (`quotes`).
The codebook rules are services/codebook.py's; practices services/practices.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey_tui.errors import InvalidInput, message
from survey_tui.services import codebook as books
from survey_tui.services.sealing import require_min_group
from survey_tui.services.tags import handle_length, resolve_handle

DEFAULT_CODER = "A"
_CODER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,19}")
MAX_REDUCTION = 500


def clean_coder(coder: str | None) -> str:
    coder = (coder or DEFAULT_CODER).strip()
    if not _CODER.fullmatch(coder):
        raise InvalidInput(message("cod_bad_coder", coder=repr(coder[:40])))
    return coder


@dataclass(frozen=True)
class Count:
    """A count that may be shown only from the minimum group up."""

    n: int
    min_group: int

    @property
    def visible(self) -> int | None:
        return self.n if self.n >= self.min_group else None

    def shown(self, lang: str | None = None) -> str:
        """The count, or "fewer than N" in `lang` (the coordinator's language by default)."""
        from survey_tui.i18n import coordinator_lang, text

        if self.visible is not None:
            return str(self.n)
        return text("errors", lang or coordinator_lang(), "cod_fewer_than", minimum=self.min_group)

    def to_json(self) -> int | str:
        return self.visible if self.visible is not None else f"<{self.min_group}"


@dataclass(frozen=True)
class CodedAnswer:
    handle: str
    response_id: str  # pseudonym of the current release
    question_id: str
    text: str
    reduction: str
    codes: tuple[str, ...]  # code names, of the coder asked for
    quotable: bool


@dataclass(frozen=True)
class CodingView:
    slug: str
    coder: str
    book: books.Codebook
    answers: tuple[CodedAnswer, ...]


def coded_questions(questionnaire, slug: str, question_id: str | None = None) -> set[str]:
    """The ids whose answers are free text (open questions, and the "other" text of a choice
    question, stored as <id>_other): all of them, or `question_id` checked to be one."""
    from survey_tui.errors import NotFound

    ids = {q.id for _t, q in questionnaire.questions() if q.is_open}
    ids |= {f"{q.id}_other" for _t, q in questionnaire.questions() if getattr(q, "other", False)}
    if question_id is None:
        return ids
    if question_id not in ids:
        if questionnaire.question(question_id) is None:
            raise NotFound(message("svc_tag_no_question", question=repr(question_id[:40]), slug=repr(slug)))
        raise InvalidInput(message("cod_not_open", question=repr(question_id[:40])))
    return {question_id}


def _handles(store, slug: str) -> tuple[list[dict], int]:
    every = store.answers(slug)
    return every, handle_length([r["response_id"] for r in every])


def answers(store, slug: str, question_id: str | None = None, coder: str | None = None, today=None) -> CodingView:
    """The answers (of one question, or all) with one coder's reduced expression and codes."""
    coder = clean_coder(coder)
    rnd, _n = require_min_group(store, slug, today)
    open_ids = coded_questions(rnd.questionnaire, slug, question_id)
    book = books.load(store, slug)
    names = {c.id: c.name for c in book.codes}
    every, chars = _handles(store, slug)
    codes: dict[tuple[str, str], list[str]] = {}
    for a in store.coding_assignments(slug):
        if a["coder"] == coder:
            codes.setdefault((a["response_id"], a["question_id"]), []).append(names[a["code_id"]])
    reduced = {(r["response_id"], r["question_id"]): r["text"] for r in store.coding_reductions(slug)
               if r["coder"] == coder}
    quotable = store.coding_quotable(slug)
    rows = [CodedAnswer(f"{r['response_id'][:chars]}:{r['question_id']}", r["response_id"], r["question_id"],
                        r["text"], reduced.get((r["response_id"], r["question_id"]), ""),
                        tuple(sorted(codes.get((r["response_id"], r["question_id"]), []))),
                        (r["response_id"], r["question_id"]) in quotable)
            for r in every if r["question_id"] in open_ids]
    return CodingView(slug, coder, book, tuple(rows))


def _answer(store, slug: str, handle: str) -> tuple[str, str]:
    require_min_group(store, slug)
    return resolve_handle(store, slug, handle)


def assign(store, slug: str, handle: str, code: str, coder: str | None = None) -> bool:
    """Put `code` on the answer `handle` for `coder`; False when it was there already."""
    coder = clean_coder(coder)
    rid, qid = _answer(store, slug, handle)
    return store.assign_code(slug, rid, qid, coder, books.load(store, slug).code(code).id)


def unassign(store, slug: str, handle: str, code: str, coder: str | None = None) -> bool:
    coder = clean_coder(coder)
    rid, qid = _answer(store, slug, handle)
    return store.unassign_code(slug, rid, qid, coder, books.load(store, slug).code(code).id)


def reduce(store, slug: str, handle: str, text: str, coder: str | None = None) -> str:
    """The coder's reduced expression (pelkistetty ilmaus) of an answer; "" removes it."""
    from survey_tui.sanitize import one_line

    coder = clean_coder(coder)
    text = one_line(str(text))
    if len(text) > MAX_REDUCTION:
        raise InvalidInput(message("cod_reduction_length", limit=MAX_REDUCTION))
    rid, qid = _answer(store, slug, handle)
    store.set_reduction(slug, rid, qid, coder, text)
    return text


def mark_quotable(store, slug: str, handle: str, quotable: bool = True) -> None:
    rid, qid = _answer(store, slug, handle)
    store.set_quotable(slug, rid, qid, quotable)


def split_code(store, slug: str, code: str, new: str, handles: list[str], category: str | None = None) -> books.Code:
    """A new code `new` (in `category`, else the code's own) taking the assignments of `code`
    on the answers listed, every coder's; the other assignments stay on `code`."""
    require_min_group(store, slug)
    book = books.load(store, slug)
    old = book.code(code)
    new = books.clean_name(new)
    cat = book.category(category) if category else book.by_id(old.category_id)
    if not handles:
        raise InvalidInput(message("cod_split_nothing"))
    carrying = {(a["response_id"], a["question_id"]) for a in store.coding_assignments(slug) if a["code_id"] == old.id}
    moved = []
    for handle in handles:
        answer = resolve_handle(store, slug, handle)
        if answer not in carrying:
            raise InvalidInput(message("cod_split_not_carrying", handle=repr(handle[:80]), name=repr(old.name)))
        moved.append(answer)
    books._free(book, new, "code")
    return books.Code(store.split_code(slug, old.id, new, cat.id, moved), cat.id, new, "")


# --------------------------------------------------------------------------- counts and quotes


def answers_carrying(store, slug: str, book: books.Codebook, coder: str | None) -> dict[int, set[tuple[str, str]]]:
    """Category id -> the answers (pseudonym, question id) carrying a code in it or below it."""
    by_code: dict[int, set[tuple[str, str]]] = {}
    for a in store.coding_assignments(slug):
        if coder is None or a["coder"] == coder:
            by_code.setdefault(a["code_id"], set()).add((a["response_id"], a["question_id"]))
    out = {}
    for cat in book.categories:
        found: set[tuple[str, str]] = set()
        for code_id in book.code_ids_within(cat.id):
            found |= by_code.get(code_id, set())
        out[cat.id] = found
    return out


def category_counts(store, slug: str, coder: str | None = None, today=None) -> dict[str, Count]:
    """Category name -> how many answers carry it (a code of it or of a sub-category), by
    `coder` or, with None, by any coder. Passes the sealing rule."""
    rnd, _n = require_min_group(store, slug, today)
    book = books.load(store, slug)
    carrying = answers_carrying(store, slug, book, clean_coder(coder) if coder else None)
    return {cat.name: Count(len(carrying[cat.id]), rnd.min_group) for cat in book.categories}


@dataclass(frozen=True)
class Quote:
    text: str
    question_id: str
    category: str | None


def quotes(store, slug: str, category: str | None = None, question_id: str | None = None,
           coder: str | None = None, today=None) -> list[Quote]:
    """Answers that may be quoted: marked quotable by the coordinator AND in a group of at
    least the minimum group: the answers carrying `category` (when given; that count must
    reach the minimum group), else the answers to their question. Each in the release's one
    order. The report and the poster take example answers from here only."""
    rnd, _n = require_min_group(store, slug, today)
    book = books.load(store, slug)
    marked = store.coding_quotable(slug)
    rows = [r for r in store.answers(slug) if (r["response_id"], r["question_id"]) in marked
            and (question_id is None or r["question_id"] == question_id)]
    if category is not None:
        cat = book.category(category)
        group = answers_carrying(store, slug, book, clean_coder(coder) if coder else None)[cat.id]
        if len(group) < rnd.min_group:
            return []
        return [Quote(r["text"], r["question_id"], cat.name) for r in rows
                if (r["response_id"], r["question_id"]) in group]
    per_question: dict[str, int] = {}
    for r in store.answers(slug):
        per_question[r["question_id"]] = per_question.get(r["question_id"], 0) + 1
    return [Quote(r["text"], r["question_id"], None) for r in rows
            if per_question[r["question_id"]] >= rnd.min_group]


def practices(store, slug: str, lang: str | None = None, today=None):
    """Practices grouped by theme, for the poster and the report (services/practices.py).

    Returns a list of `practices.PracticeTheme` in questionnaire order, only themes with a
    practice or a narrative:
      PracticeTheme(theme_id: str, title: str (in `lang`, default the questionnaire's first),
                    narrative: str, practices: tuple[Practice, ...])
      Practice(id: int, text: str, categories: tuple[LinkedCategory, ...], answers: Count)
      LinkedCategory(id: int, name: str, path: str ("Parent / Child"), count: Count)
      Count(n, min_group): .visible is n or None below the minimum group, .shown(lang) the
      text to print ("12" or "fewer than 5"), .to_json() n or "<5".
    Each has to_json(). Passes the sealing rule (BelowMinimumGroup / ResultsSealed).
    """
    from survey_tui.services.practices import grouped

    return grouped(store, slug, lang, today)


@dataclass(frozen=True)
class Overview:
    """The codebook with its counts, or the reason the counts are not shown (sealed, or below
    the minimum group): the codebook itself shows no answer and is always shown."""

    book: books.Codebook
    counts: dict | None  # category name -> Count
    reason: str | None
    themes: tuple  # (theme id, title) in questionnaire order

    def to_json(self) -> dict:
        b = self.book
        return {
            "round": b.slug,
            "counts_shown": self.counts is not None,
            "themes": [{"id": tid, "title": title, "narrative": b.narratives.get(tid, "")} for tid, title in self.themes],
            "categories": [{"id": c.id, "name": c.name, "theme": c.theme_id,
                            "parent": b.by_id(c.parent_id).name if c.parent_id else None, "memo": c.memo,
                            "count": self.counts[c.name].to_json() if self.counts else None} for c in b.categories],
            "codes": [{"id": c.id, "name": c.name, "category": b.by_id(c.category_id).name, "memo": c.memo}
                      for c in b.codes],
        }


def overview(store, slug: str, lang: str | None = None) -> Overview:
    from survey_tui.services.sealing import results_or_reason
    from survey_tui.summary import resolve_lang

    rnd = store.get_round(slug)
    book = books.load(store, slug)
    _rel, reason = results_or_reason(store, slug)
    counts = category_counts(store, slug) if reason is None else None
    q = rnd.questionnaire
    lang = resolve_lang(q, lang)
    return Overview(book, counts, reason, tuple((t.id, q.text(t.title, lang)) for t in q.themes))
