"""The small XLSForm expressions survey-tui can express: conditions, bounds, languages.

- `relevant`: `selected(${q}, 'opt')` or `${q} = 'opt'`, several joined by `or`, all on one
  question: a `show_if: {question: q, in: [opt, ...]}`. Anything else is not mapped.
- `constraint`: `. >= N`, `. <= N` (`>`/`<` on integers), joined by `and` (number bounds);
  `string-length(.) <= N` (a text's max_length); `count-selected(.) >= N` / `<= N`
  (how many choices of a select_multiple).
- language columns: `label::fi`, `label::Finnish (fi)`, `label::English`.
"""

from __future__ import annotations

import re

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_NAME = r"\$\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}"
_VALUE = r"(?:'([^']*)'|\"([^\"]*)\"|(-?\d+))"
_TERM = re.compile(
    rf"\s*(?:selected\s*\(\s*{_NAME}\s*,\s*{_VALUE}\s*\)|{_NAME}\s*=\s*{_VALUE})\s*"
)
_OR = re.compile(r"or\b")
LANGUAGE_NAMES = {
    "english": "en", "finnish": "fi", "suomi": "fi", "swedish": "sv", "svenska": "sv", "ruotsi": "sv",
    "englanti": "en", "engelska": "en", "finska": "fi", "norwegian": "no", "danish": "da", "german": "de",
    "deutsch": "de", "french": "fr", "français": "fr", "spanish": "es", "español": "es", "estonian": "et",
    "eesti": "et", "russian": "ru", "arabic": "ar", "somali": "so", "portuguese": "pt", "italian": "it",
}


def parse_relevant(text: str) -> tuple[str, list[str], bool] | None:
    """(question name, option names, any term used `=`), or None when `text` is not the
    simple form (one question, `selected()`/`=` terms joined by `or`)."""
    pos, names, values, equals = 0, [], [], False
    while True:
        m = _TERM.match(text, pos)
        if m is None:
            return None
        if m.group(1) is not None:
            names.append(m.group(1))
            values.append(next(v for v in m.group(2, 3, 4) if v is not None))
        else:
            equals = True
            names.append(m.group(5))
            values.append(next(v for v in m.group(6, 7, 8) if v is not None))
        pos = m.end()
        if pos == len(text):
            break
        o = _OR.match(text, pos)
        if o is None:
            return None
        pos = o.end()
    if len(set(names)) != 1:
        return None
    return names[0], list(dict.fromkeys(values)), equals


_BOUND = re.compile(r"\s*\.\s*(>=|<=|>|<)\s*(-?\d{1,15}(?:\.\d{1,6})?)(?![\d.])\s*")
_AND = re.compile(r"and\b")


def parse_bounds(text: str, integers: bool) -> tuple[float | int | None, float | int | None] | None:
    """(minimum, maximum) of `. >= 1 and . <= 10`; strict bounds only on integers; None
    when `text` is anything else."""
    pos, low, high = 0, None, None
    while True:
        m = _BOUND.match(text, pos)
        if m is None:
            return None
        op, raw = m.group(1), m.group(2)
        number: int | float = float(raw)
        if integers:
            if not number.is_integer():
                return None
            number = int(number)
            number = number + 1 if op == ">" else number - 1 if op == "<" else number
        elif op in (">", "<"):
            return None
        if op.startswith(">"):
            low = number if low is None else max(low, number)
        else:
            high = number if high is None else min(high, number)
        pos = m.end()
        if pos == len(text):
            return (low, high) if low is None or high is None or low <= high else None
        a = _AND.match(text, pos)
        if a is None:
            return None
        pos = a.end()


_LENGTH = re.compile(r"^\s*string-length\s*\(\s*\.\s*\)\s*(<=|<)\s*(\d{1,6})\s*$")
_COUNT = re.compile(r"\s*count-selected\s*\(\s*\.\s*\)\s*(>=|<=|>|<|=)\s*(\d{1,3})\s*")


def parse_length(text: str) -> int | None:
    m = _LENGTH.match(text)
    if m is None:
        return None
    limit = int(m.group(2)) - (1 if m.group(1) == "<" else 0)
    return limit if 1 <= limit <= 100_000 else None


def parse_count(text: str, most: int) -> tuple[int | None, int | None] | None:
    """(min, max) choices of `count-selected(.) >= 1 and count-selected(.) <= 3`, each from
    0 to `most` (the choices there are) and min <= max; None otherwise."""
    pos, low, high = 0, None, None
    while True:
        m = _COUNT.match(text, pos)
        if m is None:
            return None
        op, n = m.group(1), int(m.group(2))
        if op in (">=", ">", "="):
            low = n + 1 if op == ">" else n
        if op in ("<=", "<", "="):
            high = n - 1 if op == "<" else n
        pos = m.end()
        if pos == len(text):
            usable = all(v is None or 0 <= v <= most for v in (low, high))
            return (low, high) if usable and (low is None or high is None or low <= high) else None
        a = _AND.match(text, pos)
        if a is None:
            return None
        pos = a.end()


def language_of(suffix: str) -> str | None:
    """The code of a column's language part: `fi`, `Finnish (fi)`, `English`; None if unknown."""
    suffix = suffix.strip()
    m = re.search(r"\(([A-Za-z]{2,3})\)\s*$", suffix)
    if m:
        return m.group(1).lower()
    if re.fullmatch(r"[a-z]{2,3}", suffix):
        return suffix
    return LANGUAGE_NAMES.get(suffix.lower())


def make_id(name: str, taken: set[str], fallback: str) -> str:
    """A survey-tui id from an XLSForm name (lowercase; other characters become `_`),
    unique among `taken` (a `-2`, `-3` ... suffix), added to it."""
    base = re.sub(r"[^a-z0-9_-]+", "_", name.strip().lower()).strip("_-")[:60] or fallback
    if not ID_RE.match(base):
        base = fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:60]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def truthy(text: str) -> bool | None:
    """XLSForm's yes/no cells (`yes`, `TRUE`, `true()`, `1`); None for an expression."""
    value = text.strip().lower()
    if value in ("yes", "true", "true()", "1", "y"):
        return True
    if value in ("", "no", "false", "false()", "0", "n"):
        return False
    return None


def parameter(text: str, key: str, default: int | float | None = None) -> int | float | None:
    """A number from an XLSForm `parameters` cell (`start=1 end=5 step=1`)."""
    for part in text.replace(",", " ").replace(";", " ").split():
        k, _, v = part.partition("=")
        if k.strip().lower() == key:
            try:
                number = float(v)
            except ValueError:
                return default
            if not abs(number) <= 10**15 or round(number, 6) != number:  # inf, nan, a typing slip
                return default
            return int(number) if number.is_integer() else number
    return default


def range_fields(parameters: str, languages: list[str], decimals: int) -> dict:
    """A `range` question's fields: a scale when start..end are integers 1-10 apart in steps
    of 1 (its end points labelled with their numbers), else a number between them."""
    start, end, step = parameter(parameters, "start", 1), parameter(parameters, "end", 10), parameter(parameters, "step", 1)
    whole = all(isinstance(v, int) for v in (start, end, step))
    if whole and step == 1 and 1 <= end - start <= 10:
        labels = {point: {lang: str(point) for lang in languages} for point in (start, end)}
        return {"kind": "scale", "min": start, "max": end, "labels": labels}
    low, high = (start, end) if start <= end else (end, start)
    places = max(_places(v) for v in (start, end, step))
    return {"kind": "number", "min": low, "max": high, **({"decimals": max(decimals, places)} if places else {})}


def _places(value: int | float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
