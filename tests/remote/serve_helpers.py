"""Helpers for the `survey-tui serve` tests: a real server process, its answer processes, a WebSocket client.

Everything here connects to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import aiohttp

from remote_helpers import ROUND, base_env, survey_cmd

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class Served:
    """`survey-tui serve` in its own process group, stdout and stderr kept apart in files."""

    def __init__(self, db: Path, home: Path, *extra: str, round_slug: str | None = ROUND) -> None:
        self.db, self.home, self.port = db, home, free_port()
        argv = survey_cmd() + ["--db", str(db), "serve", "--port", str(self.port), "--lang", "en", *extra]
        if round_slug:
            argv += ["--round", round_slug]
        self.out_path, self.err_path = home / "serve.out", home / "serve.err"
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(argv, env=base_env(home), stdout=out, stderr=err, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited: {self.stdout()} {self.stderr()}")
            try:
                socket.create_connection((LOOPBACK, self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("serve did not start listening")

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def origin(self) -> str:
        return self.url

    def stdout(self) -> str:
        return self.out_path.read_text(errors="replace")

    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int:
        """Signal the server process itself (not its group: it must end its children)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("serve did not stop") from None
        finally:
            self.cleanup()

    def cleanup(self) -> None:
        """Whatever a failed test left: the server, then any answer process of this database."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        for pid in answer_pids(self.db):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def __enter__(self) -> "Served":
        return self

    def __exit__(self, *exc) -> None:
        self.cleanup()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def answer_pids(db: Path) -> list[int]:
    """Live `survey-tui ... answer` processes of this test's database (zombies excluded)."""
    needle = str(db).encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        parts = _cmdline(int(entry)).split(b"\0")
        if needle in parts and b"answer" in parts and _state(int(entry)) not in ("Z", "X", ""):
            found.append(int(entry))
    return found


def _state(pid: int) -> str:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return text.rsplit(")", 1)[1].split()[0]


def rss_kib(pids) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def wait_no_answer_processes(db: Path, timeout: float) -> float:
    """Seconds until no answer process of `db` is left; fails after `timeout`."""
    start = time.monotonic()
    while True:
        left = answer_pids(db)
        if not left:
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"answer processes still running after {timeout} s: {left}")
        time.sleep(0.05)


def wait_answer_processes(db: Path, count: int, timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = answer_pids(db)
        if len(pids) >= count:
            return pids
        time.sleep(0.05)
    raise AssertionError(f"expected {count} answer processes, found {answer_pids(db)}")


def ws_url(base: str, width: int = 100, height: int = 30) -> str:
    return f"{base}/ws?width={width}&height={height}"


async def read_until(ws: aiohttp.ClientWebSocketResponse, needle: str, timeout: float = 25) -> str:
    """The terminal output (escape sequences removed) until `needle` appears."""
    screen = ""
    deadline = asyncio.get_running_loop().time() + timeout
    while needle not in screen:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"{needle!r} not seen; last output: {screen[-1500:]}")
        message = await asyncio.wait_for(ws.receive(), left)
        if message.type == aiohttp.WSMsgType.BINARY:
            screen += ANSI.sub("", message.data.decode("utf-8", "replace"))
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            raise AssertionError(f"closed before {needle!r}: {screen[-1500:]}")
    return screen


async def type_text(ws: aiohttp.ClientWebSocketResponse, text: str) -> None:
    await ws.send_json(["stdin", text])


def client_port(ws: aiohttp.ClientWebSocketResponse) -> int:
    sockname = ws.get_extra_info("sockname")
    assert sockname is not None, "no socket address for this client"
    return sockname[1]
