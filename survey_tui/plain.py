"""`survey-tui answer --plain`: the questionnaire as line-by-line prompts.

For screen readers, dumb terminals and scripts. Same session and draft format, same
validation and the same Store.submit path as the Textual app, same i18n strings.
All reading and writing goes through a small Prompter (survey_tui/plain_prompter.py),
so tests script it; it writes plain lines only, on a terminal as on a pipe: no
questionary, no cursor movement, no escape sequences, no underlines.
"""

from __future__ import annotations

import re

from survey_tui.domain.closed_input import shown_answer
from survey_tui.errors import CodeRejected
from survey_tui.i18n import LANGUAGE_NAMES, LANGUAGES, code_error, numbers, ranking_key, t
from survey_tui.plain_prompter import (  # noqa: F401 - imported from here by the CLI and tests
    CHUNK,
    END_MARK,
    LINE_LIMIT,
    MARGIN,
    Aborted,
    LinePrompter,
    Validator,
    read_line,
)
from survey_tui.plain_closed import ask_closed
from survey_tui.sanitize import clean_input, clean_text


def default_prompter() -> LinePrompter:
    """Lines from stdin, on a terminal as on a pipe.

    Through this module's read_line, looked up at each read, so a test can put input()
    in its place to measure what bounded reads save (tests/faults/test_plain_bounded.py).
    """
    return LinePrompter(read_line=lambda prompt, limit: read_line(prompt, limit))


def choose_round(rounds, lang: str, prompter: LinePrompter | None = None) -> str:
    prompter = prompter or default_prompter()
    choices = []
    for rnd in rounds:
        q = rnd.questionnaire
        title = q.text(q.title, lang if lang in q.languages else q.languages[0])
        choices.append((rnd.slug, clean_text(f"{title} ({rnd.slug})")))
    try:
        return prompter.choose(t(lang, "plain_choose_round"), choices, lang)
    except Aborted:
        raise SystemExit(1) from None


def parse_ranking(text: str, item_ids: list[str], require_all: bool) -> list[str] | None:
    """'3 1 2 5 4', '3,1,2,5,4' or item ids, most important first; None if not valid."""
    tokens = [tok for tok in re.split(r"[\s,;]+", text.strip()) if tok]
    order: list[str] = []
    for tok in tokens:
        if tok.isdigit() and 1 <= int(tok) <= len(item_ids):
            item = item_ids[int(tok) - 1]
        elif tok in item_ids:
            item = tok
        else:
            return None
        if item in order:
            return None
        order.append(item)
    if require_all and len(order) != len(item_ids):
        return None
    return order


