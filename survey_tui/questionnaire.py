"""The questionnaire model: typed, frozen, loaded from YAML and validated strictly.

A questionnaire file is untrusted input (a coordinator may download one), so loading
rejects YAML tags, anchors/aliases (alias bombs), deep nesting and oversized files
before anything is built, and every other problem is reported as one line naming the
file and the field path.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from survey_tui.errors import InvalidInput
from survey_tui.sanitize import clean_text, refused_controls

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
KINDS = ("long", "short")
DEFAULT_MAX = {"long": 4000, "short": 300}
LIMITS = {"title": 300, "prompt": 2000, "long_text": 20000}


@dataclass(frozen=True)
class Question:
    id: str
    prompt: Mapping[str, str]
    kind: str = "long"
    required: bool = False
    max_length: int = 4000


@dataclass(frozen=True)
class Theme:
    id: str
    title: Mapping[str, str]
    context: Mapping[str, str]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class RankItem:
    id: str
    title: Mapping[str, str]


@dataclass(frozen=True)
class Ranking:
    id: str
    prompt: Mapping[str, str]
    items: tuple[RankItem, ...]
    require_all: bool = True
    items_are_themes: bool = True


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    languages: tuple[str, ...]
    title: Mapping[str, str]
    intro: Mapping[str, str]
    consent: Mapping[str, str]
    closing: Mapping[str, str]
    themes: tuple[Theme, ...]
    ranking: Ranking | None = None
    source: str = field(default="", compare=False)

    def questions(self) -> Iterator[tuple[Theme, Question]]:
        for theme in self.themes:
            for question in theme.questions:
                yield theme, question

    def question(self, qid: str) -> Question | None:
        return next((q for _, q in self.questions() if q.id == qid), None)

    def text(self, value: Mapping[str, str], lang: str) -> str:
        """A localized text in `lang`, falling back to the first language; cleaned for the
        terminal (from_dict keeps texts cleaned already; this covers a model built by hand)."""
        return clean_text(value.get(lang) or value.get(self.languages[0], ""))

    def to_dict(self) -> dict[str, Any]:
        """The file format again: loading the result gives an equal questionnaire."""
        out: dict[str, Any] = {
            "id": self.id,
            "version": self.version,
            "languages": list(self.languages),
            "title": dict(self.title),
            "intro": dict(self.intro),
            "consent": dict(self.consent),
            "closing": dict(self.closing),
            "themes": [
                {
                    "id": t.id,
                    "title": dict(t.title),
                    "context": dict(t.context),
                    "questions": [
                        {
                            "id": q.id,
                            "prompt": dict(q.prompt),
                            "kind": q.kind,
                            "required": q.required,
                            "max_length": q.max_length,
                        }
                        for q in t.questions
                    ],
                }
                for t in self.themes
            ],
        }
        if self.ranking is not None:
            r = self.ranking
            out["ranking"] = {
                "id": r.id,
                "prompt": dict(r.prompt),
                "items": "themes"
                if r.items_are_themes
                else [{"id": i.id, "title": dict(i.title)} for i in r.items],
                "require_all": r.require_all,
            }
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- loading


class QuestionnaireError(InvalidInput):
    """One or more problems, each `file: path: message` on its own line."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        lines = [
            f"{source}: {path}: {msg}" if path else f"{source}: {msg}" for path, msg in problems
        ]
        super().__init__("\n".join(lines))


