"""Safe YAML loading of a questionnaire file.

A questionnaire file is untrusted input (a coordinator may download one), so loading
rejects YAML tags, anchors/aliases (alias bombs), deep nesting, duplicate keys and
oversized files before anything is built; validation.from_dict then reports every other
problem as one line naming the file and the field path. PyYAML is imported only when a
file is parsed: it stays off the respondent start-up path (tests/test_layers.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from survey_tui.errors import message, os_reason
from survey_tui.questionnaire.model import Questionnaire
from survey_tui.questionnaire.validation import QuestionnaireError, from_dict

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20


def load_file(path: str | Path) -> Questionnaire:
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuestionnaireError(name, [("", message("q_file_too_big", size=size, limit=MAX_FILE_BYTES))])
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise QuestionnaireError(name, [("", message("q_cannot_read", reason=os_reason(exc)))]) from None
    return load_text(raw, name)


def load_text(raw: bytes | str, source: str = "<text>") -> Questionnaire:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        raise QuestionnaireError(source, [("", message("q_file_larger_than", limit=MAX_FILE_BYTES))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(source, [("", message("q_not_utf8", byte=exc.start))]) from None
    data = _safe_yaml(text, source)
    return from_dict(data, source, complete=True)


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
                raise QuestionnaireError(source, [("", at_line(_line(event), message("q_yaml_alias")))])
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise QuestionnaireError(source, [("", at_line(_line(event), message("q_yaml_anchor")))])
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit_tag = tag is not None and (
                implicit is False or (isinstance(implicit, tuple) and not any(implicit))
            )
            if explicit_tag:
                raise QuestionnaireError(source, [("", at_line(_line(event), message("q_yaml_tag", tag=repr(tag))))])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise QuestionnaireError(source, [("", at_line(_line(event), message("q_too_deep", depth=MAX_DEPTH)))])
                if in_key_position():
                    raise QuestionnaireError(source, [("", at_line(_line(event), message("q_key_not_plain")))])
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
                        raise QuestionnaireError(source, [("", at_line(_line(event), message("q_duplicate_key", name=repr(name))))])
                    keys.add(event.value)
                    open_nodes[-1][1] = False
                else:
                    value_done()
        documents = list(yaml.load_all(text, Loader=loader_cls))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = message("q_invalid_yaml", problem=getattr(exc, "problem", None) or str(exc).splitlines()[0])
        if mark is not None:
            problem = at_line(mark.line + 1, problem)
        raise QuestionnaireError(source, [("", problem)]) from None
    if len(documents) != 1:
        raise QuestionnaireError(source, [("", message("q_one_document", count=len(documents)))])
    return documents[0]


def at_line(line: int, problem: str) -> str:
    """`line N: problem`, in the coordinator's language."""
    return message("q_at_line", line=line, problem=problem)


def _line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else 0

