"""Comparison of two rounds (a survey and its follow-up), matched by item and question ids.

Only items and questions present in both rounds are compared; everything else is listed
as unmatched and named in a warning, as are differing questionnaire ids or versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from survey_tui.analysis.keywords import keyword_shift
from survey_tui.analysis.ranking import RankingStats, kendall_tau
from survey_tui.analysis.themes import ThemeSummary

_TEXT = {
    "id": {
        "fi": "Kyselylomakkeet eroavat: {old} (vanha) ja {new} (uusi); vain samat tunnisteet verrataan.",
        "en": "The questionnaires differ: {old} (old) and {new} (new); only matching ids are compared.",
    },
    "version": {
        "fi": "Kyselylomakkeen {qid} versiot eroavat: {old} (vanha) ja {new} (uusi).",
        "en": "Questionnaire {qid} versions differ: {old} (old) and {new} (new).",
    },
    "items_old": {
        "fi": "Järjestettäviä kohtia vain vanhalla kierroksella: {ids}",
        "en": "Ranked items only in the old round: {ids}",
    },
    "items_new": {
        "fi": "Järjestettäviä kohtia vain uudella kierroksella: {ids}",
        "en": "Ranked items only in the new round: {ids}",
    },
    "questions_old": {
        "fi": "Kysymyksiä vain vanhalla kierroksella: {ids}",
        "en": "Questions only in the old round: {ids}",
    },
    "questions_new": {
        "fi": "Kysymyksiä vain uudella kierroksella: {ids}",
        "en": "Questions only in the new round: {ids}",
    },
}


def _say(key: str, lang: str, **values: Any) -> str:
    texts = _TEXT[key]
    return (texts.get(lang) or texts["en"]).format(**values)


@dataclass(frozen=True)
class Comparison:
    old_n: int
    new_n: int
    items: tuple[dict, ...]  # per matched item: id, title, first_choice_share_*, mean_rank_* (old/new/change)
    tau: float | None  # Kendall's tau between the two consensus orders (matched items)
    unmatched_items: tuple[str, ...]  # ranked items in only one round: old-only first, then new-only
    unmatched_questions: tuple[str, ...]  # questions in only one round: old-only first, then new-only
    same_questionnaire: bool  # same id, same version, nothing unmatched
    warnings: tuple[str, ...]
    keywords: dict  # theme id -> keyword_shift(...) for themes in both rounds

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_n": self.old_n,
            "new_n": self.new_n,
            "items": [dict(item) for item in self.items],
            "tau": self.tau,
            "unmatched_items": list(self.unmatched_items),
            "unmatched_questions": list(self.unmatched_questions),
            "same_questionnaire": self.same_questionnaire,
            "warnings": list(self.warnings),
            "keywords": {tid: {k: [list(row) for row in v] for k, v in shift.items()} for tid, shift in self.keywords.items()},
        }


def _item_titles(q, lang: str) -> dict[str, str]:
    if q.ranking is not None:
        return {item.id: q.text(item.title, lang) for item in q.ranking.items}
    return {t.id: q.text(t.title, lang) for t in q.themes}


def _question_ids(q) -> list[str]:
    return [question.id for _, question in q.questions()]


def _responses(stats: RankingStats | None, themes: Sequence[ThemeSummary]) -> int:
    """Responses of a round: answered + blank of any question (every response counts there),
    or the ranking n when that is larger (no free-text questions, or summaries of nothing)."""
    from_text = next((q.answered + q.blank for t in themes for q in t.questions), 0)
    return max(from_text, stats.n if stats is not None else 0)


def _change(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else new - old


def compare_rounds(
    old_q,
    old_stats: RankingStats | None,
    old_themes: Sequence[ThemeSummary],
    new_q,
    new_stats: RankingStats | None,
    new_themes: Sequence[ThemeSummary],
    lang: str,
) -> Comparison:
    """Changes from the old round to the new one; `lang` picks titles and warning texts.

    old_n/new_n are the numbers of responses (answered + blank of a question in the theme
    summaries, or the ranking n if larger). Change = new - old. Keyword shares are the share of
    the theme's answers that use the word.
    """
    old_themes, new_themes = tuple(old_themes), tuple(new_themes)
    warnings: list[str] = []
    if old_q.id != new_q.id:
        warnings.append(_say("id", lang, old=old_q.id, new=new_q.id))
    elif old_q.version != new_q.version:
        warnings.append(_say("version", lang, qid=new_q.id, old=old_q.version, new=new_q.version))

    old_items = {it.id: it for it in (old_stats.items if old_stats is not None else ())}
    new_items = {it.id: it for it in (new_stats.items if new_stats is not None else ())}
    titles = {**_item_titles(old_q, lang), **_item_titles(new_q, lang)}
    items = []
    for item_id, new in new_items.items():
        old = old_items.get(item_id)
        if old is None:
            continue
        items.append(
            {
                "id": item_id,
                "title": titles.get(item_id, item_id),
                "first_choice_share_old": old.first_choice_share,
                "first_choice_share_new": new.first_choice_share,
                "first_choice_share_change": new.first_choice_share - old.first_choice_share,
                "mean_rank_old": old.mean_rank,
                "mean_rank_new": new.mean_rank,
                "mean_rank_change": _change(old.mean_rank, new.mean_rank),
            }
        )
    # Items are matched only when both rounds have ranking figures: a round without them
    # (no ranking question, or too few rankers) has nothing to be "missing" from.
    both = old_stats is not None and new_stats is not None
    items_old_only = [i for i in old_items if i not in new_items] if both else []
    items_new_only = [i for i in new_items if i not in old_items] if both else []
    if items_old_only:
        warnings.append(_say("items_old", lang, ids=", ".join(items_old_only)))
    if items_new_only:
        warnings.append(_say("items_new", lang, ids=", ".join(items_new_only)))

    old_qids, new_qids = _question_ids(old_q), _question_ids(new_q)
    questions_old_only = [i for i in old_qids if i not in set(new_qids)]
    questions_new_only = [i for i in new_qids if i not in set(old_qids)]
    if questions_old_only:
        warnings.append(_say("questions_old", lang, ids=", ".join(questions_old_only)))
    if questions_new_only:
        warnings.append(_say("questions_new", lang, ids=", ".join(questions_new_only)))

    tau = None
    if old_stats is not None and new_stats is not None:
        tau = kendall_tau(old_stats.consensus, new_stats.consensus)

    old_by_id = {t.id: t for t in old_themes}
    shifts = {
        t.id: keyword_shift(
            list(old_by_id[t.id].keywords), list(t.keywords), old_by_id[t.id].answers_total, t.answers_total
        )
        for t in new_themes
        if t.id in old_by_id
    }

    unmatched_items = tuple(items_old_only + items_new_only)
    unmatched_questions = tuple(questions_old_only + questions_new_only)
    return Comparison(
        old_n=_responses(old_stats, old_themes),
        new_n=_responses(new_stats, new_themes),
        items=tuple(items),
        tau=tau,
        unmatched_items=unmatched_items,
        unmatched_questions=unmatched_questions,
        same_questionnaire=old_q.id == new_q.id
        and old_q.version == new_q.version
        and not unmatched_items
        and not unmatched_questions,
        warnings=tuple(warnings),
        keywords=shifts,
    )
