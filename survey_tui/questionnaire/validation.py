"""Validation: the model built from parsed data (a file's YAML, or JSON stored with a
round), every problem reported with its field path.

Language codes are any 2-3 lowercase letters (a questionnaire may be in a language the
interface has no strings for; i18n falls back to English for those).
"""

from __future__ import annotations

import json
import re
from typing import Any

from survey_tui.errors import InvalidInput, message
from survey_tui.questionnaire.model import Question, Questionnaire, RankItem, Ranking, Theme
from survey_tui.sanitize import clean_text, refused_controls

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
KINDS = ("long", "short")
DEFAULT_MAX = {"long": 4000, "short": 300}
LIMITS = {"title": 300, "prompt": 2000, "long_text": 20000}


class QuestionnaireError(InvalidInput):
    """One or more problems, each `file: path: message` on its own line."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        lines = [
            f"{source}: {path}: {msg}" if path else f"{source}: {msg}" for path, msg in problems
        ]
        super().__init__("\n".join(lines))

class _Checker:
    """Collects problems with their field paths while building the model."""

    def __init__(self, strict: bool = True) -> None:
        self.problems: list[tuple[str, str]] = []
        self.languages: tuple[str, ...] = ()
        self.strict = strict
        self.complete = False

    def displayable(self, text: str, path: str) -> str:
        """Text as the model keeps it: cleaned for the terminal (sanitize.clean_text) once,
        here. A file (strict) may not hold control characters at all."""
        if self.strict:
            problem = refused_controls(text)
            if problem:
                self.add(path, problem)
        return clean_text(text)

    def add(self, path: str, msg: str) -> None:
        self.problems.append((path, msg))

    def mapping(self, value: Any, path: str, allowed: set[str], required: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, message("q_expected_mapping", kind=_kind(value)))
            return None
        for key in value:
            if not isinstance(key, str):
                self.add(path, message("q_field_names_text", kind=_kind(key)))
            elif key not in allowed:
                self.add(_join(path, key), message("q_unknown_field"))
        for key in sorted(required - set(value)):
            self.add(_join(path, key), message("q_missing_field"))
        return value

    def ident(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.add(path, message("q_expected_id", kind=_kind(value)))
            return None
        if not ID_RE.match(value):
            self.add(path, message("q_invalid_id", id=repr(value)))
            return None
        return value

    def localized(self, value: Any, path: str, limit: int, allow_empty: bool = False) -> dict[str, str]:
        if value is None and allow_empty:
            return {lang: "" for lang in self.languages}
        if isinstance(value, str) and len(self.languages) <= 1:
            # Without usable languages (already a problem) a plain text is still checked.
            value = {self.languages[0] if self.languages else "": value}
        if not isinstance(value, dict):
            self.add(path, message("q_expected_localized", languages=", ".join(self.languages), kind=_kind(value)))
            return {}
        out: dict[str, str] = {}
        # No usable `languages` (already reported): check the texts there are, so one pass
        # still reports every other problem in the file.
        check = self.languages or tuple(k for k in value if isinstance(k, str))
        for lang in check:
            if lang not in value:
                self.add(path, message("q_missing_language", language=repr(lang)))
                continue
            text = value[lang]
            if text is None and allow_empty:
                text = ""
            if not isinstance(text, str):
                self.add(_join(path, lang), message("q_expected_text", kind=_kind(text)))
                continue
            raw_length = len(text)
            text = self.displayable(text, _join(path, lang))
            if not text.strip() and not allow_empty:
                self.add(_join(path, lang), message("q_empty"))
            if raw_length > limit:
                self.add(_join(path, lang), message("q_text_too_long", length=raw_length, limit=limit))
            out[lang] = text
        for lang in value:
            if self.languages and lang not in self.languages:
                self.add(_join(path, str(lang)), message("q_lang_not_listed", language=repr(lang)))
        return out

    def boolean(self, value: Any, path: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(path, message("q_expected_bool", kind=_kind(value)))
            return default
        return value


def _kind(value: Any) -> str:
    if value is None:
        return message("q_kind_nothing")
    key = {dict: "q_kind_mapping", list: "q_kind_list", str: "q_kind_text", bool: "q_kind_bool", int: "q_kind_number",
           float: "q_kind_number"}.get(type(value))
    return message(key) if key else type(value).__name__


def _join(path: str, key: str) -> str:
    # A field name from the file is shown with escapes if it holds control characters
    # (the path ends up on a terminal: validate, the dashboard's launch form).
    if not key:
        return path
    key = key if key.isprintable() else repr(key)[:80]
    return f"{path}.{key}" if path else key


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
            t = c.mapping(raw, tpath, {"id", "title", "context", "questions"}, {"id", "title"})
            if t is None:
                continue
            tid = c.ident(t.get("id"), f"{tpath}.id") if "id" in t else None
            if tid is not None:
                if tid in theme_ids:
                    c.add(f"{tpath}.id", message("q_duplicate_id", id=repr(tid)))
                theme_ids.add(tid)
            questions = _questions(c, t.get("questions"), tpath, question_ids)
            themes.append(
                Theme(
                    id=tid or f"?{ti}",
                    title=c.localized(t.get("title"), f"{tpath}.title", LIMITS["title"]) if "title" in t else {},
                    context=c.localized(t.get("context"), f"{tpath}.context", LIMITS["long_text"], allow_empty=True),
                    questions=tuple(questions),
                )
            )

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


def _questions(c: _Checker, raw: Any, tpath: str, question_ids: set[str]) -> list[Question]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.add(f"{tpath}.questions", message("q_expected_list", kind=_kind(raw)))
        return []
    if len(raw) > 20:
        c.add(f"{tpath}.questions", message("q_too_many_questions", count=len(raw), limit=20))
        raw = raw[:20]
    out = []
    for qi, rq in enumerate(raw):
        qpath = f"{tpath}.questions[{qi}]"
        q = c.mapping(rq, qpath, {"id", "prompt", "kind", "required", "max_length"}, {"id", "prompt"})
        if q is None:
            continue
        qid = c.ident(q.get("id"), f"{qpath}.id") if "id" in q else None
        if qid is not None:
            if qid in question_ids:
                c.add(f"{qpath}.id", message("q_duplicate_id", id=repr(qid)))
            question_ids.add(qid)
        kind = q.get("kind", "long")
        if kind not in KINDS:
            c.add(f"{qpath}.kind", message("q_kind_choice", value=repr(kind))[:200])
            kind = "long"
        max_length = q.get("max_length", DEFAULT_MAX[kind])
        if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 100_000:
            c.add(f"{qpath}.max_length", message("q_max_length", value=repr(max_length))[:200])
            max_length = DEFAULT_MAX[kind]
        out.append(
            Question(
                id=qid or f"?{qi}",
                prompt=c.localized(q.get("prompt"), f"{qpath}.prompt", LIMITS["prompt"]) if "prompt" in q else {},
                kind=kind,
                required=c.boolean(q.get("required"), f"{qpath}.required", False),
                max_length=max_length,
            )
        )
    return out


def _ranking(c: _Checker, raw: Any, themes: list[Theme], other_ids: set[str]) -> Ranking | None:
    r = c.mapping(
        raw, "ranking", {"id", "prompt", "items", "require_all"},
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
    )


def from_json(text: str, source: str = "<stored>") -> Questionnaire:
    """A questionnaire stored with a round: texts cleaned, not refused (a round made by an
    earlier version may hold control characters its file had)."""
    return from_dict(json.loads(text), source, strict=False)