def run_plain(
    store,
    slug: str,
    *,
    lang: str | None = None,
    code: str | None = None,
    resume: str | None = None,
    prompter: LinePrompter | None = None,
    token: str | None = None,
) -> int:
    """Answer one round with prompts. 0 when stored, 1 when not (the draft is kept)."""
    from survey_tui.domain import session as draft
    from survey_tui.domain.session import Session
    from survey_tui.services import respond
    from survey_tui.services.respond import new_resume_code as new_token

    io = prompter or default_prompter()
    rnd = store.get_round(slug)
    q = rnd.questionnaire
    session = Session.begin(q, slug, token or new_token(), lang)

    def tx(mapping) -> str:
        return clean_text(q.text(mapping, session.lang)).strip()

    try:
        resumed = bool(resume) and draft.load(store, session, resume)
        if resumed:
            io.say(t(session.lang, "resumed_notice"))
        elif resume:
            # Never a silent fresh start: the respondent expects their earlier answers.
            io.say(t(session.lang, "resume_not_found"))
            if not io.confirm(t(session.lang, "plain_start_new_question"), session.lang):
                io.say(t(session.lang, "plain_not_started"))
                return 1
        if not resumed and lang is None and len([x for x in q.languages if x in LANGUAGES]) > 1:
            choices = [(x, LANGUAGE_NAMES[x]) for x in q.languages if x in LANGUAGES]
            session.lang = io.choose(t(session.lang, "plain_language_question"), choices, session.lang)
        L = session.lang

        io.say(tx(q.title))  # a plain line: an underline of "=" would be read aloud
        if tx(q.intro):
            io.say(tx(q.intro))
            io.say()
        io.say(t(L, "anonymity_heading"))
        io.say(t(L, "anonymity_text"))
        io.say(t(L, "promise_text", min_group=rnd.min_group))
        io.say()
        if tx(q.consent):
            io.say(tx(q.consent))
        if not io.confirm(t(L, "plain_consent_question"), L):
            io.say(t(L, "plain_not_started"))
            return 1
        session.started = True
        io.say(t(L, "plain_resume_code", token=session.token))
        io.say()

        if rnd.access == "codes":
            session.code = _ask_code(io, store, slug, L, code)

        for index, theme in enumerate(q.themes):
            # Conditions (conditions.py) are applied as the answers come: a theme or question
            # whose show_if does not hold for the answers so far is not asked.
            shown_themes = session.shown_themes()
            if index not in shown_themes:
                continue
            io.say()
            n, total = shown_themes.index(index) + 1, len(shown_themes)
            io.say(f"{t(L, 'progress_theme', n=n, total=total)}: {tx(theme.title)}")
            if tx(theme.context):
                io.say(tx(theme.context))
            for question in theme.questions:
                if question.id not in session.shown_questions():
                    continue
                io.say()
                io.say(tx(question.prompt))
                if not question.is_open:
                    ask_closed(io, session, question, tx)
                    continue
                marker = t(L, "required_marker" if question.required else "optional_marker").strip("()")
                saved = session.answers.get(question.id, "")
                # A line prompt cannot pre-fill its input: show the saved answer, keep it on
                # Enter, and give "-" to empty it.
                keep = bool(saved)
                if keep:
                    io.say(t(L, "plain_saved_answer", text=clean_text(saved)))
                # Typed control bytes (ESC, BEL, C1...) are dropped as the full-screen app
                # drops them from pastes, so both interfaces store the same text.
                value = clean_input(io.ask(
                    t(
                        L,
                        "plain_answer_keep_question" if keep else "plain_answer_question",
                        limit=question.max_length,
                        # "." opens an answer of several lines; said where each variant has room.
                        marker=marker + (t(L, "plain_lines_hint") if keep else ""),
                        # A required question cannot be skipped: do not offer it.
                        skip=("" if question.required or keep else t(L, "plain_empty_skips"))
                        + ("" if keep else t(L, "plain_lines_hint")),
                    ),
                    _answer_check(L, question, clear="-" if keep else None),
                    default=saved,
                    limit=question.max_length + MARGIN,
                    too_long=lambda n, limit=question.max_length: t(L, "plain_too_long", count=n, limit=limit),
                    several_lines=t(L, "plain_lines_start"),
                )).strip()
                session.answers[question.id] = "" if keep and value == "-" else value
            session.page = session.next_page(f"theme:{index}")
            draft.save(store, session)

        if q.ranking is not None:
            # In the session's order: the questionnaire's, or this respondent's shuffled one.
            items = list(session.ranking)
            titles = {item.id: item.title for item in q.ranking.items}
            io.say()
            io.say(tx(q.ranking.prompt))
            io.say(t(L, ranking_key("plain_ranking_intro", q.ranking)))
            for number, item in enumerate(items, 1):
                io.say(f"{number}. {tx(titles[item])}")
            example = " ".join(str(n) for n in reversed(range(1, len(items) + 1)))

            def ranking_check(value: str) -> str | None:
                ok = parse_ranking(value, items, q.ranking.require_all) is not None
                if ok:
                    return None
                # The order is typed again whole: nothing of the refused one is kept.
                bad = t(L, ranking_key("plain_ranking_bad", q.ranking), keys=numbers(len(items)))
                return f"{bad} {t(L, 'plain_ranking_retry')}"

            question = t(L, ranking_key("plain_ranking_question", q.ranking), example=example)
            order = parse_ranking(io.ask(question, ranking_check), items, q.ranking.require_all)
            session.ranking = order or list(items)
            session.ranking_confirmed = bool(order)
            session.page = "review"
            draft.save(store, session)

        _review(io, session, tx)
        if not io.confirm(t(L, "plain_submit_question"), L):
            draft.save(store, session)
            io.say(t(L, "plain_not_sent", token=session.token))
            return 1
        while True:
            outcome = respond.submit(store, session)
            if not outcome.stored:
                draft.save(store, session)
                io.say(outcome.message)
                if outcome.code_rejected:
                    session.code = _ask_code(io, store, slug, L, None)
                    continue
                if not io.confirm(t(L, "plain_retry_question"), L):
                    io.say(t(L, "plain_not_sent", token=session.token))
                    return 1
                continue
            break
        io.say()
        io.say(t(L, "thanks_heading"))
        if tx(q.closing):
            io.say(tx(q.closing))
        io.say(t(L, "thanks_stored"))
        return 0
    except Aborted:
        if session.has_content():
            draft.save(store, session)
            io.say("")
            io.say(t(session.lang, "plain_not_sent", token=session.token))
        else:
            io.say(t(session.lang, "plain_not_started"))
        return 1


def _answer_check(lang: str, question, clear: str | None = None) -> Validator:
    def check(value: str) -> str | None:
        value = clean_input(value).strip()  # the length that is stored
        if clear is not None and value == clear:
            value = ""
        if len(value) > question.max_length:
            return t(lang, "plain_too_long", count=len(value), limit=question.max_length)
        if question.required and not value:
            return t(lang, "required_missing")
        return None

    return check


def _ask_code(io: LinePrompter, store, slug: str, lang: str, given: str | None) -> str:
    """Ask until a valid, unused code is given (it is consumed only at submit)."""
    candidate = given
    while True:
        if candidate:
            try:
                store.check_code(slug, candidate)
                return candidate
            except CodeRejected as exc:
                io.say(code_error(lang, exc))
        io.say(t(lang, "code_text"))
        candidate = io.ask(t(lang, "plain_code_question"), lambda v: None if v.strip() else t(lang, "code_empty")).strip()


def _review(io: LinePrompter, session, tx) -> None:
    q = session.questionnaire
    L = session.lang
    io.say()
    io.say(t(L, "plain_review_heading"))
    shown = session.shown_questions()
    for number, index in enumerate(session.shown_themes(), 1):
        theme = q.themes[index]
        io.say(f"{number}. {tx(theme.title)}")
        for question in theme.questions:
            if question.id not in shown:
                continue  # hidden by a condition: not asked, not stored
            answer = shown_answer(question, session.answers, tx, L) or t(L, "review_no_answer")
            io.say(tx(question.prompt))
            io.say("\n".join(f"  {line}" for line in answer.split("\n")))  # spaces, silent to a screen reader
    if q.ranking is not None:
        titles = {item.id: tx(item.title) for item in q.ranking.items}
        io.say(t(L, "review_ranking_heading") + ":")
        stored = session.submit_ranking()  # what submit stores, not an unconfirmed order
        for pos, item in enumerate(stored, 1):
            io.say(f"{pos}. {titles[item]}")
        if not stored:
            io.say(t(L, ranking_key("review_not_ranked", q.ranking)))
