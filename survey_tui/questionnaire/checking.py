"""Checking a questionnaire file in one pass: every problem with its field path, and warnings.

`survey-tui questionnaire validate` uses `check_text` / `check_file`: unlike `load_text`,
which stops at the first unsafe YAML construct, this reads the YAML event stream once,
notes every tag, anchor, alias, duplicate key, complex key and over-deep nesting, builds
the data without them (an alias is never expanded, a tagged value is read as plain text,
nothing deeper than MAX_DEPTH is kept) and then validates the structure as a file
(validation.from_dict with complete=True), so a file with a YAML tag and a missing
question prompt gets both lines at once. Only a YAML syntax error, which leaves nothing
reliable to check, ends the pass early. What it accepts is exactly what `load_text`
accepts: the same limits, the same safe resolver for plain scalars.

Warnings do not make the file invalid: fill-in placeholders (placeholders.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey_tui.errors import message, os_reason
from survey_tui.questionnaire.loading import MAX_DEPTH, MAX_FILE_BYTES, at_line
from survey_tui.questionnaire.model import Questionnaire
from survey_tui.questionnaire.placeholders import find_placeholders
from survey_tui.questionnaire.validation import QuestionnaireError, from_dict


@dataclass
class Checked:
    source: str
    questionnaire: Questionnaire | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field path, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.questionnaire is not None

    def problem_lines(self) -> list[str]:
        return [_line(self.source, path, msg) for path, msg in self.problems]

    def warning_lines(self) -> list[str]:
        return [_line(self.source, path, message("q_warning", problem=msg)) for path, msg in self.warnings]


def _line(source: str, path: str, msg: str) -> str:
    return f"{source}: {path}: {msg}" if path else f"{source}: {msg}"


def check_file(path: str | Path) -> Checked:
    name = str(path)
    try:
        path = Path(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Checked(name, problems=[("", message("q_file_too_big", size=size, limit=MAX_FILE_BYTES))])
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Checked(name, problems=[("", message("q_cannot_read", reason=os_reason(exc)))])
    return check_text(raw, name)


def check_text(raw: bytes | str, source: str = "<text>") -> Checked:
    result = Checked(source)
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        result.problems.append(("", message("q_file_larger_than", limit=MAX_FILE_BYTES)))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.problems.append(("", message("q_not_utf8", byte=exc.start)))
        return result
    data, usable = _read_yaml(text, result.problems)
    if not usable:
        return result
    try:
        result.questionnaire = from_dict(data, source, complete=True)
    except QuestionnaireError as exc:
        result.problems.extend(exc.problems)
    if result.problems:
        result.questionnaire = None
    else:
        result.warnings.extend((path, message("q_placeholder_left", placeholder=text)) for path, text in
                               find_placeholders(result.questionnaire))
    return result


class _Dropped:
    """A value left out (an alias, a complex key, nesting past the limit)."""


_DROPPED = _Dropped()


def _read_yaml(text: str, problems: list[tuple[str, str]]) -> tuple[Any, bool]:
    """(data, usable): the first document built from the event stream, every unsafe
    construct noted in `problems`; usable is False after a syntax error or without exactly
    one document to check."""
    import yaml  # noqa: PLC0415 - keep PyYAML off the respondent start-up path

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    constructor = yaml.constructor.SafeConstructor()

    def at(event: Any, problem: str) -> str:
        mark = getattr(event, "start_mark", None)
        return at_line(mark.line + 1 if mark is not None else 0, problem)

    def scalar(event: Any, tagged: bool) -> Any:
        if tagged:
            return event.value  # the tag is a problem already: read as plain text
        tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        try:
            return constructor.construct_object(yaml.ScalarNode(tag, event.value, style=event.style))
        except Exception:  # noqa: BLE001 - e.g. an invalid timestamp: as load_text would refuse it
            cannot = message("q_cannot_read_value", value=repr(event.value[:40]))
            problems.append(("", at(event, message("q_invalid_yaml", problem=cannot))))
            return event.value

    # Each open container: [container or _DROPPED, is_mapping, pending key or None, keys seen].
    stack: list[list] = []
    documents = 0
    data: Any = None
    too_deep_reported = False

    def put(value: Any, event: Any) -> None:
        nonlocal data
        if not stack:
            if documents == 1:
                data = value
            return
        top = stack[-1]
        container = top[0]
        if top[1]:  # a mapping
            if top[2] is None:  # this value is a key
                if value is _DROPPED or isinstance(value, (dict, list)):
                    if value is not _DROPPED:
                        problems.append(("", at(event, message("q_key_not_plain"))))
                    top[2] = _DROPPED
                    return
                key = value
                if key in top[3]:
                    problems.append(("", at(event, message("q_duplicate_key", name=repr(str(key)[:40])))))
                    top[2] = _DROPPED  # the first value counts; the repeat is reported
                    return
                top[3].add(key)
                top[2] = [key]
                return
            pending, top[2] = top[2], None
            if pending is not _DROPPED and container is not _DROPPED and value is not _DROPPED:
                container[pending[0]] = value
        elif container is not _DROPPED and value is not _DROPPED:
            container.append(value)

    try:
        for event in yaml.parse(text, Loader=loader_cls):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                continue
            if isinstance(event, yaml.AliasEvent):
                problems.append(("", at(event, message("q_yaml_alias"))))
                put(_DROPPED, event)
                continue
            if getattr(event, "anchor", None) is not None:
                problems.append(("", at(event, message("q_yaml_anchor"))))
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            tagged = tag is not None and (implicit is False or (isinstance(implicit, tuple) and not any(implicit)))
            if tagged:
                problems.append(("", at(event, message("q_yaml_tag", tag=repr(tag)))))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                is_mapping = isinstance(event, yaml.MappingStartEvent)
                deep = len(stack) >= MAX_DEPTH or (stack and stack[-1][0] is _DROPPED)
                if len(stack) >= MAX_DEPTH and not too_deep_reported:
                    problems.append(("", at(event, message("q_too_deep", depth=MAX_DEPTH))))
                    too_deep_reported = True
                in_key = bool(stack) and stack[-1][1] and stack[-1][2] is None
                if in_key:
                    problems.append(("", at(event, message("q_key_not_plain"))))
                container: Any = _DROPPED if deep or in_key else ({} if is_mapping else [])
                stack.append([container, is_mapping, None, set(), in_key])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                container, _, _, _, was_key = stack.pop()
                put(_DROPPED if was_key else container, event)
            elif isinstance(event, yaml.ScalarEvent):
                put(scalar(event, tagged), event)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = message("q_invalid_yaml", problem=getattr(exc, "problem", None) or str(exc).splitlines()[0])
        problems.append(("", at_line(mark.line + 1, problem) if mark is not None else problem))
        return None, False
    if documents != 1:
        problems.append(("", message("q_one_document", count=documents)))
        return data, documents > 1
    return data, True
