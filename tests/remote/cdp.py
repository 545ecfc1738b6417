"""A tiny Chrome DevTools Protocol client over aiohttp's websocket (no browser downloads).

Enough to drive Debian's headless chromium: navigate, focus, type keys, take a
screenshot, and read what the page receives on its websockets (for textual-serve
that is the terminal output, so a test can wait for text to appear).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    # Nothing but loopback resolves: the page can reach no other host.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--window-size=1100,760",
]

KEYS = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
    "up": ("ArrowUp", "ArrowUp", 38, ""),
    "tab": ("Tab", "Tab", 9, "\t"),
}


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium is not installed: apt-get install -y chromium")


class Browser:
    def __init__(self, profile: Path, display: str | None = None):
        """`display`: run a real (not headless) window on that X display, so a test can
        press keys through the X keyboard (xdotool) the way a person does: keys sent over
        DevTools skip the browser's own shortcuts."""
        self.profile = profile
        self.display = display
        self.proc: subprocess.Popen | None = None
        self.ws = None
        self.session: aiohttp.ClientSession | None = None
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future] = {}
        self.frames: list[str] = []
        self.history: list[str] = []  # every frame's text, never cleared
        self.reader: asyncio.Task | None = None

    async def start(self) -> None:
        flags = FLAGS if self.display is None else [f for f in FLAGS if f != "--headless"]
        env = None if self.display is None else {**os.environ, "DISPLAY": self.display}
        self.proc = subprocess.Popen(
            [chromium_binary(), *flags, f"--user-data-dir={self.profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        self.session = aiohttp.ClientSession()
        for _ in range(100):
            async with self.session.get(f"http://127.0.0.1:{port}/json/list") as resp:
                pages = [t for t in await resp.json() if t.get("type") == "page"]
            if pages:
                break
            await asyncio.sleep(0.05)
        self.ws = await self.session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0)
        self.reader = asyncio.create_task(self._read())
        await self.call("Network.enable")
        await self.call("Page.enable")

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                response = data["params"]["response"]
                payload = response["payloadData"]
                raw = base64.b64decode(payload) if response.get("opcode") == 2 else payload.encode()
                self.frames.append(ANSI.sub("", raw.decode("utf-8", "replace")))
                self.history.append(self.frames[-1])

    async def call(self, method: str, **params) -> dict:
        msg_id = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.pending[msg_id] = future
        await self.ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 20)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def wait_for_text(self, needle: str, timeout: float = 20.0) -> None:
        """Wait until `needle` appears in what the page received since the last wait."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = "".join(self.frames)
            if needle in seen:
                self.frames.clear()
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{needle!r} never reached the page; last text: {''.join(self.frames)[-1500:]!r}")

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    async def key(self, name: str, *, ctrl: bool = False) -> None:
        if name in KEYS:
            key, code, vk, text = KEYS[name]
        else:  # a single letter or digit
            key, code, vk, text = name, f"Key{name.upper()}" if name.isalpha() else f"Digit{name}", ord(name.upper()), name
        modifiers = 2 if ctrl else 0
        if ctrl:
            text = ""
        down = dict(type="keyDown" if text else "rawKeyDown", key=key, code=code, windowsVirtualKeyCode=vk, modifiers=modifiers)
        if text:
            down["text"] = text
        await self.call("Input.dispatchKeyEvent", **down)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=vk, modifiers=modifiers)
        await asyncio.sleep(0.1)

    async def type_text(self, text: str) -> None:
        await self.call("Input.insertText", text=text)
        await asyncio.sleep(0.2)

    async def screenshot(self, path: Path) -> None:
        data = await self.call("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
