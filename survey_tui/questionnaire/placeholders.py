"""Fill-in placeholders left in a questionnaire's texts, such as `[koordinaattorin yhteystiedot]`.

The rule (documented in questionnaires/README.md, "Placeholders"): a placeholder is text
in square brackets on one line, 2-80 characters inside, with at least two letters, no
brackets inside, not starting or ending with a space, and not followed by `(` (that is a
Markdown link, `[text](address)`). So `[coordinator's contact details]`, `[NAME]` and
`[päivämäärä]` are placeholders; `[1]`, `[x]`, `[ ]` and `[...]` are not.

`questionnaire validate` warns about them; `round open` (and `round new --open`) refuses
a questionnaire that still has one unless told `--allow-placeholders`.
"""

from __future__ import annotations

import re
from typing import Iterator, Mapping

from survey_tui.errors import message
from survey_tui.questionnaire.model import Questionnaire

PLACEHOLDER_RE = re.compile(r"\[(?! )([^\[\]\n]{2,80})(?<! )\](?!\()")


def _is_fill_in(inner: str) -> bool:
    return sum(ch.isalpha() for ch in inner) >= 2


def in_text(text: str) -> list[str]:
    """The placeholders in one text, each with its brackets, in order."""
    return [m.group(0) for m in PLACEHOLDER_RE.finditer(text or "") if _is_fill_in(m.group(1))]


def _texts(q: Questionnaire) -> Iterator[tuple[str, Mapping[str, str]]]:
    yield "title", q.title
    yield "intro", q.intro
    yield "consent", q.consent
    yield "closing", q.closing
    for ti, theme in enumerate(q.themes):
        yield f"themes[{ti}].title", theme.title
        yield f"themes[{ti}].context", theme.context
        for qi, question in enumerate(theme.questions):
            yield f"themes[{ti}].questions[{qi}].prompt", question.prompt
            for oi, option in enumerate(question.options):
                yield f"themes[{ti}].questions[{qi}].options[{oi}].title", option.title
            for point, label in sorted(question.labels.items()):
                yield f"themes[{ti}].questions[{qi}].labels.{point}", label
    if q.ranking is not None:
        yield "ranking.prompt", q.ranking.prompt
        if not q.ranking.items_are_themes:
            for ii, item in enumerate(q.ranking.items):
                yield f"ranking.items[{ii}].title", item.title


def find_placeholders(q: Questionnaire) -> list[tuple[str, str]]:
    """(field path, placeholder) for every placeholder, e.g. ("intro.fi", "[yhteystiedot]")."""
    found = []
    for path, texts in _texts(q):
        for lang in q.languages:
            for placeholder in in_text(texts.get(lang, "")):
                found.append((f"{path}.{lang}", placeholder))
    return found


def placeholders(q: Questionnaire) -> list[str]:
    """Every placeholder as `field path: [text]`; empty when none is left."""
    return [f"{path}: {text}" for path, text in find_placeholders(q)]


def refusal(q: Questionnaire, instead: str, remake: str = "") -> str | None:
    """Why a round of `q` is not opened while it has placeholders (None: it has none), with
    the fix: fill them in a copy of the file; `instead` is how to open it anyway and
    `remake` how to make the round from the copy (for a round that exists already)."""
    found = placeholders(q)
    if not found:
        return None
    shown = "; ".join(found[:3]) + ("; ..." if len(found) > 3 else "")
    from survey_tui.questionnaire.shipped import shipped_files  # noqa: PLC0415 - only when refusing

    origin = q.id if q.id in shipped_files() else "ID_OR_FILE"
    noun = message("q_noun_placeholder" if len(found) == 1 else "q_noun_placeholders")
    return message(
        "q_placeholders_refused", count=len(found), noun=noun, shown=shown, origin=origin, remake=remake, instead=instead
    )
