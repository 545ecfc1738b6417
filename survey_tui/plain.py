"""`survey-tui answer --plain`: the questionnaire as line-by-line prompts.

For screen readers, dumb terminals and scripts. Same session and draft format, same
validation and the same Store.submit path as the Textual app, same i18n strings.
All reading and writing goes through a small Prompter, so tests script it; questionary
is imported only when a real terminal is attached (and only here).
"""

from __future__ import annotations

import re
import sys
from typing import Callable

from survey_tui.errors import CodeRejected, SurveyError
from survey_tui.i18n import LANGUAGES, code_error, numbers, ranking_key, t
from survey_tui.sanitize import clean_input, clean_text

Validator = Callable[[str], "str | None"]  # returns an error message or None

# Characters kept of one input line: a question's max length plus MARGIN (so a long
# answer with a few control characters clean_input drops is still judged on what is
# stored); lines for yes/no, codes and rankings keep LINE_LIMIT. The rest of a longer
# line is read and dropped in CHUNK pieces, never held: `ssh -T` with one 100 MB line
# stays within a few MB (tests/faults/test_plain_bounded.py).
MARGIN = 1000
LINE_LIMIT = 4000
CHUNK = 64 * 1024


def read_line(prompt: str, limit: int, stdin=None, stdout=None) -> tuple[str, int]:
    """One line from stdin, at most `limit` characters kept: (kept text, full length).

    In place of input(), which holds a whole line however long. EOFError at the end of
    input, as input(). Bytes that are not valid in the input's encoding become U+FFFD.
    """
    import codecs

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if prompt:
        stdout.write(prompt)
        stdout.flush()
    raw = getattr(stdin, "buffer", None)
    if raw is None:  # a text stream (a test's StringIO): bounded the same way
        first = stdin.readline(limit + 1)
        if not first:
            raise EOFError
        kept, total, rest = first, len(first), first
        while rest and not rest.endswith("\n"):
            rest = stdin.readline(CHUNK)
            total += len(rest)
    else:
        decoder = codecs.getincrementaldecoder(getattr(stdin, "encoding", None) or "utf-8")(errors="replace")
        first = raw.readline(4 * (limit + 1))  # UTF-8: at most 4 bytes a character
        if not first:
            raise EOFError
        kept = decoder.decode(first, final=first.endswith(b"\n"))
        total, rest = len(kept), first
        while rest and not rest.endswith(b"\n"):
            rest = raw.readline(CHUNK)
            total += len(decoder.decode(rest, final=not rest or rest.endswith(b"\n")))
    line_end = 1 if kept.endswith("\n") else 0
    kept = kept[: len(kept) - line_end]
    total -= 1 if rest.endswith("\n" if isinstance(rest, str) else b"\n") else 0
    if kept.endswith("\r"):  # CRLF from a Windows client
        kept, total = kept[:-1], total - 1
    return kept[:limit], total


class Aborted(Exception):
    """The respondent ended input (Ctrl+D / Ctrl+C / end of a script)."""


def _print_wrapped(text: str) -> None:
    """Print with lines broken between words at the terminal's width, not mid-word."""
    import shutil
    import textwrap

    width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
    lines = [textwrap.fill(line, width) if len(line) > width else line for line in text.split("\n")]
    print("\n".join(lines), flush=True)


class LinePrompter:
    """Plain input()/print(): works on any terminal, a pipe or a screen reader."""

    prefills_default = False  # ask(default=...) keeps the default on an empty line, unseen

    def __init__(self, read: Callable[[str], str] | None = None, write: Callable[[str], None] | None = None) -> None:
        self._read = read  # None: bounded lines from stdin (read_line)
        self._write = write or _print_wrapped

    def say(self, text: str = "") -> None:
        self._write(text)

    def _line(self, prompt: str, limit: int) -> tuple[str, int]:
        if self._read is None:
            return read_line(prompt, limit)
        value = self._read(prompt)
        return value[:limit], len(value)

    def ask(
        self,
        message: str,
        validate: Validator | None = None,
        default: str = "",
        *,
        limit: int = LINE_LIMIT,
        too_long: Callable[[int], str] | None = None,
    ) -> str:
        """One line; a line longer than `limit` is cut there, and with `too_long` it is
        refused with that notice (its full length) and asked again."""
        while True:
            try:
                value, length = self._line(f"{message} ", limit)
            except (EOFError, KeyboardInterrupt):
                raise Aborted from None
            if length > limit and too_long is not None:
                self.say(too_long(length))
                continue
            if not value and default:
                value = default
            problem = validate(value) if validate else None
            if problem is None:
                return value
            self.say(problem)

    def confirm(self, message: str, lang: str) -> bool:
        yes, no = ("k", "e") if lang == "fi" else ("y", "n")
        while True:
            answer = self.ask(f"{message} [{yes}/{no}]").strip().lower()
            if answer[:1] in (yes, "y", "k"):
                return True
            if answer[:1] in (no, "n", "e"):
                return False

    def choose(self, message: str, choices: list[tuple[str, str]], lang: str | None = None) -> str:
        for number, (_, label) in enumerate(choices, 1):
            self.say(f"  {number}. {label}")

        def valid(value: str) -> str | None:
            value = value.strip()
            ok = value.isdigit() and 1 <= int(value) <= len(choices)
            return None if ok or value in {c[0] for c in choices} else f"1–{len(choices)}"

        value = self.ask(message, valid).strip()
        return choices[int(value) - 1][0] if value.isdigit() else value


