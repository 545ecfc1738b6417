"""A stand-in for `survey-tui answer` under serve: the web-driver protocol, and a chosen way of ending.

    python fake_app.py PIDFILE [stubborn]

Writes its pid, the prelude and one screen; echoes typed text back. `stubborn`
ignores SIGTERM and EOF, so only SIGKILL ends it (what an app stuck in a loop looks like).
"""

import os
import signal
import sys
import time
from pathlib import Path

Path(sys.argv[1]).write_text(str(os.getpid()))
stubborn = "stubborn" in sys.argv[2:]
if stubborn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
out = sys.stdout.buffer


def packet(kind: bytes, payload: bytes) -> None:
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()


out.write(b"__GANGLION__\n")
packet(b"D", b"fake app ready")
stdin = sys.stdin.buffer
while True:
    head = stdin.read(5)
    if len(head) < 5:
        break
    payload = stdin.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        packet(b"D", b"echo:" + payload)
while stubborn:
    time.sleep(1)
