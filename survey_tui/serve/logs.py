"""Server logging that never shows a client address or port.

aiohttp's access log is off; what else aiohttp or asyncio log (a WebSocket protocol
warning names the peer, a traceback may hold a socket's repr) goes through a formatter
that replaces anything shaped like an IP address, with its port, by "<address>".
Lines carry no time either: a journal adds its own, and a log that pairs times with
session events would help nobody but someone matching people to drafts.
"""

from __future__ import annotations

import logging
import re
import sys

# ('127.0.0.1', 53117) and ('::1', 53117, 0, 0): socket addresses as Python prints them.
_SOCKADDR = re.compile(r"\(\s*'[^']*'\s*,\s*\d{1,5}(?:\s*,\s*\d+)*\s*\)")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\w.])")
_IPV6_BRACKETED = re.compile(r"\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\w]*\](?::\d{1,5})?")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])")
# "port 53117" / "port=53117" after an address was removed
_PORT = re.compile(r"(<address>)[\s,:]*(?:port[\s=:]*)?\d{1,5}\b")

HIDDEN = "<address>"


def scrub(text: str) -> str:
    """The text with every IP address (and the port written with it) replaced."""
    text = _SOCKADDR.sub(f"({HIDDEN})", text)
    text = _IPV6_BRACKETED.sub(HIDDEN, text)
    text = _IPV4.sub(HIDDEN, text)
    text = _IPV6.sub(HIDDEN, text)
    return _PORT.sub(r"\1", text)


class NoAddressFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def setup(level: int = logging.INFO, stream=None) -> logging.Handler:
    """One stderr handler on the root logger, scrubbed; aiohttp's access log disabled."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(NoAddressFormatter("survey-tui serve: %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("aiohttp.access").disabled = True
    # Its only warning names the peer ("<ip>: Client protocols ... don't overlap").
    logging.getLogger("aiohttp.websocket").setLevel(logging.ERROR)
    return handler
