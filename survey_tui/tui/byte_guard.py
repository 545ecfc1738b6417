"""Terminal bytes that are not UTF-8 are read as Latin-1 instead of ending the app.

Textual decodes terminal input as strict UTF-8 in its input thread: one byte from a
terminal set to Latin-1 (PuTTY, an old SSH client: "ä" is 0xE4) or a raw C1 byte in a
paste raised UnicodeDecodeError and the app died with a traceback. Read as Latin-1, such
a byte becomes the character the person most likely typed; the paste filter and the
answer fields then treat it like any other character. Valid UTF-8 is decoded as before.
"""

from __future__ import annotations

import codecs
import os

from survey_tui.tui import compat

ERRORS = "survey-tui-latin1"


def _as_latin1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


def install() -> None:
    """Make Textual's terminal drivers decode with the Latin-1 fallback (idempotent).

    How the drivers' decoders are reached (their module-level names) is in compat."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _as_latin1)
    # `survey-tui serve` runs the app with the web driver (see serve/child.py).
    web = os.environ.get("TEXTUAL_DRIVER", "").startswith(compat.WEB_DRIVER)
    compat.lenient_driver_decoders(ERRORS, web=web)
