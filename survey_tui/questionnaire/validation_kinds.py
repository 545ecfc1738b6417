"""Validation of one question by its kind (model.KINDS): which fields it may have and what
they may hold. Every problem is noted with its field path; the question is still built
(with safe stand-ins) so one pass reports everything in the file.

    long, short   max_length
    single        options, other, shuffle
    multiple      options, other, shuffle, min/max (how many choices; `other` counts as one)
    scale         min/max (whole-number end points, required), labels (both end points
                  required), dont_know
    number        min/max (optional bounds), decimals (0: whole numbers only)
"""

from __future__ import annotations

from typing import Any

from survey_tui.errors import message
from survey_tui.questionnaire import validation_conditions as conditions
from survey_tui.questionnaire.answers import other_key
from survey_tui.questionnaire.model import KINDS, OPEN_KINDS, Option, Question
from survey_tui.questionnaire.validation_checker import DEFAULT_MAX, LIMITS, _Checker, _join, _kind, _shown

COMMON_FIELDS = {"id", "prompt", "kind", "required", "show_if"}
KIND_FIELDS = {
    "long": {"max_length"},
    "short": {"max_length"},
    "single": {"options", "other", "shuffle"},
    "multiple": {"options", "other", "shuffle", "min", "max"},
    "scale": {"min", "max", "labels", "dont_know"},
    "number": {"min", "max", "decimals"},
}
QUESTION_FIELDS = COMMON_FIELDS.union(*KIND_FIELDS.values())
MAX_OPTIONS = 50
MAX_SCALE_POINTS = 21  # 0..20 at most: a 0-10 scale has 11
MAX_DECIMALS = 6
OTHER_MAX_LENGTH = 300  # the `other` text beside the options: a short answer


def questions(
    c: _Checker, raw: Any, tpath: str, question_ids: set[str], theme_index: int, pending: list
) -> list[Question]:
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
        question = _question(c, rq, f"{tpath}.questions[{qi}]", qi, question_ids, theme_index, pending)
        if question is not None:
            out.append(question)
    return out


def _question(c: _Checker, rq: Any, qpath: str, qi: int, question_ids: set[str], theme_index: int,
              pending: list) -> Question | None:
    q = c.mapping(rq, qpath, QUESTION_FIELDS, {"id", "prompt"})
    if q is None:
        return None
    qid = c.ident(q.get("id"), f"{qpath}.id") if "id" in q else None
    if qid is not None:
        if qid in question_ids:
            c.add(f"{qpath}.id", message("q_duplicate_id", id=repr(qid)))
        question_ids.add(qid)
    kind = q.get("kind", "long")
    fields: dict[str, Any] = {}
    if kind not in KINDS:
        c.add(f"{qpath}.kind", message("q_kind_unknown", kinds=", ".join(KINDS), value=repr(kind)[:60]))
        kind = "long"
    else:
        for key in sorted(k for k in q if isinstance(k, str) and k in QUESTION_FIELDS):
            if key not in COMMON_FIELDS and key not in KIND_FIELDS[kind]:
                c.add(_join(qpath, key), message("q_not_for_kind", question_kind=kind))
        if kind in OPEN_KINDS:
            fields = _open(c, q, qpath, kind)
        elif kind in ("single", "multiple"):
            fields = _choice(c, q, qpath, kind)
        elif kind == "scale":
            fields = _scale(c, q, qpath)
        else:
            fields = _number(c, q, qpath)
    condition = conditions.parse(c, q.get("show_if"), f"{qpath}.show_if")
    if condition is not None and qid is not None:
        pending.append(conditions.Pending(f"{qpath}.show_if", condition, theme_index, qid))
    return Question(
        id=qid or f"?{qi}",
        prompt=c.localized(q.get("prompt"), f"{qpath}.prompt", LIMITS["prompt"]) if "prompt" in q else {},
        kind=kind,
        required=c.boolean(q.get("required"), f"{qpath}.required", False),
        show_if=condition,
        **fields,
    )


def check_other_ids(c: _Checker, themes) -> None:
    """An `other` text is stored under "<id>_other": no question may have that id."""
    owners = {other_key(q.id): q.id for t in themes for q in t.questions if q.other}
    for ti, theme in enumerate(themes):
        for qi, question in enumerate(theme.questions):
            if question.id in owners:
                c.add(f"themes[{ti}].questions[{qi}].id",
                      message("q_other_id_taken", id=repr(question.id), owner=repr(owners[question.id])))


def _open(c: _Checker, q: dict, qpath: str, kind: str) -> dict[str, Any]:
    max_length = q.get("max_length", DEFAULT_MAX[kind])
    if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 100_000:
        c.add(f"{qpath}.max_length", message("q_max_length", value=repr(max_length))[:200])
        max_length = DEFAULT_MAX[kind]
    return {"max_length": max_length}


def _choice(c: _Checker, q: dict, qpath: str, kind: str) -> dict[str, Any]:
    options = _options(c, q.get("options"), f"{qpath}.options", kind)
    other = c.boolean(q.get("other"), f"{qpath}.other", False)
    fields: dict[str, Any] = {
        "options": options,
        "other": other,
        "shuffle": c.boolean(q.get("shuffle"), f"{qpath}.shuffle", False),
    }
    if kind == "multiple":
        most = len(options) + (1 if other else 0)
        bounds = {}
        for name in ("min", "max"):
            if q.get(name) is None:
                continue
            value = c.whole(q[name], f"{qpath}.{name}")
            if value is not None and options and not 0 <= value <= most:  # no options: noted already
                c.add(f"{qpath}.{name}", message("q_whole_range", low=0, high=most, value=value))
                value = None
            bounds[name] = value
        low, high = bounds.get("min"), bounds.get("max")
        if low is not None and high is not None and low > high:
            c.add(f"{qpath}.min", message("q_min_above_max", minimum=low, maximum=high))
        fields.update(minimum=low, maximum=high)
    return fields