class QuestionaryPrompter(LinePrompter):
    """questionary prompts on a real terminal (arrow-key choices, inline validation).

    Nothing of questionary's own English reaches the respondent: yes/no is a select of
    translated choices (its confirm prompt shows "(Y/n)" and "Yes" and takes only y/n),
    every select gets a translated instruction, and Ctrl+C is handled here instead of
    printing "Cancelled by user".
    """

    prefills_default = True  # ask(default=...) puts it in the input line, to edit or delete

    def __init__(self) -> None:
        super().__init__()
        import questionary  # noqa: PLC0415 - only for --plain on a terminal

        self.q = questionary

    @staticmethod
    def _run(question):
        try:
            value = question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):  # Ctrl+C, or Ctrl+D: keep the draft, say how to go on
            raise Aborted from None
        if value is None:
            raise Aborted
        return value

    def ask(self, message: str, validate: Validator | None = None, default: str = "", **_bounds) -> str:
        # A terminal's line editor (prompt_toolkit) holds what is typed; the bounds are
        # for lines read from a pipe or `ssh -T` (LinePrompter).
        def check(value: str):
            problem = validate(value) if validate else None
            return True if problem is None else problem

        return self._run(self.q.text(message, validate=check, default=default))

    def confirm(self, message: str, lang: str) -> bool:
        yes, no = ("k", "e") if lang == "fi" else ("y", "n")
        choices = [
            self.q.Choice(t(lang, "plain_yes"), value=True, shortcut_key=yes),
            self.q.Choice(t(lang, "plain_no"), value=False, shortcut_key=no),
        ]
        # use_jk_keys off: its "k" (move up) would shadow the Finnish "k" for kyllä.
        question = self.q.select(
            message,
            choices=choices,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=t(lang, "plain_confirm_instruction", yes=yes, no=no),
        )
        return bool(self._run(question))

    def choose(self, message: str, choices: list[tuple[str, str]], lang: str | None = None) -> str:
        question = self.q.select(
            message,
            choices=[self.q.Choice(label, value=v) for v, label in choices],
            instruction=t(lang, "plain_choose_instruction") if lang else "(↑↓ Enter)",
        )
        return self._run(question)


def default_prompter() -> LinePrompter:
    import os

    if sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM", "") not in ("", "dumb"):
        return QuestionaryPrompter()
    return LinePrompter()


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
            choices = [(x, t(x, f"lang_name_{x}")) for x in q.languages if x in LANGUAGES]
            session.lang = io.choose(t(session.lang, "plain_language_question"), choices)
        L = session.lang

        io.say(tx(q.title))
        io.say("=" * min(len(tx(q.title)), 70))
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
            io.say()
            io.say(f"{t(L, 'progress_theme', n=index + 1, total=len(q.themes))}: {tx(theme.title)}")
            if tx(theme.context):
                io.say(tx(theme.context))
            for question in theme.questions:
                io.say()
                io.say(tx(question.prompt))
                marker = t(L, "required_marker" if question.required else "optional_marker").strip("()")
                saved = session.answers.get(question.id, "")
                # A line prompt cannot pre-fill its input: show the saved answer, keep it on
                # Enter, and give "-" to empty it (an editable default on a terminal does both).
                keep = bool(saved) and not io.prefills_default
                if keep:
                    io.say(t(L, "plain_saved_answer", text=clean_text(saved)))
                # Typed control bytes (ESC, BEL, C1...) are dropped as the full-screen app
                # drops them from pastes, so both interfaces store the same text.
                value = clean_input(io.ask(
                    t(
                        L,
                        "plain_answer_keep_question" if keep else "plain_answer_question",
                        limit=question.max_length,
                        marker=marker,
                        # A required question cannot be skipped: do not offer it.
                        skip="" if question.required else t(L, "plain_empty_skips"),
                    ),
                    _answer_check(L, question, clear="-" if keep else None),
                    default=saved,
                    limit=question.max_length + MARGIN,
                    too_long=lambda n, limit=question.max_length: t(L, "plain_too_long", count=n, limit=limit),
                )).strip()
                session.answers[question.id] = "" if keep and value == "-" else value
            session.page = session.next_page(f"theme:{index}")
            draft.save(store, session)

        if q.ranking is not None:
            items = [item.id for item in q.ranking.items]
            io.say()
            io.say(tx(q.ranking.prompt))
            io.say(t(L, ranking_key("plain_ranking_intro", q.ranking)))
            for number, item in enumerate(q.ranking.items, 1):
                io.say(f"  {number}. {tx(item.title)}")
            example = " ".join(str(n) for n in reversed(range(1, len(items) + 1)))

            def ranking_check(value: str) -> str | None:
                ok = parse_ranking(value, items, q.ranking.require_all) is not None
                return None if ok else t(L, ranking_key("plain_ranking_bad", q.ranking), keys=numbers(len(items)))

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
    for index, theme in enumerate(q.themes, 1):
        io.say(f"{index}. {tx(theme.title)}")
        for question in theme.questions:
            answer = clean_text(session.answers.get(question.id, "")).strip() or t(L, "review_no_answer")
            io.say(f"  - {tx(question.prompt)}")
            io.say(f"    {answer}")
    if q.ranking is not None:
        titles = {item.id: tx(item.title) for item in q.ranking.items}
        io.say(t(L, "review_ranking_heading") + ":")
        stored = session.submit_ranking()  # what submit stores, not an unconfirmed order
        for pos, item in enumerate(stored, 1):
            io.say(f"  {pos}. {titles[item]}")
        if not stored:
            io.say(f"  {t(L, ranking_key('review_not_ranked', q.ranking))}")
