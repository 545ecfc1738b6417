"""Line-by-line input and output for `survey-tui answer --plain`.

The same on a real terminal, a pipe, `ssh -T` or a screen reader: text lines out, text
lines in. No cursor movement, no colour, no escape sequence of any kind is written (the
respondent's own typing is echoed by the terminal, not by this module), and nothing from
questionary or prompt_toolkit is used: their menus redraw the screen, which a screen
reader reads as noise. Choices are numbered lines answered with a number; yes/no is
answered with the language's letter (k/e, j/n, y/n) or word.
"""

from __future__ import annotations

import sys
from typing import Callable

from survey_tui.i18n import t

Validator = Callable[[str], "str | None"]  # returns an error message or None

# Characters kept of one input line: a question's max length plus MARGIN (so a long
# answer with a few control characters clean_input drops is still judged on what is
# stored); lines for yes/no, codes and rankings keep LINE_LIMIT. The rest of a longer
# line is read and dropped in CHUNK pieces, never held: `ssh -T` with one 100 MB line
# stays within a few MB (tests/faults/test_plain_bounded.py).
MARGIN = 1000
LINE_LIMIT = 4000
CHUNK = 64 * 1024

# A line with only this opens an answer of several lines, and a line with only this ends
# it. Empty lines in between are kept, so paragraphs survive; a one-line answer is typed
# as before. A full stop is one key on every keyboard layout and a screen reader says it.
END_MARK = "."

# The letters of yes and no in each language. The letter or the whole word (Kyllä, Ja,
# Yes...) is accepted, and everywhere the English y/yes and n/no too; nothing else, so
# "kanske" (maybe) is not read as a "k" for yes, nor "ehkä" as an "e" for no.
YES_NO = {"fi": ("k", "e"), "sv": ("j", "n"), "en": ("y", "n")}

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
    """Plain lines in and out: works on any terminal, a pipe or a screen reader.

    `read(prompt) -> line` scripts the input (tests); else lines come from stdin through
    `read_line(prompt, limit) -> (kept, full length)`, bounded.
    """

    def __init__(
        self,
        read: Callable[[str], str] | None = None,
        write: Callable[[str], None] | None = None,
        *,
        read_line: Callable[[str, int], tuple[str, int]] | None = None,
    ) -> None:
        self._read = read
        self._read_line = read_line or read_line_stdin
        self._write = write or _print_wrapped

    def say(self, text: str = "") -> None:
        self._write(text)

    def _line(self, prompt: str, limit: int) -> tuple[str, int]:
        try:
            if self._read is None:
                return self._read_line(prompt, limit)
            value = self._read(prompt)
        except (EOFError, KeyboardInterrupt):
            raise Aborted from None
        return value[:limit], len(value)

    def ask(
        self,
        message: str,
        validate: Validator | None = None,
        default: str = "",
        *,
        limit: int = LINE_LIMIT,
        too_long: Callable[[int], str] | None = None,
        several_lines: str | None = None,
    ) -> str:
        """One line; a line longer than `limit` is cut there, and with `too_long` it is
        refused with that notice (its full length) and asked again. With `several_lines`
        (the notice to say), a line with only END_MARK opens an answer of several lines
        that a line with only END_MARK ends; `limit` then bounds the whole answer."""
        while True:
            value, length = self._line(f"{message} ", limit)
            if several_lines is not None and value.strip() == END_MARK:
                self.say(several_lines)
                value, length = self._lines(limit)
            if length > limit and too_long is not None:
                self.say(too_long(length))
                continue
            if not value and default:
                value = default
            problem = validate(value) if validate else None
            if problem is None:
                return value
            self.say(problem)

    def _lines(self, limit: int) -> tuple[str, int]:
        """Lines up to one with only END_MARK: (kept text, up to `limit`; full length)."""
        kept: list[str] = []
        size = total = 0
        while True:
            line, length = self._line("", limit)
            if line.strip() == END_MARK and length == len(line):
                return "\n".join(kept), total
            total += length + (1 if kept else 0)
            if size <= limit:  # what is held stays within the limit; the rest is only counted
                piece = line[: limit + 1 - size]
                kept.append(piece)
                size += len(piece) + 1

    def confirm(self, message: str, lang: str) -> bool:
        yes, no = YES_NO.get(lang, YES_NO["en"])
        yes_words = {yes, t(lang, "plain_yes").lower(), "y", "yes"}
        no_words = {no, t(lang, "plain_no").lower(), "n", "no"}
        while True:
            answer = self.ask(f"{message} [{yes}/{no}]").strip().lower()
            if answer in yes_words:
                return True
            if answer in no_words:
                return False
            self.say(t(lang, "plain_yes_no_retry", yes=yes, no=no))

    def choose(self, message: str, choices: list[tuple[str, str]], lang: str | None = None) -> str:
        """Numbered lines; the answer is a number, or a choice's value (a language code, a slug)."""
        for number, (_, label) in enumerate(choices, 1):
            self.say(f"{number}. {label}")

        def valid(value: str) -> str | None:
            value = value.strip()
            ok = value.isdigit() and 1 <= int(value) <= len(choices)
            return None if ok or value in {c[0] for c in choices} else t(lang, "plain_choose_retry", count=len(choices))

        value = self.ask(message, valid).strip()
        return choices[int(value) - 1][0] if value.isdigit() else value


def read_line_stdin(prompt: str, limit: int) -> tuple[str, int]:
    return read_line(prompt, limit)
