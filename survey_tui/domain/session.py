"""One respondent's answers in progress, and the draft format that saves and restores them.

No interface and no SQL here: the Textual app (tui/respondent) and the plain mode
(plain.py) use the same session and draft format; the store they are given keeps the
draft (Store.save_draft / load_draft, sealed under the resume code). A draft holds only
what the respondent typed, their ranking, language and page: never the one-time code
(that would link a code, which may carry a label, to the answers), never a time.

Draft format, version 1 (a JSON object)::

    {"v": 1, "answers": {question id: value}, "ranking": [item id, ...],
     "ranking_confirmed": bool, "language": "fi", "page": "theme:0", "seed": "..."}

Answer values are those of questionnaire/answers.py: text for long/short questions, an
option id, a list of ids, a scale point or "dont_know", a number; an `other` text under
"<question id>_other". `seed` fixes the order of shuffled options and ranking items for
this respondent (also across a resume); it lives in the draft only, never in a response.

A stored draft is trusted in nothing: restoring keeps only answers to questions the
questionnaire has, that fit them (text cut to their length, ids of their options, points
of their scale...), a ranking that is a full order of its items, a language it has and a
page that exists; anything that is not a mapping is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from survey_tui.domain import closed_input
from survey_tui.errors import SurveyError
from survey_tui.questionnaire import conditions
from survey_tui.questionnaire.answers import OTHER_SUFFIX, is_empty, other_key

if TYPE_CHECKING:
    from survey_tui.questionnaire import Questionnaire

DRAFT_VERSION = 1


def theme_page(index: int) -> str:
    return f"theme:{index}"


def session_language(questionnaire: Questionnaire, requested: str | None) -> str:
    """The language asked for when the questionnaire has it, else one from the locale."""
    from survey_tui.i18n import guess_lang

    return requested if requested in questionnaire.languages else guess_lang(questionnaire.languages)


@dataclass
class Session:
    """One respondent's answers in progress (see the module docstring for its draft)."""

    questionnaire: Questionnaire
    slug: str
    token: str
    lang: str
    answers: dict[str, Any] = field(default_factory=dict)
    ranking: list[str] = field(default_factory=list)
    ranking_confirmed: bool = False
    page: str = "welcome"
    code: str | None = None
    started: bool = False
    submitted: bool = False
    # secrets.token_hex(8) is this same os.urandom call; secrets would load hmac and
    # OpenSSL before the first page is painted.
    seed: str = field(default_factory=lambda: os.urandom(8).hex())

    def __post_init__(self) -> None:
        if not self.ranking and self.questionnaire.ranking is not None:
            self.ranking = closed_input.ranking_order(self.questionnaire.ranking, self.seed)

    @classmethod
    def begin(cls, questionnaire: Questionnaire, slug: str, token: str, lang: str | None = None) -> Session:
        """A new session under resume code `token`, in `lang` if the questionnaire has it."""
        return cls(questionnaire, slug, token, session_language(questionnaire, lang))

    # ------------------------------------------------------------ pages

    def pages(self) -> list[str]:
        """The answering pages in order (welcome and code entry come before these): the
        themes shown for the answers so far (conditions.py), the ranking, the review."""
        shown = set(conditions.visible_themes(self.questionnaire, self.answers))
        out = [theme_page(i) for i, theme in enumerate(self.questionnaire.themes) if theme.id in shown]
        if self.questionnaire.ranking is not None:
            out.append("ranking")
        out.append("review")
        return out

    def next_page(self, page: str) -> str:
        pages = self.pages()
        return pages[min(pages.index(page) + 1, len(pages) - 1)] if page in pages else pages[0]

    def previous_page(self, page: str) -> str | None:
        pages = self.pages()
        if page not in pages or pages.index(page) == 0:
            return None
        return pages[pages.index(page) - 1]

    def shown_themes(self) -> list[int]:
        """Indexes of the themes shown, in order (their pages)."""
        return [int(p.split(":", 1)[1]) for p in self.pages() if p.startswith("theme:")]

    def shown_questions(self) -> set[str]:
        return set(conditions.visible(self.questionnaire, self.answers))

    def option_order(self, question) -> list:
        """The options of a single/multiple question in this respondent's order."""
        return closed_input.option_order(question, self.seed)

    # ------------------------------------------------------------ checks

    def _questions(self, theme_index: int | None):
        themes = self.questionnaire.themes
        picked = themes if theme_index is None else (themes[theme_index],)
        shown = self.shown_questions()
        return [q for theme in picked for q in theme.questions if q.id in shown]

    def missing_required(self, theme_index: int | None = None) -> list[str]:
        """Required questions shown and not answered (a hidden one needs no answer)."""
        return [
            q.id
            for q in self._questions(theme_index)
            if q.required and not closed_input.answered(q, self.answers)
        ]

    def answer_problems(self, theme_index: int | None = None) -> dict[str, tuple[str, dict]]:
        """Shown questions whose answer cannot be accepted as it is (too many or too few
        choices, a number out of bounds): question id -> (ui key, fields)."""
        out = {}
        for q in self._questions(theme_index):
            problem = closed_input.problem(q, self.answers)
            if problem is not None:
                out[q.id] = problem
        return out

    def ranking_missing(self) -> bool:
        r = self.questionnaire.ranking
        return r is not None and r.require_all and not self.ranking_confirmed

    def submit_ranking(self) -> list[str] | None:
        if self.questionnaire.ranking is None:
            return None
        return list(self.ranking) if self.ranking_confirmed else []

    def submit_answers(self) -> dict[str, Any]:
        """What submit stores: the answers to the questions shown (conditions.keep_shown);
        a hidden question's answer, left from before its condition changed, is dropped."""
        return conditions.keep_shown(self.questionnaire, self.answers)

    def has_content(self) -> bool:
        return self.started or any(not is_empty(value) for value in self.answers.values())

    # ------------------------------------------------------------ ranking moves

    def move(self, index: int, to: int) -> int:
        """Move the item at `index` to position `to` (0-based, clamped); returns where it went."""
        if not self.ranking:
            return index
        to = max(0, min(to, len(self.ranking) - 1))
        item = self.ranking.pop(index)
        self.ranking.insert(to, item)
        self.ranking_confirmed = True
        return to

    # ------------------------------------------------------------ drafts

    def to_draft(self) -> dict[str, Any]:
        return {
            "v": DRAFT_VERSION,
            "answers": {k: v for k, v in self.answers.items() if not is_empty(v)},
            "ranking": list(self.ranking),
            "ranking_confirmed": self.ranking_confirmed,
            "language": self.lang,
            "page": self.page,
            "seed": self.seed,
        }

    def restore(self, data: Any) -> bool:
        """Take a stored draft, trusting nothing in it (it came from the database).

        False, and the session unchanged, when the draft is not a mapping at all."""
        if not isinstance(data, Mapping):
            return False
        q = self.questionnaire
        seed = data.get("seed")
        if isinstance(seed, str) and 0 < len(seed) <= 64:
            self.seed = seed
            if q.ranking is not None:
                self.ranking = closed_input.ranking_order(q.ranking, seed)
        answers = data.get("answers")
        if isinstance(answers, Mapping):
            for qid, value in answers.items():
                if not isinstance(qid, str):
                    continue
                question = q.question(qid)
                if question is not None:
                    value = closed_input.restore_value(question, value)
                elif qid.endswith(OTHER_SUFFIX):
                    question = q.question(qid[: -len(OTHER_SUFFIX)])
                    if question is None or not question.other or other_key(question.id) != qid:
                        continue
                    value = value[: closed_input.other_limit(question)] if isinstance(value, str) else None
                if question is not None and value is not None:
                    self.answers[qid] = value
        ranking = data.get("ranking")
        if q.ranking is not None and isinstance(ranking, list):
            valid = [item.id for item in q.ranking.items]
            if sorted(x for x in ranking if isinstance(x, str)) == sorted(valid) and len(ranking) == len(valid):
                self.ranking = list(ranking)
                self.ranking_confirmed = bool(data.get("ranking_confirmed"))
        language = data.get("language")
        if language in q.languages:
            self.lang = language
        page = data.get("page")
        if page in self.pages():
            self.page = page
        else:
            self.page = self.pages()[0]
        self.started = True
        return True


