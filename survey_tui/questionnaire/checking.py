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

from survey_tui.questionnaire.loading import MAX_DEPTH, MAX_FILE_BYTES
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
        return [_line(self.source, path, f"warning: {msg}") for path, msg in self.warnings]


def _line(source: str, path: str, msg: str) -> str:
    return f"{source}: {path}: {msg}" if path else f"{source}: {msg}"


def check_file(path: str | Path) -> Checked:
    name = str(path)
    try:
        path = Path(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Checked(name, problems=[("", f"file is {size} bytes, larger than {MAX_FILE_BYTES}")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Checked(name, problems=[("", f"cannot read file: {exc.strerror or exc}")])
    return check_text(raw, name)


def check_text(raw: bytes | str, source: str = "<text>") -> Checked:
    result = Checked(source)
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        result.problems.append(("", f"file is larger than {MAX_FILE_BYTES} bytes"))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.problems.append(("", f"not UTF-8 text (byte {exc.start})"))
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
        result.warnings.extend((path, f"placeholder {text} still to be filled in") for path, text in
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

    def at(event: Any) -> str:
        mark = getattr(event, "start_mark", None)
        return f"line {mark.line + 1 if mark is not None else 0}: "

    def scalar(event: Any, tagged: bool) -> Any:
        if tagged:
            return event.value  # the tag is a problem already: read as plain text
        tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        try:
            return constructor.construct_object(yaml.ScalarNode(tag, event.value, style=event.style))
        except Exception:  # noqa: BLE001 - e.g. an invalid timestamp: as load_text would refuse it
            problems.append(("", f"{at(event)}invalid YAML: cannot read {event.value[:40]!r}"))
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
                        problems.append(("", f"{at(event)}a key must be plain text"))
                    top[2] = _DROPPED
                    return
                key = value
                if key in top[3]:
                    problems.append(("", f"{at(event)}duplicate key {str(key)[:40]!r}"))
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
                problems.append(("", f"{at(event)}YAML aliases are not allowed"))
                put(_DROPPED, event)
                continue
            if getattr(event, "anchor", None) is not None:
                problems.append(("", f"{at(event)}YAML anchors are not allowed"))
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            tagged = tag is not None and (implicit is False or (isinstance(implicit, tuple) and not any(implicit)))
            if tagged:
                problems.append(("", f"{at(event)}YAML tag {tag!r} is not allowed"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                is_mapping = isinstance(event, yaml.MappingStartEvent)
                deep = len(stack) >= MAX_DEPTH or (stack and stack[-1][0] is _DROPPED)
                if len(stack) >= MAX_DEPTH and not too_deep_reported:
                    problems.append(("", f"{at(event)}nested deeper than {MAX_DEPTH} levels"))
                    too_deep_reported = True
                in_key = bool(stack) and stack[-1][1] and stack[-1][2] is None
                if in_key:
                    problems.append(("", f"{at(event)}a key must be plain text"))
                container: Any = _DROPPED if deep or in_key else ({} if is_mapping else [])
                stack.append([container, is_mapping, None, set(), in_key])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                container, _, _, _, was_key = stack.pop()
                put(_DROPPED if was_key else container, event)
            elif isinstance(event, yaml.ScalarEvent):
                put(scalar(event, tagged), event)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(("", f"{where}invalid YAML: {problem}"))
        return None, False
    if documents != 1:
        problems.append(("", f"expected one YAML document, found {documents}"))
        return data, documents > 1
    return data, True
