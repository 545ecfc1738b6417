"""The aiohttp server: the page, one WebSocket and one answer process per session.

What a session may not do to the server or to other people:
- a WebSocket handshake from a page of another origin is refused (403): a web page the
  respondent happens to visit must not open sessions on a server on their loopback;
  a handshake without Origin is a non-browser client (browsers always send one) and is
  accepted, since such a client could send any Origin it liked;
- at most `max_sessions` answer processes exist at once: the page answers 503 "busy",
  a WebSocket beyond the cap is refused with 503 before any process starts;
- a window size outside 1..MAX_COLS x 1..MAX_ROWS is refused (400) and resizes are clamped;
- a session with no input for `idle_timeout` seconds is closed;
- however the session ends (handshake failure, closed tab, dropped network noticed by the
  heartbeat, idle timeout, server stop), its process gets SIGTERM and, after a grace
  period, SIGKILL; the slot is freed only when the process is gone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from survey_tui.serve import page
from survey_tui.serve.child import TERM_GRACE, Child
from survey_tui.tui import compat

log = logging.getLogger("survey_tui.serve")

MAX_COLS, MAX_ROWS = 500, 200
# Seconds of silence before a WebSocket ping; the answer must come within half of it. A
# dropped network ends the session in ~1.5x this. Not shorter: on a busy server (dozens of
# apps starting at once) the pong can wait seconds for the server's own loop, and a 5 s
# window ended live sessions before their first screen.
HEARTBEAT = 20.0
DEFAULT_MAX_SESSIONS = 20
DEFAULT_IDLE_TIMEOUT = 30 * 60.0


@dataclass
class ServeConfig:
    argv: list[str]
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    title: str = "Survey"
    lang: str | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    term_grace: float = TERM_GRACE
    heartbeat: float = HEARTBEAT
    extra_origins: list[str] = field(default_factory=list)


def origin_of(url: str) -> str:
    """scheme://host[:port], lower case, without a default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return ""
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def loopback_names(host: str) -> list[str]:
    return [host, "localhost", "127.0.0.1", "::1"]


def allowed_origins(config: ServeConfig, loopback: bool) -> set[str] | None:
    """The origins a WebSocket handshake may come from; None: the Host header decides."""
    if config.public_url:
        found = {origin_of(config.public_url)}
    elif loopback:
        found = {origin_of(f"http://{f'[{h}]' if ':' in h else h}:{config.port}") for h in loopback_names(config.host)}
    else:
        return None
    return found | {origin_of(o) for o in config.extra_origins}


def to_int(value: str | None, default: int) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return None


class Session:
    def __init__(self, server: "SessionServer") -> None:
        self.server = server
        self.child: Child | None = None
        self.ws: web.WebSocketResponse | None = None
        self.last_input = time.monotonic()
        # Idleness is counted from the first screen, not from the connection: a start slowed
        # by a busy machine must not eat into the time the person has to read the page.
        self.shown = False
        self.end_reason = "closed"