# ---------------------------------------------------------------- keeping drafts in a store


def save(store, session: Session) -> bool:
    """Save the draft; False (never an exception) when the database refuses."""
    if session.submitted:
        return True
    return save_data(store, session.slug, session.token, session.to_draft())


def save_data(store, slug: str, token: str, data: dict[str, Any]) -> bool:
    """One short write transaction: nothing is held open while the person types."""
    try:
        store.save_draft(slug, token, data)
    except SurveyError:
        return False
    except Exception:  # noqa: BLE001 - a draft is best effort; the answers stay on screen
        return False
    return True


def load(store, session: Session, token: str) -> bool:
    """Restore the draft saved under `token` into the session; False if there is none
    (or what is stored there is not a draft)."""
    try:
        data = store.load_draft(session.slug, token)
    except SurveyError:
        return False
    if data is None or not session.restore(data):
        return False
    # Keep saving under the code the respondent already knows.
    session.token = resume_code(token)
    return True


def resume_code(typed: str) -> str:
    """A resume code as shown: letters and digits upper-cased (the store's normalize_code
    rule; tests/test_session.py checks they agree), in groups of four when it has twelve."""
    raw = "".join(ch for ch in str(typed).upper() if ch.isalnum())
    if len(raw) == 12:
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return raw


def submit_error(lang: str, exc: Exception, token: str) -> tuple[str, str]:
    """A submit failure as (message for the respondent, kind), in their language."""
    from survey_tui.errors import CodeRejected, ResponseInvalid, RoundNotOpen, StoreBusy, StoreUnavailable
    from survey_tui.i18n import code_error, t

    if isinstance(exc, RoundNotOpen):
        # Not str(exc): the store's reason is English and written for the coordinator.
        return t(lang, "err_round_closed", token=token), "RoundNotOpen"
    if isinstance(exc, StoreBusy):
        return t(lang, "err_busy"), "StoreBusy"
    if isinstance(exc, StoreUnavailable):
        return t(lang, "err_unavailable"), "StoreUnavailable"
    if isinstance(exc, CodeRejected):
        # A code used in another session will not work if typed again: only another code
        # (or the coordinator) helps. A mistyped or unknown code can be typed again.
        key = "err_used_code_at_submit" if getattr(exc, "reason", "") == "used" else "err_code_at_submit"
        return t(lang, key, detail=code_error(lang, exc)), "CodeRejected"
    if isinstance(exc, ResponseInvalid):
        return t(lang, "err_invalid", detail="; ".join(exc.problems)), "ResponseInvalid"
    return t(lang, "err_other", detail=str(exc)[:200]), "Exception"
