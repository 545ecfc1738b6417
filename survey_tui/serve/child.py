"""One `survey-tui answer` process for one browser session, and how it always ends.

The process speaks textual's web-driver protocol: packets of one type byte (D data,
M meta JSON, P packed), a 4-byte big-endian length and the payload, after a
`__GANGLION__` line (undocumented upstream: the constants are in survey_tui/tui/compat.py).
It runs in its own process group, without a shell, with its stderr discarded (it may
hold a resume code, which is no business of the server log), and on Linux it is sent
SIGTERM if the server dies without stopping it.

Stopping: SIGTERM (the app keeps the draft and exits, see cli/answer_cmd.py), then
SIGKILL to the whole group after `grace` seconds. `stop` is idempotent and safe to
call from several places at once (session end, idle timeout, server shutdown).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys

from survey_tui.tui import compat

PRELUDE = compat.WEB_PRELUDE
PRELUDE_LINES = compat.WEB_PRELUDE_LINES
TERM_GRACE = 3.0  # seconds between SIGTERM and SIGKILL
KILL_WAIT = 2.0


def child_environment(width: int, height: int) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("TEXTUAL", "TEXTUAL_LOG", "TEXTUAL_DEVTOOLS_HOST", "TEXTUAL_DEVTOOLS_PORT"):
        env.pop(name, None)
    env.update(compat.web_driver_environment(width, height))
    return env


def _parent_death_signal():
    """A preexec function: SIGTERM to the child when the server process dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    PR_SET_PDEATHSIG = 1

    def set_it() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    return set_it


_PDEATHSIG = _parent_death_signal()


packet = compat.web_packet


class Child:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.pid = proc.pid
        self._stopping: asyncio.Task | None = None

    @classmethod
    async def start(cls, argv: list[str], width: int, height: int) -> "Child":
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=child_environment(width, height),
            start_new_session=True,
            preexec_fn=_PDEATHSIG,
        )
        return cls(proc)

    @property
    def running(self) -> bool:
        return self.proc.returncode is None

    # ------------------------------------------------------------ talking to the app

    async def send(self, kind: bytes, payload: bytes) -> bool:
        stdin = self.proc.stdin
        if stdin is None or stdin.is_closing() or not self.running:
            return False
        try:
            stdin.write(packet(kind, payload))
            await stdin.drain()
        except (ConnectionError, RuntimeError, OSError):
            return False
        return True

    async def send_meta(self, data: dict) -> bool:
        return await self.send(compat.PACKET_META, json.dumps(data).encode("utf-8"))

    async def packets(self):
        """(type, payload) from the app until its output ends; nothing if it never started."""
        stdout = self.proc.stdout
        try:
            for _ in range(PRELUDE_LINES):
                line = await stdout.readline()
                if not line:
                    return
                if line == PRELUDE:
                    break
            else:
                return
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                yield kind, await stdout.readexactly(size)
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            return

    # ------------------------------------------------------------ ending it

    def _signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.pid, sig)  # its own group (start_new_session): the app and anything it started
        except ProcessLookupError:
            pass
        except PermissionError:  # pragma: no cover - the group is ours; fall back to the process
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    async def stop(self, grace: float = TERM_GRACE) -> int | None:
        """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop(grace))
        return await asyncio.shield(self._stopping)

    async def _stop(self, grace: float) -> int | None:
        proc = self.proc
        if proc.stdin is not None:
            proc.stdin.close()  # EOF: the app also reads this as a lost connection
        if proc.returncode is None:
            self._signal_group(signal.SIGTERM)
            await self._exited(grace)
        # The group may hold a straggler even after the app itself ended.
        self._signal_group(signal.SIGKILL)
        await self._exited(KILL_WAIT)
        self._release()
        return proc.returncode

    async def _exited(self, timeout: float) -> bool:
        """Wait for the exit itself. (Not proc.wait(): until its output pipe has been read to
        the end, which nobody does once the session is over, asyncio does not wake it.)"""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.proc.returncode is None:
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    def _release(self) -> None:
        """Close the pipes: unread output would otherwise keep them, and their buffers, open."""
        transport = getattr(self.proc, "_transport", None)
        if transport is not None:
            transport.close()

    def kill_now(self) -> None:
        """Last resort, without an event loop (after the server loop has ended)."""
        self._signal_group(signal.SIGKILL)
