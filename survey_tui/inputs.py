"""Input files read whole, but never past a limit, with one clear line when they cannot be."""

from __future__ import annotations

from pathlib import Path

from survey_tui.errors import InvalidInput, message, os_reason


STDIN = "-"  # as every Unix tool reads it: standard input


def read_bounded(path: str, limit: int) -> bytes:
    """A whole input file ("-": standard input), refused with one clear line when missing or
    larger than limit."""
    if path == STDIN:
        import sys

        raw = sys.stdin.buffer.read(limit + 1)
        if len(raw) > limit:
            raise InvalidInput(message("in_stdin_too_big", limit=limit))
        return raw
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limit:
            raise InvalidInput(message("in_file_too_big", path=path, size=size, limit=limit))
        # The size of a device or pipe (/dev/zero, <(...)) says nothing: never read past the limit.
        with file.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(message("in_cannot_read", path=path, reason=os_reason(exc))) from None
    if len(raw) > limit:
        raise InvalidInput(message("in_input_too_big", path=path, limit=limit))
    return raw
