"""What the dashboard's coding workbench needs beyond services.coding: the open questions of
a round and the poster written into the results folder.

The rules stay where they are: the sealing rule (services/sealing.py), the codebook's
(services/codebook.py), the poster's content (services/poster.py). These only gather.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    theme_id: str
    theme_title: str
    prompt: str


def open_questions(store, slug: str, lang: str) -> tuple[OpenQuestion, ...]:
    """The round's open (free text) questions in questionnaire order, texts in `lang` (the
    questionnaire's first language when it lacks `lang`). Shows no answer."""
    q = store.get_round(slug).questionnaire
    lang = lang if lang in q.languages else q.languages[0]
    return tuple(OpenQuestion(question.id, theme.id, q.text(theme.title, lang), q.text(question.prompt, lang))
                 for theme, question in q.questions() if question.is_open)


def themes(store, slug: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(theme id, title) of the round's questionnaire, titles in `lang` when it has them."""
    q = store.get_round(slug).questionnaire
    lang = lang if lang in q.languages else q.languages[0]
    return tuple((t.id, q.text(t.title, lang)) for t in q.themes)


POSTER_FORMATS = ("html", "svg", "pdf")


def write_poster(store, slug: str, folder: str | Path, lang: str | None = None) -> list[Path]:
    """The poster of `slug` (services.poster: its refusals first) written to `folder` as
    poster.html and poster.svg, and poster.pdf when the 'pdf' extra is installed; the paths.
    Each file is written whole or not at all."""
    from survey_tui.extras import missing
    from survey_tui.folders import make_folder
    from survey_tui.poster_render import render
    from survey_tui.services.poster import poster_data

    data = poster_data(store, slug, lang)
    folder = Path(folder)
    make_folder(folder)
    written = []
    for fmt in POSTER_FORMATS:
        if fmt == "pdf" and missing("pdf"):
            continue
        path = folder / f"poster.{fmt}"
        _write_whole(path, render(data, fmt))
        written.append(path)
    return written


def _write_whole(path: Path, data: str | bytes) -> None:
    from survey_tui.errors import InvalidInput, message, os_reason
    from survey_tui.folders import write_whole

    try:
        write_whole(path, data)
    except OSError as exc:
        raise InvalidInput(message("cod_cannot_write", path=path, reason=os_reason(exc))) from None
