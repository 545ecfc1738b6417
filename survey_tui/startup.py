"""Interpreter settings for a fast first paint.

Garbage collection: start-up allocates many long-lived objects (click, Textual,
stylesheets, widgets). With the default threshold the cyclic collector rescans them dozens
of times before the first page is painted: about a fifth of `survey-tui answer`'s start-up
here (bench/bench_startup.py). Collection is relaxed while starting and restored once the
first page is on screen, with the start-up objects frozen out of later scans.

Thread switching: Textual renders a frame on the main thread and a writer thread sends it
to the terminal. The writer needs the GIL for each write and flush, and with CPython's
default 5 ms switch interval a busy main thread (mounting the rest of the page, laying it
out) held the first frame back by about 13 ms. A shorter interval lets frames reach the
terminal as soon as they are rendered. It stays short for the whole run: the interval only
matters while two threads want to run, so single-threaded commands do not notice it.
"""

from __future__ import annotations

import gc
import sys

_DEFAULT_THRESHOLD = gc.get_threshold()
SWITCH_INTERVAL = 0.0005  # seconds


def relax() -> None:
    gc.set_threshold(100_000, 50, 50)
    sys.setswitchinterval(SWITCH_INTERVAL)


def settle() -> None:
    gc.freeze()
    gc.set_threshold(*_DEFAULT_THRESHOLD)
