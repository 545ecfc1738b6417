"""Free-text summaries per theme: answer counts, the answers, keywords, coordinator codes.

Input is plain data: responses as Store.scan_responses yields them and coordinator codes
as Store.answer_codes returns them. Responses are read once, so a generator works; the
answers themselves are kept (a summary shows them), everything else is counted.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from survey_tui.analysis.keywords import lemmas, rank_counts
from survey_tui.sanitize import clean_text


@dataclass(frozen=True)
class QuestionSummary:
    id: str
    answered: int
    blank: int  # responses that left the question empty (missing, None or only whitespace)
    answers: tuple[str, ...]  # sanitised with clean_text, shuffled

    def to_dict(self, include_answers: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "answered": self.answered, "blank": self.blank}
        if include_answers:
            out["answers"] = list(self.answers)
        return out


@dataclass(frozen=True)
class CodeCount:
    label: str
    count: int  # answers of the theme carrying this code
    example: str  # one answer with the code, sanitised (the shortest; "" if its text is gone)


@dataclass(frozen=True)
class ThemeSummary:
    id: str
    title: str
    questions: tuple[QuestionSummary, ...]
    keywords: tuple[tuple[str, int], ...]
    codes: tuple[CodeCount, ...]  # most used first, then by label

    def to_dict(self, include_answers: bool = False) -> dict[str, Any]:
        """The JSON shape; answers (and one example per code) only with include_answers."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "questions": [q.to_dict(include_answers) for q in self.questions],
            "keywords": [[w, c] for w, c in self.keywords],
            "codes": [[c.label, c.count] for c in self.codes],
        }
        if include_answers:
            out["code_examples"] = {c.label: c.example for c in self.codes}
        return out

    @property
    def answers_total(self) -> int:
        """Non-empty answers over all questions of the theme (the base of keyword shares)."""
        return sum(q.answered for q in self.questions)


def _is_blank(text: Any) -> bool:
    return not isinstance(text, str) or not text.strip()


def theme_summaries(
    questionnaire,
    responses: Iterable[dict],
    coded: Iterable[dict],
    lang: str,
    rng: random.Random | None = None,
    *,
    top: int = 10,
    min_count: int = 2,
    keywords: bool = True,
) -> tuple[ThemeSummary, ...]:
    """One summary per theme of `questionnaire`, in questionnaire order.

    Keywords are counted per theme over all its questions, once per answer, each answer
    lemmatised in its response's own language (`lang` when a response has none). `lang`
    also picks the theme titles. Codes on questions the questionnaire does not have are
    ignored; code labels are sanitised like answers. keywords=False leaves them out (the
    caller has them from the stored lemma rows, summary_keywords.py).
    """
    rng = rng or random.Random()
    theme_of = {q.id: t.id for t, q in questionnaire.questions()}
    free_text = {q.id for _, q in questionnaire.questions() if q.is_open and keywords}  # long/short only

    # Codes are few; the example texts they need are picked up during the one pass below.
    code_rows = [
        (str(c["response_id"]), str(c["question_id"]), clean_text(str(c["label"])))
        for c in coded
        if c.get("question_id") in theme_of and clean_text(str(c["label"])).strip()
    ]
    wanted = {(rid, qid) for rid, qid, _ in code_rows}
    coded_text: dict[tuple[str, str], str] = {}

    answered: Counter[str] = Counter()
    texts: dict[str, list[str]] = {q.id: [] for _, q in questionnaire.questions()}
    words: dict[str, Counter[str]] = {t.id: Counter() for t in questionnaire.themes}
    total = 0
    for response in responses:
        total += 1
        answers = response.get("answers") or {}
        answer_lang = response.get("language") or lang
        rid = str(response.get("id", ""))
        for qid, tid in theme_of.items():
            text = answers.get(qid)
            if _is_blank(text):
                continue
            answered[qid] += 1
            clean = clean_text(text)
            texts[qid].append(clean)
            if qid in free_text:
                words[tid].update(lemmas(clean, answer_lang))
            if (rid, qid) in wanted:
                coded_text[(rid, qid)] = clean

    code_counts: dict[str, Counter[str]] = {t.id: Counter() for t in questionnaire.themes}
    examples: dict[tuple[str, str], str] = {}
    for rid, qid, label in code_rows:
        tid = theme_of[qid]
        code_counts[tid][label] += 1
        text = coded_text.get((rid, qid), "")
        key = (tid, label)
        # the shortest example keeps a report readable and the choice reproducible
        if text and (key not in examples or (len(text), text) < (len(examples[key]), examples[key])):
            examples[key] = text
        examples.setdefault(key, "")

    out = []
    for theme in questionnaire.themes:
        questions = []
        for question in theme.questions:
            shuffled = texts[question.id]
            rng.shuffle(shuffled)
            questions.append(
                QuestionSummary(
                    id=question.id,
                    answered=answered[question.id],
                    blank=total - answered[question.id],
                    answers=tuple(shuffled),
                )
            )
        codes = sorted(code_counts[theme.id].items(), key=lambda lc: (-lc[1], lc[0]))
        out.append(
            ThemeSummary(
                id=theme.id,
                title=questionnaire.text(theme.title, lang),
                questions=tuple(questions),
                keywords=tuple(rank_counts(words[theme.id], top, min_count)),
                codes=tuple(CodeCount(label, count, examples[(theme.id, label)]) for label, count in codes),
            )
        )
    return tuple(out)