def _options(c: _Checker, raw: Any, path: str, kind: str) -> tuple[Option, ...]:
    if raw is None:
        c.add(path, message("q_options_needed", question_kind=kind))
        return ()
    if not isinstance(raw, list):
        c.add(path, message("q_expected_list", kind=_kind(raw)))
        return ()
    if not 2 <= len(raw) <= MAX_OPTIONS:
        c.add(path, message("q_options_count", limit=MAX_OPTIONS, count=len(raw)))
    out: list[Option] = []
    seen: set[str] = set()
    for oi, ro in enumerate(raw[:MAX_OPTIONS]):
        opath = f"{path}[{oi}]"
        o = c.mapping(ro, opath, {"id", "title"}, {"id", "title"})
        if o is None:
            continue
        oid = c.ident(o.get("id"), f"{opath}.id") if "id" in o else None
        if oid is not None:
            if oid in seen:
                c.add(f"{opath}.id", message("q_duplicate_id", id=repr(oid)))
            seen.add(oid)
        title = c.localized(o.get("title"), f"{opath}.title", LIMITS["title"]) if "title" in o else {}
        out.append(Option(oid or f"?{oi}", title))
    return tuple(out)


def _scale(c: _Checker, q: dict, qpath: str) -> dict[str, Any]:
    bounds: dict[str, int | None] = {}
    for name in ("min", "max"):
        if name not in q:
            c.add(f"{qpath}.{name}", message("q_missing_field"))
            bounds[name] = None
        else:
            bounds[name] = c.whole(q[name], f"{qpath}.{name}")
    low, high = bounds["min"], bounds["max"]
    usable = low is not None and high is not None
    if usable and low >= high:
        c.add(f"{qpath}.min", message("q_scale_min_max", minimum=low, maximum=high))
        usable = False
    elif usable and high - low + 1 > MAX_SCALE_POINTS:
        c.add(f"{qpath}.max", message("q_scale_points", count=high - low + 1, limit=MAX_SCALE_POINTS))
    labels = _labels(c, q.get("labels"), f"{qpath}.labels", (low, high) if usable else None)
    return {
        "minimum": low,
        "maximum": high,
        "labels": labels,
        "dont_know": c.boolean(q.get("dont_know"), f"{qpath}.dont_know", False),
    }


def _labels(c: _Checker, raw: Any, path: str, span: tuple[int, int] | None) -> dict[int, dict[str, str]]:
    if raw is None:
        c.add(path, message("q_missing_field"))
        return {}
    if not isinstance(raw, dict):
        c.add(path, message("q_expected_mapping", kind=_kind(raw)))
        return {}
    out: dict[int, dict[str, str]] = {}
    for key, text in raw.items():
        point = _point(key)
        kpath = _join(path, str(key))
        if point is None:
            c.add(kpath, message("q_label_point", value=_shown(key)))
            continue
        if span is not None and not span[0] <= point <= span[1]:
            c.add(kpath, message("q_label_outside", point=point, minimum=span[0], maximum=span[1]))
        if point in out:  # 1 and "1" in one mapping
            c.add(kpath, message("q_duplicate_key", name=repr(str(key))))
        out[point] = c.localized(text, kpath, LIMITS["title"])
    if span is not None:
        for end in span:
            if end not in out:
                c.add(path, message("q_label_end", point=end))
    return dict(sorted(out.items()))


def _point(key: Any) -> int | None:
    """A label's point: an int (YAML) or its digits (JSON keys are text)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str):
        digits = key[1:] if key[:1] == "-" else key
        if digits.isascii() and digits.isdigit() and len(digits) <= 6:
            return int(key)
    return None


def _number(c: _Checker, q: dict, qpath: str) -> dict[str, Any]:
    decimals = 0
    if q.get("decimals") is not None:
        value = c.whole(q["decimals"], f"{qpath}.decimals")
        if value is not None and not 0 <= value <= MAX_DECIMALS:
            c.add(f"{qpath}.decimals", message("q_whole_range", low=0, high=MAX_DECIMALS, value=value))
        elif value is not None:
            decimals = value
    bounds: dict[str, int | float | None] = {}
    for name in ("min", "max"):
        value = None if q.get(name) is None else c.number(q[name], f"{qpath}.{name}")
        if value is not None and decimal_places(value) > decimals:
            c.add(f"{qpath}.{name}", message("q_bound_decimals", value=value, decimals=decimals))
        bounds[name] = value
    low, high = bounds["min"], bounds["max"]
    if low is not None and high is not None and low > high:
        c.add(f"{qpath}.min", message("q_min_above_max", minimum=low, maximum=high))
    return {"minimum": low, "maximum": high, "decimals": decimals}


def decimal_places(value: int | float) -> int:
    """How many decimals a number is written with (0 for 3 and 3.0; 2 for 0.25)."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" in text:  # 1e-07
        mantissa, exponent = text.split("e")
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return max(0, places - int(exponent))
    return len(text.split(".")[1])
