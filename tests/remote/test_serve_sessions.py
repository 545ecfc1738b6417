"""`survey-tui serve` sessions: every answer process ends with its connection, whichever way it ends.

In-process tests run survey_tui.serve.server with the real `survey-tui answer` (or
tests/remote/fake_app.py where only the protocol matters) on 127.0.0.1; the tests at the
end run the `serve` command itself. No other address is ever used.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from remote_helpers import ROUND, survey_cmd
from serve_helpers import (
    Served,
    answer_pids,
    client_port,
    read_until,
    type_text,
    wait_answer_processes,
    wait_no_answer_processes,
    ws_url,
)

from survey_tui.serve.server import ServeConfig, SessionServer
from survey_tui.store import Store

FAKE_APP = Path(__file__).with_name("fake_app.py")


def answer_argv(db: Path) -> list[str]:
    return survey_cmd() + ["--db", str(db), "answer", "--round", ROUND, "--lang", "en"]


@contextlib.asynccontextmanager
async def serving(argv: list[str], *, loopback: bool = True, **options):
    """SessionServer on 127.0.0.1 and a free port; yields (server, base_url); shuts down like serve does.

    loopback=False: the policy of `serve --public` (the bind address is still 127.0.0.1)."""
    server = SessionServer(ServeConfig(argv=argv, host="127.0.0.1", port=0, **options), loopback=loopback)
    runner = web.AppRunner(server.make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    # The allowed origins were computed for port 0: recompute for the real one.
    server.config.port = port
    from survey_tui.serve.server import allowed_origins

    server.origins = allowed_origins(server.config, loopback)
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def origin(base: str) -> dict[str, str]:
    return {"Origin": base}


async def until(predicate, timeout: float, step: float = 0.05) -> float:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)
    return time.monotonic() - start


TOKEN = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b")


async def start_answering(ws, text: str) -> str:
    """Past the welcome page, type `text` on theme 1; returns the resume code from the quit
    dialog (which saves nothing by itself: only what ends the session can keep the text)."""
    await read_until(ws, "I agree, start")
    await type_text(ws, "\r")
    await read_until(ws, "Theme 1 / 5")
    await type_text(ws, text)
    await asyncio.sleep(0.1)
    await type_text(ws, "\x11")  # Ctrl+Q: the dialog shows the resume code
    ws.last_input = time.monotonic()
    screen = await read_until(ws, "Keep answering")
    [token] = set(TOKEN.findall(screen))
    return token


def draft_of(db: Path, token: str) -> dict | None:
    with Store(db) as store:
        return store.load_draft(ROUND, token)


# ---------------------------------------------------------------- the real app


def test_closed_tab_ends_the_app_within_seconds_and_keeps_the_draft(remote_db):
    async def run():
        async with serving(answer_argv(remote_db)) as (server, base):
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(ws_url(base), headers=origin(base)) as ws:
                    token = await start_answering(ws, "typed just before the tab closed")
                    assert len(answer_pids(remote_db)) == 1
                    before = draft_of(remote_db, token)  # what the page change saved: not the text yet
                    assert before is None or "q1a" not in before["answers"]
                closed = time.monotonic()
            await until(lambda: not server.sessions, 8)
            assert not answer_pids(remote_db)
            return time.monotonic() - closed, token

    took, token = asyncio.run(run())
    assert took < 5
    assert draft_of(remote_db, token)["answers"] == {"q1a": "typed just before the tab closed"}
    with Store(remote_db) as store:
        assert store.count_responses(ROUND) == 0 and store.count_drafts(ROUND) == 1


def test_dropped_connection_and_server_stop_end_every_app(remote_db):
    async def run():
        async with serving(answer_argv(remote_db)) as (server, base):
            async with aiohttp.ClientSession() as http:
                dropped = await http.ws_connect(ws_url(base), headers=origin(base))
                kept = await http.ws_connect(ws_url(base), headers=origin(base))
                await read_until(dropped, "I agree, start")
                await read_until(kept, "I agree, start")
                assert len(answer_pids(remote_db)) == 2
                # The network goes: the TCP connection is torn down with no WebSocket close.
                dropped._response.connection.transport.abort()
                await until(lambda: len(server.sessions) == 1, 8)
                assert len(answer_pids(remote_db)) == 1
            # `kept` was never closed by its client: the server's shutdown ends it.

    asyncio.run(run())
    wait_no_answer_processes(remote_db, 1)  # the shutdown waited for them already


def test_idle_session_is_closed_and_its_draft_kept(remote_db):
    async def run():
        async with serving(answer_argv(remote_db), idle_timeout=6.0) as (server, base):
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(ws_url(base), headers=origin(base)) as ws:
                    token = await start_answering(ws, "left half-written")
                    typed = ws.last_input
                    while True:  # screen updates are not input: the session ends by itself
                        message = await asyncio.wait_for(ws.receive(), 15)
                        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                            break
                    assert time.monotonic() - typed >= 5.5  # not long before the 6 s of idleness
            await until(lambda: not server.sessions, 8)
            assert server.stats["idle_closed"] == 1
            return token

    token = asyncio.run(run())
    assert not answer_pids(remote_db)
    assert draft_of(remote_db, token)["answers"] == {"q1a": "left half-written"}


# ---------------------------------------------------------------- protocol only (fake app)


def fake_argv(tmp_path: Path, *mode: str) -> list[str]:
    return [sys.executable, str(FAKE_APP), str(tmp_path / "fake.pid"), *mode]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_an_app_that_ignores_sigterm_is_killed_after_the_grace_period(tmp_path):
    async def run():
        async with serving(fake_argv(tmp_path, "stubborn"), term_grace=1.0) as (server, base):
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(ws_url(base), headers=origin(base)) as ws:
                    await read_until(ws, "fake app ready")
                    pid = int((tmp_path / "fake.pid").read_text())
                closed = time.monotonic()
            await until(lambda: not server.sessions, 6)
            return pid, time.monotonic() - closed

    pid, took = asyncio.run(run())
    assert not alive(pid)
    assert 0.9 <= took < 4


def test_foreign_origins_are_refused_same_origin_and_non_browser_clients_accepted(tmp_path):
    async def run():
        async with serving(fake_argv(tmp_path)) as (server, base):
            port = base.rsplit(":", 1)[1]
            statuses = {}
            async with aiohttp.ClientSession() as http:
                for name in (
                    "http://evil.example",
                    f"http://evil.example:{port}",  # DNS rebinding: a foreign name for this address
                    "null",
                    f"https://127.0.0.1:{port}",
                    f"http://127.0.0.1:{int(port) + 1}",
                    base,
                    f"http://localhost:{port}",
                    f"http://[::1]:{port}",
                    None,
                ):
                    headers = {} if name is None else {"Origin": name}
                    try:
                        async with http.ws_connect(ws_url(base), headers=headers) as ws:
                            await read_until(ws, "fake app ready")
                            statuses[name] = 101
                    except aiohttp.WSServerHandshakeError as exc:
                        statuses[name] = exc.status
            await until(lambda: not server.sessions, 6)
            return statuses, server.stats["sessions"]

    statuses, started = asyncio.run(run())
    refused = [n for n, s in statuses.items() if s == 403]
    assert refused == list(statuses)[:5], statuses
    assert started == 4


def test_session_cap_busy_page_and_refused_websocket(tmp_path):
    async def run():
        async with serving(fake_argv(tmp_path), max_sessions=2, title="Kysely <b>&</b>") as (server, base):
            async with aiohttp.ClientSession() as http:
                first = await http.ws_connect(ws_url(base), headers=origin(base))
                second = await http.ws_connect(ws_url(base), headers=origin(base))
                await read_until(first, "ready")
                await read_until(second, "ready")
                async with http.get(base + "/") as page:
                    busy_status, busy_text, retry = page.status, await page.text(), page.headers.get("Retry-After")
                try:
                    await http.ws_connect(ws_url(base), headers=origin(base))
                    third = 101
                except aiohttp.WSServerHandshakeError as exc:
                    third = exc.status
                await first.close()
                await until(lambda: len(server.sessions) == 1, 6)
                async with http.get(base + "/") as page:
                    after_status = page.status
                await second.close()
            return busy_status, busy_text, retry, third, after_status

    busy_status, busy_text, retry, third, after_status = asyncio.run(run())
    assert busy_status == 503 and retry == "60"
    assert "Too many people are answering right now" in busy_text
    assert "<title>Kysely &lt;b&gt;&amp;&lt;/b&gt;</title>" in busy_text
    assert third == 503
    assert after_status == 200


def test_oversized_or_malformed_handshakes_start_no_process(tmp_path):
    async def run():
        async with serving(fake_argv(tmp_path)) as (server, base):
            statuses = []
            async with aiohttp.ClientSession() as http:
                for query in ("width=3000&height=2000", "width=80&height=0", "width=x&height=24", "width=-5&height=24"):
                    try:
                        async with http.ws_connect(f"{base}/ws?{query}", headers=origin(base)):
                            statuses.append(101)
                    except aiohttp.WSServerHandshakeError as exc:
                        statuses.append(exc.status)
                async with http.get(f"{base}/ws", headers=origin(base)) as plain:  # no Upgrade header
                    statuses.append(plain.status)
            await until(lambda: not server.sessions, 3)
            return statuses, server.stats["sessions"]

    statuses, started = asyncio.run(run())
    assert statuses == [400, 400, 400, 400, 400]
    assert started == 0 and not (tmp_path / "fake.pid").exists()


# ---------------------------------------------------------------- the serve command


def test_server_sigterm_ends_sessions_and_itself(remote_db, tmp_path):
    with Served(remote_db, tmp_path) as served:

        async def open_two():
            http = aiohttp.ClientSession()
            sockets = [await http.ws_connect(ws_url(served.url), headers=origin(served.url)) for _ in range(2)]
            for ws in sockets:
                await read_until(ws, "I agree, start")
            return http, sockets

        loop = asyncio.new_event_loop()
        try:
            http, sockets = loop.run_until_complete(open_two())
            assert len(answer_pids(remote_db)) == 2
            started = time.monotonic()
            status = served.stop(signal.SIGTERM)
            took = time.monotonic() - started
            loop.run_until_complete(http.close())
        finally:
            loop.close()
    assert status == 0
    assert took < 8
    assert not answer_pids(remote_db)


def test_server_killed_outright_leaves_no_app_behind(remote_db, tmp_path):
    with Served(remote_db, tmp_path) as served:

        async def open_one():
            http = aiohttp.ClientSession()
            ws = await http.ws_connect(ws_url(served.url), headers=origin(served.url))
            await read_until(ws, "I agree, start")
            return http

        loop = asyncio.new_event_loop()
        try:
            http = loop.run_until_complete(open_one())
            [pid] = wait_answer_processes(remote_db, 1)
            os.kill(served.proc.pid, signal.SIGKILL)  # no shutdown code runs in the server
            served.proc.wait(10)
            took = wait_no_answer_processes(remote_db, 8)
            loop.run_until_complete(http.close())
        finally:
            loop.close()
    assert took < 6


KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def raw_exchange(port: int, request: bytes, timeout: float = 5) -> tuple[int, bytes]:
    """Send bytes on a fresh loopback connection; (our local port, whatever came back)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        local = s.getsockname()[1]
        s.sendall(request)
        reply = b""
        try:
            while b"\r\n\r\n" not in reply:
                chunk = s.recv(4096)
                if not chunk:
                    break
                reply += chunk
        except OSError:
            pass
    return local, reply