class SessionServer:
    def __init__(self, config: ServeConfig, *, loopback: bool = True) -> None:
        self.config = config
        self.sessions: set[Session] = set()
        self.origins = allowed_origins(config, loopback)
        base = (config.public_url or f"http://{config.host}:{config.port}").rstrip("/")
        if ":" in config.host and not config.public_url:
            base = f"http://[{config.host}]:{config.port}"
        ws_scheme = "wss" if base.startswith("https:") else "ws"
        self.index = page.index_html(
            title=config.title,
            websocket_url=f"{ws_scheme}:{base.split(':', 1)[1]}/ws",
            static_url=f"{base}/static/",
        )
        self.busy = page.busy_html(config.title, config.lang)
        self.stats = {"sessions": 0, "refused_origin": 0, "refused_busy": 0, "refused_size": 0, "idle_closed": 0}
        self.closing = False
        self._busy_logged = -1e9

    # ------------------------------------------------------------ policy

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.config.max_sessions

    def origin_allowed(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser (browsers always send Origin on a WebSocket handshake)
        got = origin_of(origin) if origin.strip().lower() != "null" else ""
        if not got:
            return False
        if self.origins is None:  # --public without --public-url: the address the browser used
            return got == origin_of(f"{request.scheme}://{request.host}")
        return got in self.origins

    def _log_busy(self) -> None:
        now = time.monotonic()
        if now - self._busy_logged >= 60 and not self.closing:
            self._busy_logged = now
            log.warning("all %d sessions in use: a respondent was asked to try again later", self.config.max_sessions)

    def busy_response(self) -> web.Response:
        return web.Response(
            status=503, text=self.busy, content_type="text/html", charset="utf-8", headers={"Retry-After": "60"}
        )

    # ------------------------------------------------------------ routes

    async def handle_index(self, request: web.Request) -> web.Response:
        if self.full or self.closing:
            self.stats["refused_busy"] += 1
            self._log_busy()
            return self.busy_response()
        return web.Response(
            text=self.index,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"},
        )

    async def handle_ws(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_allowed(request):
            self.stats["refused_origin"] += 1
            raise web.HTTPForbidden(text="This survey accepts connections from its own page only.\n")
        width = to_int(request.query.get("width"), 80)
        height = to_int(request.query.get("height"), 24)
        if width is None or height is None or not (1 <= width <= MAX_COLS and 1 <= height <= MAX_ROWS):
            self.stats["refused_size"] += 1
            raise web.HTTPBadRequest(text=f"The window size must be within {MAX_COLS} x {MAX_ROWS} cells.\n")
        if self.full or self.closing:
            self.stats["refused_busy"] += 1
            self._log_busy()
            raise web.HTTPServiceUnavailable(
                text="The survey is busy; please try again in a minute.\n", headers={"Retry-After": "60"}
            )
        session = Session(self)
        self.sessions.add(session)  # the slot is taken before the first await
        try:
            return await self._run_session(session, request, width, height)
        finally:
            await self._end(session)

    async def _run_session(self, session: Session, request: web.Request, width: int, height: int):
        ws = web.WebSocketResponse(heartbeat=self.config.heartbeat, max_msg_size=4 * 1024 * 1024)
        session.ws = ws
        try:
            await ws.prepare(request)  # a failed handshake raises here: no process was started
        except ConnectionError:  # the client left before the handshake's answer
            session.end_reason = "gone during handshake"
            return web.Response(status=400)  # aiohttp finds the transport closed and moves on
        session.child = await Child.start(self.config.argv, width, height)
        self.stats["sessions"] += 1
        log.info("session started; %d open", len(self.sessions))
        pump = asyncio.ensure_future(self._pump_output(session))
        idle = asyncio.ensure_future(self._idle_watch(session))
        try:
            await self._pump_input(session)
        except ConnectionError:  # the browser went away while being answered (a pong)
            pass
        finally:
            idle.cancel()
            pump.cancel()
            await asyncio.gather(pump, idle, return_exceptions=True)
        return ws

    async def _pump_input(self, session: Session) -> None:
        ws, child = session.ws, session.child
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            if kind == "stdin" and isinstance(data, str):
                session.last_input = time.monotonic()
                if not await child.send(compat.PACKET_DATA, data.encode("utf-8", "replace")):
                    break
            elif kind == "resize" and isinstance(data, dict):
                w, h = to_int(str(data.get("width")), 80), to_int(str(data.get("height")), 24)
                if w is not None and h is not None:
                    await child.send_meta(
                        {"type": "resize", "width": min(max(w, 1), MAX_COLS), "height": min(max(h, 1), MAX_ROWS)}
                    )
            elif kind == "ping":
                await ws.send_json(["pong", str(data)[:32]])
            elif kind in ("blur", "focus"):
                await child.send_meta({"type": kind})

    async def _pump_output(self, session: Session) -> None:
        ws = session.ws
        try:
            async for kind, payload in session.child.packets():
                if kind == compat.PACKET_DATA:
                    if not session.shown:
                        session.shown = True
                        session.last_input = max(session.last_input, time.monotonic())
                    await ws.send_bytes(payload)
                elif kind == compat.PACKET_META:
                    try:
                        meta = json.loads(payload)
                    except ValueError:
                        continue
                    if isinstance(meta, dict) and meta.get("type") == "exit":
                        break
                # open_url and file deliveries are not used by the respondent app: dropped.
        except (ConnectionError, RuntimeError):
            pass
        finally:
            if not ws.closed:
                session.end_reason = session.end_reason if session.end_reason != "closed" else "app ended"
                await ws.close()

    async def _idle_watch(self, session: Session) -> None:
        timeout = self.config.idle_timeout
        if timeout <= 0:
            return
        while True:
            left = session.last_input + timeout - time.monotonic()
            if left <= 0:
                break
            await asyncio.sleep(left)
        session.end_reason = "idle"
        self.stats["idle_closed"] += 1
        await session.ws.close(message=b"idle timeout")

    async def _end(self, session: Session) -> None:
        """Always: stop the process (shielded from cancellation), close the socket, free the slot."""
        status = None
        try:
            if session.child is not None:
                status = await asyncio.shield(session.child.stop(self.config.term_grace))
        except asyncio.CancelledError:
            if session.child is not None:  # the server is going down: the child must not stay
                session.child.kill_now()
            raise
        finally:
            self.sessions.discard(session)
            if session.child is not None:
                log.info("session ended (%s, app exit status %s); %d open", session.end_reason, status, len(self.sessions))
            if session.ws is not None and session.ws.prepared and not session.ws.closed:
                try:
                    await session.ws.close()
                except Exception:  # noqa: BLE001 - the peer may be long gone
                    pass

    # ------------------------------------------------------------ app

    async def _on_shutdown(self, app: web.Application) -> None:
        self.closing = True
        sessions = list(self.sessions)
        for s in sessions:
            if s.ws is not None and s.ws.prepared and not s.ws.closed:
                s.end_reason = "server stop"
        await asyncio.gather(
            *(s.child.stop(self.config.term_grace) for s in sessions if s.child is not None), return_exceptions=True
        )
        await asyncio.gather(
            *(s.ws.close(code=1001, message=b"server stop") for s in sessions if s.ws is not None and s.ws.prepared),
            return_exceptions=True,
        )

    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_ws),
                web.static("/static", compat.serve_static_dir(), show_index=False),
            ]
        )
        app.on_shutdown.append(self._on_shutdown)
        return app

    def kill_all_now(self) -> None:
        for s in list(self.sessions):
            if s.child is not None:
                s.child.kill_now()


def run(config: ServeConfig, *, loopback: bool = True) -> None:
    """Serve until SIGINT or SIGTERM; every answer process is gone when this returns."""
    from survey_tui.serve import logs

    logs.setup()
    server = SessionServer(config, loopback=loopback)
    try:
        web.run_app(
            server.make_app(),
            host=config.host,
            port=config.port,
            access_log=None,
            print=None,
            shutdown_timeout=config.term_grace + 3,
            handle_signals=True,
        )
    finally:
        server.kill_all_now()