def load_file(path: str | Path) -> Questionnaire:
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuestionnaireError(name, [("", f"file is {size} bytes, larger than {MAX_FILE_BYTES}")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise QuestionnaireError(name, [("", f"cannot read file: {exc.strerror or exc}")]) from None
    return load_text(raw, name)


def load_text(raw: bytes | str, source: str = "<text>") -> Questionnaire:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        raise QuestionnaireError(source, [("", f"file is larger than {MAX_FILE_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(source, [("", f"not UTF-8 text (byte {exc.start})")]) from None
    data = _safe_yaml(text, source)
    return from_dict(data, source)


def _safe_yaml(text: str, source: str) -> Any:
    """Parse YAML after an event pre-scan that refuses tags, aliases and deep nesting.

    The pre-scan walks the event stream iteratively, so hostile nesting cannot
    exhaust the recursion limit inside the composer.
    """
    import yaml  # noqa: PLC0415 - keep PyYAML off the respondent start-up path

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    # Open containers: [is_mapping, expecting_a_key, keys_seen]. PyYAML keeps the last of
    # two equal keys silently; a doubled `id:` would rename a theme and break comparisons.
    open_nodes: list[list] = []

    def value_done() -> None:
        if open_nodes and open_nodes[-1][0]:
            open_nodes[-1][1] = True

    def in_key_position() -> bool:
        return bool(open_nodes) and open_nodes[-1][0] and open_nodes[-1][1]

    try:
        for event in yaml.parse(text, Loader=loader_cls):
            if isinstance(event, yaml.AliasEvent):
                raise QuestionnaireError(source, [("", f"line {_line(event)}: YAML aliases are not allowed")])
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise QuestionnaireError(source, [("", f"line {_line(event)}: YAML anchors are not allowed")])
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit_tag = tag is not None and (
                implicit is False or (isinstance(implicit, tuple) and not any(implicit))
            )
            if explicit_tag:
                raise QuestionnaireError(source, [("", f"line {_line(event)}: YAML tag {tag!r} is not allowed")])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise QuestionnaireError(source, [("", f"line {_line(event)}: nested deeper than {MAX_DEPTH} levels")])
                if in_key_position():
                    raise QuestionnaireError(source, [("", f"line {_line(event)}: a key must be plain text")])
                open_nodes.append([isinstance(event, yaml.MappingStartEvent), True, set()])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                open_nodes.pop()
                value_done()
            elif isinstance(event, yaml.ScalarEvent):
                if in_key_position():
                    keys = open_nodes[-1][2]
                    if event.value in keys:
                        name = event.value[:40]
                        raise QuestionnaireError(source, [("", f"line {_line(event)}: duplicate key {name!r}")])
                    keys.add(event.value)
                    open_nodes[-1][1] = False
                else:
                    value_done()
        documents = list(yaml.load_all(text, Loader=loader_cls))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise QuestionnaireError(source, [("", f"{where}invalid YAML: {problem}")]) from None
    if len(documents) != 1:
        raise QuestionnaireError(source, [("", f"expected one YAML document, found {len(documents)}")])
    return documents[0]


def _line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


class _Checker:
    """Collects problems with their field paths while building the model."""

    def __init__(self, strict: bool = True) -> None:
        self.problems: list[tuple[str, str]] = []
        self.languages: tuple[str, ...] = ()
        self.strict = strict

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
            self.add(path, f"expected a mapping, got {_kind(value)}")
            return None
        for key in value:
            if not isinstance(key, str):
                self.add(path, f"field names must be text, got {_kind(key)}")
            elif key not in allowed:
                self.add(_join(path, key), "unknown field")
        for key in sorted(required - set(value)):
            self.add(_join(path, key), "missing required field")
        return value

    def ident(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.add(path, f"expected an id (text), got {_kind(value)}")
            return None
        if not ID_RE.match(value):
            self.add(path, f"invalid id {value!r}: use 1-64 lowercase letters, digits, '-' or '_'")
            return None
        return value

    def localized(self, value: Any, path: str, limit: int, allow_empty: bool = False) -> dict[str, str]:
        if value is None and allow_empty:
            return {lang: "" for lang in self.languages}
        if isinstance(value, str) and len(self.languages) == 1:
            value = {self.languages[0]: value}
        if not isinstance(value, dict):
            self.add(path, f"expected a text per language ({', '.join(self.languages)}), got {_kind(value)}")
            return {}
        out: dict[str, str] = {}
        for lang in self.languages:
            if lang not in value:
                self.add(path, f"missing language {lang!r}")
                continue
            text = value[lang]
            if text is None and allow_empty:
                text = ""
            if not isinstance(text, str):
                self.add(_join(path, lang), f"expected text, got {_kind(text)}")
                continue
            raw_length = len(text)
            text = self.displayable(text, _join(path, lang))
            if not text.strip() and not allow_empty:
                self.add(_join(path, lang), "must not be empty")
            if raw_length > limit:
                self.add(_join(path, lang), f"text is {raw_length} characters, more than {limit}")
            out[lang] = text
        for lang in value:
            if lang not in self.languages:
                self.add(_join(path, str(lang)), f"language {lang!r} is not listed in languages")
        return out

    def boolean(self, value: Any, path: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(path, f"expected true or false, got {_kind(value)}")
            return default
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _join(path: str, key: str) -> str:
    # A field name from the file is shown with escapes if it holds control characters
    # (the path ends up on a terminal: validate, the dashboard's launch form).
    key = key if key.isprintable() else repr(key)[:80]
    return f"{path}.{key}" if path else key


def from_dict(data: Any, source: str = "<data>", *, strict: bool = True) -> Questionnaire:
    """Build and validate; raises QuestionnaireError listing every problem found.

    Every text is kept cleaned for the terminal (sanitize.clean_text). strict (files):
    control characters are a problem, with the field path; not strict (questionnaires
    stored by earlier versions): they are only cleaned away.
    """
    c = _Checker(strict)
    top = c.mapping(
        data,
        "",
        {"id", "version", "languages", "title", "intro", "consent", "closing", "themes", "ranking"},
        {"id", "languages", "title", "themes"},
    )
    if top is None:
        raise QuestionnaireError(source, c.problems)
    qid = c.ident(top.get("id"), "id") if "id" in top else None
    version = top.get("version", "1")
    if isinstance(version, bool) or not isinstance(version, (str, int, float)):
        c.add("version", f"expected text or a number, got {_kind(version)}")
        version = "1"
    version = c.displayable(str(version), "version")
    if len(version) > 40:
        c.add("version", "longer than 40 characters")

    langs = top.get("languages")
    if "languages" in top:
        if not isinstance(langs, list) or not langs:
            c.add("languages", "expected a non-empty list such as [fi, en]")
            langs = []
        seen: set[str] = set()
        for i, lang in enumerate(langs):
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                c.add(f"languages[{i}]", f"invalid language code {lang!r}: use 2-3 lowercase letters")
            elif lang in seen:
                c.add(f"languages[{i}]", f"duplicate language {lang!r}")
            else:
                seen.add(lang)
        c.languages = tuple(lang for lang in langs if isinstance(lang, str) and LANG_RE.match(lang))
        c.languages = tuple(dict.fromkeys(c.languages))
    if not c.languages:
        raise QuestionnaireError(source, c.problems or [("languages", "missing required field")])

    title = c.localized(top.get("title"), "title", LIMITS["title"]) if "title" in top else {}
    intro = c.localized(top.get("intro"), "intro", LIMITS["long_text"], allow_empty=True)
    consent = c.localized(top.get("consent"), "consent", LIMITS["long_text"], allow_empty=True)
    closing = c.localized(top.get("closing"), "closing", LIMITS["long_text"], allow_empty=True)

    themes: list[Theme] = []
    theme_ids: set[str] = set()
    question_ids: set[str] = set()
    raw_themes = top.get("themes")
    if "themes" in top:
        if not isinstance(raw_themes, list) or not raw_themes:
            c.add("themes", "expected a non-empty list of themes")
            raw_themes = []
        elif len(raw_themes) > 30:
            c.add("themes", f"{len(raw_themes)} themes, at most 30 allowed")
            raw_themes = raw_themes[:30]
        for ti, raw in enumerate(raw_themes):
            tpath = f"themes[{ti}]"
            t = c.mapping(raw, tpath, {"id", "title", "context", "questions"}, {"id", "title"})
            if t is None:
                continue
            tid = c.ident(t.get("id"), f"{tpath}.id") if "id" in t else None
            if tid is not None:
                if tid in theme_ids:
                    c.add(f"{tpath}.id", f"duplicate id {tid!r}")
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
        c.add(f"{tpath}.questions", f"expected a list, got {_kind(raw)}")
        return []
    if len(raw) > 20:
        c.add(f"{tpath}.questions", f"{len(raw)} questions, at most 20 allowed")
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
                c.add(f"{qpath}.id", f"duplicate id {qid!r}")
            question_ids.add(qid)
        kind = q.get("kind", "long")
        if kind not in KINDS:
            c.add(f"{qpath}.kind", f"expected 'long' or 'short', got {kind!r}"[:200])
            kind = "long"
        max_length = q.get("max_length", DEFAULT_MAX[kind])
        if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 100_000:
            c.add(f"{qpath}.max_length", f"expected a whole number from 1 to 100000, got {max_length!r}"[:200])
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
    r = c.mapping(raw, "ranking", {"id", "prompt", "items", "require_all"}, {"prompt"})
    if r is None:
        return None
    rid = c.ident(r.get("id", "ranking"), "ranking.id") or "ranking"
    if rid in other_ids:
        c.add("ranking.id", f"duplicate id {rid!r}")
    prompt = c.localized(r.get("prompt"), "ranking.prompt", LIMITS["prompt"]) if "prompt" in r else {}
    raw_items = r.get("items", "themes")
    items: list[RankItem] = []
    from_themes = raw_items == "themes"
    if from_themes:
        items = [RankItem(t.id, t.title) for t in themes]
        if len(items) < 2:
            c.add("ranking.items", "ranking needs at least 2 themes")
    elif isinstance(raw_items, list):
        if not 2 <= len(raw_items) <= 30:
            c.add("ranking.items", f"expected 2 to 30 items, got {len(raw_items)}")
        seen: set[str] = set()
        for ii, ri in enumerate(raw_items[:30]):
            ipath = f"ranking.items[{ii}]"
            item = c.mapping(ri, ipath, {"id", "title"}, {"id", "title"})
            if item is None:
                continue
            iid = c.ident(item.get("id"), f"{ipath}.id") if "id" in item else None
            if iid is not None:
                if iid in seen:
                    c.add(f"{ipath}.id", f"duplicate id {iid!r}")
                seen.add(iid)
            title = c.localized(item.get("title"), f"{ipath}.title", LIMITS["title"]) if "title" in item else {}
            items.append(RankItem(iid or f"?{ii}", title))
    else:
        c.add("ranking.items", f"expected 'themes' or a list of items, got {_kind(raw_items)}"[:200])
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


# --------------------------------------------------------------------------- shipped files


def shipped_dir() -> Path:
    """Where the shipped questionnaires are: inside the wheel, or the source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_questionnaires"
    if packaged.is_dir():
        return packaged
    return here.parent / "questionnaires"


def shipped_files() -> dict[str, Path]:
    """Shipped questionnaire files by id (the file stem is the id)."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def load_shipped(qid: str) -> Questionnaire:
    files = shipped_files()
    if qid not in files:
        known = ", ".join(files) or "none"
        raise InvalidInput(f"unknown questionnaire {qid!r} (shipped: {known}); pass a file path instead")
    return load_file(files[qid])


def resolve(ref: str) -> Questionnaire:
    """A shipped questionnaire id or a path to a YAML file."""
    if ref in shipped_files():
        return load_shipped(ref)
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return load_file(path)
    return load_shipped(ref)


# --------------------------------------------------------------------------- responses


def check_response(
    q: Questionnaire, answers: Mapping[str, Any], ranking: list[Any] | None, language: Any
) -> list[str]:
    """Problems with one response against its questionnaire (empty list: valid)."""
    problems: list[str] = []
    if language not in q.languages:
        problems.append(f"unknown language {str(language)[:20]!r} (expected one of {', '.join(q.languages)})")
    if not isinstance(answers, Mapping):
        return problems + ["answers must be a mapping of question id to text"]
    for key, text in answers.items():
        question = q.question(key) if isinstance(key, str) else None
        if question is None:
            problems.append(f"unknown question id {str(key)[:40]!r}")
            continue
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(f"answer to {key!r} must be text")
        elif not _is_unicode_text(text):
            problems.append(f"answer to {key!r} is not valid text (it holds a lone surrogate such as \\ud800)")
        elif len(text) > question.max_length:
            problems.append(f"answer to {key!r} is {len(text)} characters, more than {question.max_length}")
    for _, question in q.questions():
        if question.required and not str(answers.get(question.id) or "").strip():
            problems.append(f"question {question.id!r} is required")
    problems.extend(check_ranking(q, ranking))
    return problems


def _is_unicode_text(text: str) -> bool:
    """False for strings SQLite cannot store as UTF-8 (JSON "\\ud800" escapes decode to these)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_ranking(q: Questionnaire, ranking: list[Any] | None) -> list[str]:
    if q.ranking is None:
        return ["this questionnaire has no ranking"] if ranking else []
    ranking = list(ranking or [])
    valid = {item.id for item in q.ranking.items}
    problems = []
    seen: set[Any] = set()
    for item in ranking:
        if not isinstance(item, str) or item not in valid:
            problems.append(f"unknown ranking item {str(item)[:40]!r}")
        elif item in seen:
            problems.append(f"ranking item {item!r} appears twice")
        seen.add(item if isinstance(item, str) else repr(item))
    if q.ranking.require_all and not problems and len(seen) != len(valid):
        missing = [i for i in (item.id for item in q.ranking.items) if i not in seen]
        problems.append(f"ranking is incomplete: missing {', '.join(missing)}")
    return problems
