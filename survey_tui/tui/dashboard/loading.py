"""Database work off the event loop: a thread worker the calling handler awaits.

The handler (on_mount, a timer callback) awaits the worker, so the screen applies
the result in order with its other messages, while the app keeps drawing and
reading keys; a slow disk or a 100,000-response round never freezes the terminal.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from textual.worker import WorkerFailed


async def in_worker(node, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) in a thread worker of `node`; its result, or its exception."""
    worker = node.run_worker(functools.partial(fn, *args, **kwargs), thread=True, exit_on_error=False, group="db")
    try:
        return await worker.wait()
    except WorkerFailed as failed:
        raise failed.error from None
