"""Garbage-collector settings for a fast first paint.

Start-up allocates many long-lived objects (click, Textual, stylesheets, widgets). With
the default threshold the cyclic collector rescans them dozens of times before the
first page is painted: about a fifth of `survey-tui answer`'s start-up here
(bench/bench_startup.py). Collection is relaxed while starting and restored once the
first page is on screen, with the start-up objects frozen out of later scans.
"""

from __future__ import annotations

import gc

_DEFAULT_THRESHOLD = gc.get_threshold()


def relax() -> None:
    gc.set_threshold(100_000, 50, 50)


def settle() -> None:
    gc.freeze()
    gc.set_threshold(*_DEFAULT_THRESHOLD)
