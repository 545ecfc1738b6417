"""Validation: the model built from parsed data (a file's YAML, or JSON stored with a
round), every problem reported with its field path. Each question by its kind:
validation_kinds.py; `show_if` conditions: validation_conditions.py; the shared problem
collector and limits: validation_checker.py.

Language codes are any 2-3 lowercase letters (a questionnaire may be in a language the
interface has no strings for; i18n falls back to English for those).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from survey_tui.errors import message
from survey_tui.questionnaire import validation_conditions, validation_kinds
# KINDS, the limits and QuestionnaireError are imported from here by callers (noqa: F401).
from survey_tui.questionnaire.model import KINDS, Questionnaire, RankItem, Ranking, Theme  # noqa: F401
from survey_tui.questionnaire.validation_checker import (  # noqa: F401
    DEFAULT_MAX,
    ID_RE,
    LANG_RE,
    LIMITS,
    QuestionnaireError,
    _Checker,
    _join,
    _kind,
)

# What questionnaires/README.md calls required, beyond what any questionnaire needs to be
# built: a file must have these (complete=True); a questionnaire built in code or stored by
# an earlier version may leave them out (they default to "1", empty texts, "ranking", themes).
FILE_REQUIRED = {"version", "intro", "consent", "closing"}
FILE_REQUIRED_RANKING = {"id", "items"}


def from_dict(data: Any, source: str = "<data>", *, strict: bool = True, complete: bool = False) -> Questionnaire:
    """Build and validate; raises QuestionnaireError listing every problem found.

    Every text is kept cleaned for the terminal (sanitize.clean_text). strict (files):
    control characters are a problem, with the field path; not strict (questionnaires
    stored by earlier versions): they are only cleaned away. complete (files): every field
    questionnaires/README.md calls required must be there (FILE_REQUIRED).
    """
    c = _Checker(strict)
    c.complete = complete
    top = c.mapping(
        data,
        "",
        {"id", "version", "languages", "title", "intro", "consent", "closing", "themes", "ranking"},
        {"id", "languages", "title", "themes"} | (FILE_REQUIRED if complete else set()),
    )
    if top is None:
        raise QuestionnaireError(source, c.problems)
    qid = c.ident(top.get("id"), "id") if "id" in top else None
    version = top.get("version", "1")
    if isinstance(version, bool) or not isinstance(version, (str, int, float)):
        c.add("version", message("q_version_type", kind=_kind(version)))
        version = "1"
    version = c.displayable(str(version), "version")
    if len(version) > 40:
        c.add("version", message("q_longer_than", limit=40))

    langs = top.get("languages")
    if "languages" in top:
        if not isinstance(langs, list) or not langs:
            c.add("languages", message("q_languages_list"))
            langs = []
        seen: set[str] = set()
        for i, lang in enumerate(langs):
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                c.add(f"languages[{i}]", message("q_invalid_lang", language=repr(lang)))
            elif lang in seen:
                c.add(f"languages[{i}]", message("q_duplicate_lang", language=repr(lang)))
            else:
                seen.add(lang)
        c.languages = tuple(lang for lang in langs if isinstance(lang, str) and LANG_RE.match(lang))
        c.languages = tuple(dict.fromkeys(c.languages))
    if not c.languages and not c.problems:
        c.add("languages", message("q_missing_field"))
    # Without usable languages the rest is still checked (every problem in one pass);
    # the texts' languages cannot be, and the problems above make the file fail anyway.

    title = c.localized(top.get("title"), "title", LIMITS["title"]) if "title" in top else {}
    # A file's intro, consent and closing are shown to every respondent: not empty.
    texts = {
        key: c.localized(top.get(key), key, LIMITS["long_text"], allow_empty=not (complete and key in top))
        for key in ("intro", "consent", "closing")
    }
    intro, consent, closing = texts["intro"], texts["consent"], texts["closing"]

    themes: list[Theme] = []
    theme_ids: set[str] = set()
    question_ids: set[str] = set()
    pending: list[validation_conditions.Pending] = []
    raw_themes = top.get("themes")
    if "themes" in top:
        if not isinstance(raw_themes, list) or not raw_themes:
            c.add("themes", message("q_themes_list"))
            raw_themes = []
        elif len(raw_themes) > 30:
            c.add("themes", message("q_too_many_themes", count=len(raw_themes), limit=30))
            raw_themes = raw_themes[:30]
        for ti, raw in enumerate(raw_themes):
            tpath = f"themes[{ti}]"
            t = c.mapping(raw, tpath, {"id", "title", "context", "questions", "show_if"}, {"id", "title"})
            if t is None:
                continue
            tid = c.ident(t.get("id"), f"{tpath}.id") if "id" in t else None
            if tid is not None:
                if tid in theme_ids:
                    c.add(f"{tpath}.id", message("q_duplicate_id", id=repr(tid)))
                theme_ids.add(tid)
            questions = validation_kinds.questions(c, t.get("questions"), tpath, question_ids, ti, pending)
            condition = validation_conditions.parse(c, t.get("show_if"), f"{tpath}.show_if")
            if condition is not None:
                pending.append(validation_conditions.Pending(f"{tpath}.show_if", condition, ti))
            themes.append(
                Theme(
                    id=tid or f"?{ti}",
                    title=c.localized(t.get("title"), f"{tpath}.title", LIMITS["title"]) if "title" in t else {},
                    context=c.localized(t.get("context"), f"{tpath}.context", LIMITS["long_text"], allow_empty=True),
                    questions=tuple(questions),
                    show_if=condition,
                )
            )
        validation_conditions.check_all(c, themes, pending)
        validation_kinds.check_other_ids(c, themes)

    ranking = None
    if top.get("ranking") is not None:
        ranking = _ranking(c, top["ranking"], themes, question_ids | theme_ids)

    if c.problems:
        raise QuestionnaireError(source, c.problems)
    return Questionnaire(
        id=qid or "",
        version=version,
        languages=c.languages,
        title=title,
        intro=intro,
        consent=consent,
        closing=closing,
        themes=tuple(themes),
        ranking=ranking,
        source=source,
    )


def _ranking(c: _Checker, raw: Any, themes: list[Theme], other_ids: set[str]) -> Ranking | None:
    r = c.mapping(
        raw, "ranking", {"id", "prompt", "items", "require_all", "shuffle"},
        {"prompt"} | (FILE_REQUIRED_RANKING if c.complete else set()),
    )
    if r is None:
        return None
    rid = c.ident(r.get("id", "ranking"), "ranking.id") or "ranking"
    if rid in other_ids:
        c.add("ranking.id", message("q_duplicate_id", id=repr(rid)))
    prompt = c.localized(r.get("prompt"), "ranking.prompt", LIMITS["prompt"]) if "prompt" in r else {}
    raw_items = r.get("items", "themes")
    items: list[RankItem] = []
    from_themes = raw_items == "themes"
    if from_themes:
        items = [RankItem(t.id, t.title) for t in themes]
        if len(items) < 2:
            c.add("ranking.items", message("q_ranking_themes"))
    elif isinstance(raw_items, list):
        if not 2 <= len(raw_items) <= 30:
            c.add("ranking.items", message("q_ranking_items_count", count=len(raw_items)))
        seen: set[str] = set()
        for ii, ri in enumerate(raw_items[:30]):
            ipath = f"ranking.items[{ii}]"
            item = c.mapping(ri, ipath, {"id", "title"}, {"id", "title"})
            if item is None:
                continue
            iid = c.ident(item.get("id"), f"{ipath}.id") if "id" in item else None
            if iid is not None:
                if iid in seen:
                    c.add(f"{ipath}.id", message("q_duplicate_id", id=repr(iid)))
                seen.add(iid)
            title = c.localized(item.get("title"), f"{ipath}.title", LIMITS["title"]) if "title" in item else {}
            items.append(RankItem(iid or f"?{ii}", title))
    else:
        c.add("ranking.items", message("q_ranking_items_type", kind=_kind(raw_items))[:200])
    return Ranking(
        id=rid,
        prompt=prompt,
        items=tuple(items),
        require_all=c.boolean(r.get("require_all"), "ranking.require_all", True),
        items_are_themes=from_themes,
        shuffle=c.boolean(r.get("shuffle"), "ranking.shuffle", False),
    )


@functools.lru_cache(maxsize=32)
def from_json(text: str, source: str = "<stored>") -> Questionnaire:
    """A questionnaire stored with a round: texts cleaned, not refused (a round made by an
    earlier version may hold control characters its file had).

    Kept per text: the model is frozen, and every submit reads its round (parsing took
    1.5 ms of a 21 ms submit)."""
    return from_dict(json.loads(text), source, strict=False)
