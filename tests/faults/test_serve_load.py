"""`survey-tui serve` under a bounded load on loopback: no orphan processes, memory back, foreign pages refused.

200 connection attempts, at most 50 at once, against a real server on 127.0.0.1 (never any
other address): half of them broken handshakes of several kinds, half sessions that end in
several ways (closed at once, after a moment, torn down without a close, after the first
screen), plus foreign-Origin handshakes. Afterwards no `survey-tui answer` process of this
database may be left within 10 s, the server's memory must be back near its start, and
every foreign-Origin handshake must have been refused.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "remote"))

from serve_helpers import Served, answer_pids, read_until, rss_kib, wait_no_answer_processes, ws_url  # noqa: E402

from faultkit import size  # noqa: E402

ATTEMPTS = size(200, 400)
CONCURRENT = 50
FOREIGN = size(20, 40)
FIRST_SCREEN_EVERY = 20  # one session in this many waits for the app's first screen (the costly part)
KEY = "dGhlIHNhbXBsZSBub25jZQ=="
FIGURES_LINE = (
    "serve load: {ATTEMPTS} attempts ({CONCURRENT} at once) + {FOREIGN} foreign-Origin; answer processes left 0 "
    "after {gone_after:.2f} s; peak {kids} answer processes, peak RSS server+apps {peak:.0f} MiB; "
    "server RSS {start_kib}->{end_kib} KiB, open fds {start_fds}->{end_fds}; {runtime:.1f} s"
)


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


class Sampler(threading.Thread):
    """RSS of the server plus its answer processes, every 50 ms, while the load runs."""

    def __init__(self, server_pid: int, db: Path) -> None:
        super().__init__(daemon=True)
        self.server_pid, self.db = server_pid, db
        self.peak_kib = self.peak_children = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            children = answer_pids(self.db)
            self.peak_children = max(self.peak_children, len(children))
            self.peak_kib = max(self.peak_kib, rss_kib([self.server_pid, *children]))
            self.done.wait(0.05)


async def raw(port: int, data: bytes, *, read: bool) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        if data:
            writer.write(data)
            await writer.drain()
        return await asyncio.wait_for(reader.read(200), 10) if read else b""
    finally:
        writer.transport.abort()


def upgrade(port: int, query: str = "width=80&height=24", *headers: str, version: str = "13") -> bytes:
    lines = [f"GET /ws?{query} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {KEY}", f"Sec-WebSocket-Version: {version}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def broken(kind: int, port: int, own: str) -> str:
    """A handshake that fails on purpose; returns what the server answered."""
    if kind == 0:  # oversized window (the session that used to leave an orphan)
        reply = await raw(port, upgrade(port, "width=3000&height=2000", f"Origin: {own}"), read=True)
    elif kind == 1:  # GET /ws without an upgrade
        reply = await raw(port, f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode(), read=True)
    elif kind == 2:  # unsupported WebSocket version
        reply = await raw(port, upgrade(port, version="5"), read=True)
    elif kind == 3:  # half a request, then the connection goes
        await raw(port, f"GET /ws?width=80&hei".encode(), read=False)
        return "cut"
    elif kind == 4:  # connect and leave
        await raw(port, b"", read=False)
        return "cut"
    else:  # a whole upgrade request, gone before the answer: the server may already start the app
        await raw(port, upgrade(port, "width=80&height=24", f"Origin: {own}"), read=False)
        return "cut"
    return reply.split(b" ", 2)[1].decode() if reply.startswith(b"HTTP/") else "no reply"


async def session(http: aiohttp.ClientSession, base: str, rng: random.Random, n: int) -> str:
    try:
        ws = await http.ws_connect(ws_url(base, 90, 30), headers={"Origin": base})
    except aiohttp.WSServerHandshakeError as exc:
        return str(exc.status)
    try:
        if n % FIRST_SCREEN_EVERY == 0:
            await read_until(ws, "I agree, start", timeout=40)
        how = n % 3
        if how == 0:
            await ws.close()
        elif how == 1:
            await asyncio.sleep(rng.uniform(0.0, 0.5))
            await ws.close()
        else:  # the network drops: no close frame, the TCP connection just ends
            await asyncio.sleep(rng.uniform(0.0, 0.5))
            ws._response.connection.transport.abort()
        return "101"
    finally:
        if not ws.closed:
            await ws.close()


async def foreign(http: aiohttp.ClientSession, base: str, n: int) -> str:
    port = base.rsplit(":", 1)[1]
    origin = ("http://evil.example", f"http://evil.example:{port}", "null", f"http://127.0.0.1:{int(port) + 1}")[n % 4]
    try:
        async with http.ws_connect(ws_url(base), headers={"Origin": origin}):
            return "101"
    except aiohttp.WSServerHandshakeError as exc:
        return str(exc.status)


async def load(base: str, port: int) -> dict[str, list[str]]:
    rng = random.Random(7)
    gate = asyncio.Semaphore(CONCURRENT)
    results: dict[str, list[str]] = {"broken": [], "session": [], "foreign": []}
    jobs = [("broken", i) if i % 2 else ("session", i) for i in range(ATTEMPTS)]
    jobs += [("foreign", i) for i in range(FOREIGN)]
    rng.shuffle(jobs)
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def one(kind: str, n: int) -> None:
            async with gate:
                if kind == "broken":
                    got = await broken(n // 2 % 6, port, base)
                elif kind == "session":
                    got = await session(http, base, rng, n // 2)
                else:
                    got = await foreign(http, base, n)
                results[kind].append(got)

        await asyncio.gather(*(one(kind, n) for kind, n in jobs))
    return results


async def warm_up(base: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(base + "/") as page:
            assert page.status == 200
        async with http.ws_connect(ws_url(base), headers={"Origin": base}) as ws:
            await read_until(ws, "I agree, start", timeout=40)


@pytest.mark.slow
def test_serve_under_load_leaves_no_orphans_memory_back_foreign_origins_refused(db, tmp_path, figure):
    started = time.monotonic()
    # A cap well above the 50 at once: ending sessions hold their slot until their process is
    # gone, and the cap itself is tested in tests/remote/test_serve_sessions.py.
    with Served(db, tmp_path, "--max-sessions", "150", round_slug="r1") as served:
        asyncio.run(warm_up(served.url))
        wait_no_answer_processes(db, 10)
        start_kib = rss_kib([served.proc.pid])
        start_fds = open_fds(served.proc.pid)
        sampler = Sampler(served.proc.pid, db)
        sampler.start()
        try:
            results = asyncio.run(load(served.url, served.port))
        except AssertionError as exc:  # say why the server ended the session, from its own log
            raise AssertionError(f"{exc}\nserver log (end): {served.stderr()[-3000:]}") from exc
        finally:
            last_disconnect = time.monotonic()
        gone_after = wait_no_answer_processes(db, 10)
        sampler.done.set()
        sampler.join()
        time.sleep(0.5)  # let the server finish closing sockets before its memory is read
        end_kib = rss_kib([served.proc.pid])
        end_fds = open_fds(served.proc.pid)

        async def still_serves() -> int:
            async with aiohttp.ClientSession() as http:
                async with http.get(served.url + "/") as page:
                    return page.status

        assert asyncio.run(still_serves()) == 200
        served.stop()
        err = served.stderr()
    runtime = time.monotonic() - started

    assert len(results["broken"]) + len(results["session"]) == ATTEMPTS
    assert all(status == "403" for status in results["foreign"]), results["foreign"]
    # 400 (or 503 when the slots still held by ending sessions fill the cap), or cut by the client.
    assert set(results["broken"]) <= {"400", "503", "cut"}, set(results["broken"])
    assert set(results["session"]) == {"101"}, set(results["session"])
    assert answer_pids(db) == []
    assert gone_after <= 10
    assert end_kib - start_kib < 30 * 1024, (start_kib, end_kib)
    assert end_fds <= start_fds + 2, (start_fds, end_fds)  # no pipe or socket left open
    assert "127.0.0.1" not in err and "::1" not in err
    assert "Traceback" not in err, err[-3000:]
    assert sampler.peak_children >= 10  # the load did start many apps at once

    figure("attempts", ATTEMPTS)
    figure("broken_handshakes", len(results["broken"]))
    figure("sessions", len(results["session"]))
    figure("foreign_origin_refused", f"{results['foreign'].count('403')}/{FOREIGN}")
    figure("concurrent_limit", CONCURRENT)
    figure("peak_answer_processes", sampler.peak_children)
    figure("answer_processes_left", 0)
    figure("s_to_no_answer_process", round(gone_after, 2))
    figure("load_s", round(last_disconnect - started, 1))
    figure("server_rss_start_mib", round(start_kib / 1024, 1))
    figure("server_rss_end_mib", round(end_kib / 1024, 1))
    figure("peak_rss_server_and_apps_mib", round(sampler.peak_kib / 1024, 1))
    figure("server_open_fds_start_end", f"{start_fds}/{end_fds}")
    figure("runtime_s", round(runtime, 1))
    print(FIGURES_LINE.format(**globals(), **locals(), peak=sampler.peak_kib / 1024, kids=sampler.peak_children))