def upgrade(port: int, query: str, *headers: str) -> bytes:
    lines = [
        f"GET /ws?{query} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {KEY}",
        "Sec-WebSocket-Version: 13",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_server_logs_hold_no_client_address_or_port(remote_db, tmp_path):
    with Served(remote_db, tmp_path) as served:
        port = served.port
        ports, replies = [], []
        for request in (
            upgrade(port, "width=3000&height=2000", f"Origin: {served.url}"),  # oversized
            upgrade(port, "width=80&height=24", "Origin: http://evil.example"),  # foreign page
            upgrade(port, "width=80&height=24", "Sec-WebSocket-Protocol: nope"),  # aiohttp warns, naming the peer
            upgrade(port, "width=80&height=24", "Sec-WebSocket-Version: 7"),  # unsupported version
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode(),  # no upgrade at all
            b"GARBAGE \x00\x01 NOT HTTP\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\nshort",  # cut short
        ):
            local, reply = raw_exchange(port, request, timeout=2)
            ports.append(local)
            replies.append(reply.split(b"\r\n", 1)[0])

        async def a_session():
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(ws_url(served.url), headers=origin(served.url)) as ws:
                    ports.append(client_port(ws))
                    await read_until(ws, "I agree, start")
                    await type_text(ws, "\r")
                    await read_until(ws, "Theme 1 / 5")
                dropped = await http.ws_connect(ws_url(served.url), headers=origin(served.url))
                ports.append(client_port(dropped))
                await read_until(dropped, "I agree, start")
                dropped._response.connection.transport.abort()

        asyncio.run(a_session())
        wait_no_answer_processes(remote_db, 8)
        served.stop()
        out, err = served.stdout(), served.stderr()
    assert replies[0].startswith(b"HTTP/1.1 400") and replies[1].startswith(b"HTTP/1.1 403"), replies
    assert "session started" in err and "session ended" in err  # the log was captured at all
    for address in ("127.0.0.1", "::1", "localhost"):
        assert address not in err, err
    for local in ports:
        assert str(local) not in err, (local, err)
    # stdout is the start-up banner (the address this server listens on) and nothing after it.
    banner, _, after = out.partition("Press Ctrl+C to stop.\n")
    assert after.strip() == ""
    for local in ports:
        assert str(local) not in out


def test_a_silently_dropped_network_is_noticed_by_the_heartbeat(tmp_path):
    # No FIN, no close frame: the client just stops answering (a laptop lid shut, Wi-Fi gone).
    async def run():
        async with serving(fake_argv(tmp_path), heartbeat=1.0) as (server, base):
            port = int(base.rsplit(":", 1)[1])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(upgrade(port, "width=80&height=24", f"Origin: {base}"))
            await writer.drain()
            assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 101")
            # The pid comes from the server, not from the fake app's own pid file: on a loaded
            # machine the heartbeat may end the session before Python has started in the child.
            await until(lambda: any(s.child is not None for s in server.sessions), 10)
            pid = next(s.child.pid for s in server.sessions if s.child is not None)
            silent = time.monotonic()
            # Never read again, never answer a ping: only the server's heartbeat can end this.
            await until(lambda: not server.sessions, 10)
            took = time.monotonic() - silent
            writer.transport.abort()
            return pid, took

    pid, took = asyncio.run(run())
    assert not alive(pid)
    assert took < 6


def test_public_without_public_url_accepts_the_origin_of_the_address_used(tmp_path):
    async def run():
        async with serving(fake_argv(tmp_path), loopback=False) as (server, base):
            statuses = []
            async with aiohttp.ClientSession() as http:
                for name in (base, "http://evil.example", None):
                    headers = {} if name is None else {"Origin": name}
                    try:
                        async with http.ws_connect(ws_url(base), headers=headers) as ws:
                            await read_until(ws, "fake app ready")
                            statuses.append(101)
                    except aiohttp.WSServerHandshakeError as exc:
                        statuses.append(exc.status)
            return statuses

    assert asyncio.run(run()) == [101, 403, 101]


@pytest.mark.parametrize("width,height", [(80, 24), (3000, 2000)])
def test_an_answer_process_under_the_web_driver_takes_sigterm(remote_db, width, height):
    # Its input stays open, so only the signal can end it. At 3000 x 2000 (what a handshake
    # once asked for; serve now refuses it) the app is busy painting and used to ignore
    # SIGTERM for good, an 85 MB orphan; its watchdog ends it now.
    from survey_tui.serve.child import Child

    async def run():
        child = await Child.start(answer_argv(remote_db), width, height)
        try:
            packets = child.packets()
            screen = ""
            while "I agree, start" not in screen:
                kind, payload = await asyncio.wait_for(packets.__anext__(), 25)
                if kind == b"D":
                    screen += payload.decode("utf-8", "replace")
            os.kill(child.pid, signal.SIGTERM)  # the process only, not its group
            sent = time.monotonic()
            await until(lambda: child.proc.returncode is not None, 20)
            return child.proc.returncode, time.monotonic() - sent
        finally:
            await child.stop(1.0)

    status, took = asyncio.run(run())
    assert status == 143
    assert took < 8  # the watchdog's grace, more on a loaded machine
