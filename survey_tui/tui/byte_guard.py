"""Terminal bytes that are not UTF-8 are read as Latin-1 instead of ending the app.

Textual decodes terminal input as strict UTF-8 in its input thread: one byte from a
terminal set to Latin-1 (PuTTY, an old SSH client: "ä" is 0xE4) or a raw C1 byte in a
paste raised UnicodeDecodeError and the app died with a traceback. Read as Latin-1, such
a byte becomes the character the person most likely typed; the paste filter and the
answer fields then treat it like any other character. Valid UTF-8 is decoded as before.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import os

ERRORS = "survey-tui-latin1"


def _as_latin1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


def install() -> None:
    """Make Textual's terminal drivers decode with the Latin-1 fallback (idempotent)."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _as_latin1)
    names = ["textual.drivers.linux_driver"]  # imported by every terminal run anyway
    if os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):
        names.append("textual.drivers.web_driver")  # `survey-tui serve` runs the app with it
    for module in map(importlib.import_module, names):
        if getattr(module.getincrementaldecoder, "_byte_guard", False):
            continue
        lenient = functools.partial(_decoder_factory, module.getincrementaldecoder)
        lenient._byte_guard = True
        module.getincrementaldecoder = lenient


def _decoder_factory(original, encoding: str):
    return functools.partial(original(encoding), errors=ERRORS)
