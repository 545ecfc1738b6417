"""Tags: the coordinator's short labels on answers (content analysis), CLI and dashboard.

"Tag" is the one word for this idea; access codes let people answer and resume codes
reopen a draft. Tagging is a results view, so every call passes the sealing rule:
nothing can be tagged (or listed) while the round takes answers or below its minimum
group. Answers are named by a handle, the first characters of their pseudonym and
the question id (e.g. 3f9a12bc:q3), stable within a release whatever order they are shown in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.questionnaire import free_text_ids
from survey_tui.services.sealing import require_min_group

HANDLE_CHARS = 8


def clean_label(label: str) -> str:
    return " ".join(str(label).split())


def handle_length(response_ids: list[str]) -> int:
    """8 characters, more only if two responses of the round would share a handle."""
    length = HANDLE_CHARS
    while length < 32 and len({rid[:length] for rid in response_ids}) < len(set(response_ids)):
        length += 4
    return length


def resolve_handle(store, slug: str, handle: str) -> tuple[str, str]:
    """(response pseudonym, question id) of a handle of this round's answers."""
    prefix, sep, qid = handle.strip().partition(":")
    prefix = prefix.lower()
    if not sep or len(prefix) < 4 or not qid:
        raise InvalidInput(message("svc_tag_not_a_handle", handle=repr(handle[:80]), name=slug))
    matches = {row["response_id"] for row in store.answers(slug, qid) if row["response_id"].startswith(prefix)}
    if not matches:
        raise NotFound(message("svc_tag_no_answer", handle=repr(handle[:80]), slug=repr(slug), name=slug))
    if len(matches) > 1:
        raise InvalidInput(message("svc_tag_handle_ambiguous", handle=repr(handle[:80]), n=len(matches)))
    return matches.pop(), qid


@dataclass(frozen=True)
class TaggedAnswers:
    rows: list  # {"response_id", "question_id", "text"}, in the release's one order
    tags: dict  # (response id, question id) -> [label, ...]
    handle_chars: int

    def handle(self, row) -> str:
        return f"{row['response_id'][:self.handle_chars]}:{row['question_id']}"


def answers(store, slug: str, question_id: str | None = None, today=None) -> TaggedAnswers:
    """The answers (of one question, or all) with their tags."""
    with store.snapshot():
        rnd, _n = require_min_group(store, slug, today)
        free = free_text_ids(rnd.questionnaire)  # closed values are counted, not tagged
        if question_id is not None and rnd.questionnaire.question(question_id) is None and question_id not in free:
            raise NotFound(message("svc_tag_no_question", question=repr(question_id[:40]), slug=repr(slug)))
        rows = [row for row in store.answers(slug, question_id) if row["question_id"] in free]
        tags: dict[tuple[str, str], list[str]] = {}
        for c in store.answer_codes(slug):
            tags.setdefault((c["response_id"], c["question_id"]), []).append(c["label"])
        every = store.answers(slug) if question_id else rows
    return TaggedAnswers(rows, tags, handle_length([r["response_id"] for r in every]))


def tag_handle(store, slug: str, handle: str, label: str) -> tuple[str, str, str]:
    """Put `label` on the answer named by `handle` (the CLI's way); (pseudonym, question id,
    stored label). The sealing rule is checked once, before the handle is looked up."""
    require_min_group(store, slug)
    rid, qid = resolve_handle(store, slug, handle)
    label = clean_label(label)
    store.add_answer_code(slug, rid, qid, label)
    return rid, qid, label


def untag_handle(store, slug: str, handle: str, label: str) -> tuple[str, str, bool]:
    """Take `label` off the answer named by `handle`; (pseudonym, question id, whether it was there)."""
    require_min_group(store, slug)
    rid, qid = resolve_handle(store, slug, handle)
    return rid, qid, store.remove_answer_code(slug, rid, qid, clean_label(label))


def tag(store, slug: str, response_id: str, question_id: str, label: str, today=None) -> str:
    """Put `label` on one answer; returns the label as stored (spaces collapsed)."""
    require_min_group(store, slug, today)
    label = clean_label(label)
    store.add_answer_code(slug, response_id, question_id, label)
    return label


def untag(store, slug: str, response_id: str, question_id: str, label: str, today=None) -> bool:
    """Take `label` off one answer; False when the answer did not carry it."""
    require_min_group(store, slug, today)
    return store.remove_answer_code(slug, response_id, question_id, clean_label(label))


def counts(store, slug: str, question_id: str | None = None) -> Counter:
    """How many answers carry each tag (of one question, or the whole round)."""
    return Counter(c["label"] for c in store.answer_codes(slug)
                   if question_id is None or c["question_id"] == question_id)
