"""A forensic reader of SQLite database pages, written from the file format alone.

It uses nothing of survey-tui and no SQLite internals: it reads the bytes of a copy of the
file and lists every cell of a b-tree with where it lies (page number, offset in the page,
first overflow page), as someone handed the file would. The schema (which root page holds
which table) is read with Python's sqlite3 module, as any reader of the file could.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Cell:
    page: int
    offset: int
    overflow: int  # first overflow page, 0 when the payload fits in the page
    key: bytes  # the record's first column (a response id), raw


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = buf[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


def _first_column(payload: bytes) -> bytes:
    header_size, pos = _varint(payload, 0)
    serial, _ = _varint(payload, pos)
    body = header_size
    if serial >= 13 and serial % 2 == 1:
        return payload[body:body + (serial - 13) // 2]
    if serial >= 12 and serial % 2 == 0:
        return payload[body:body + (serial - 12) // 2]
    return b""


class Pages:
    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        size = struct.unpack(">H", raw[16:18])[0]
        self.page_size = 65536 if size == 1 else size
        self.usable = self.page_size - raw[20]
        self.freelist_trunk = struct.unpack(">I", raw[32:36])[0]

    def page(self, number: int) -> bytes:
        start = (number - 1) * self.page_size
        return self.raw[start:start + self.page_size]

    def _local(self, payload_size: int, index: bool) -> int:
        u = self.usable
        x = ((u - 12) * 64 // 255) - 23 if index else u - 35
        m = ((u - 12) * 32 // 255) - 23
        if payload_size <= x:
            return payload_size
        k = m + ((payload_size - m) % (u - 4))
        return k if k <= x else m

    def cells(self, root: int) -> list[Cell]:
        """Every cell of the b-tree at root (interior cells of an index tree hold entries too)."""
        out: list[Cell] = []
        stack = [root]
        while stack:
            number = stack.pop()
            page = self.page(number)
            base = 100 if number == 1 else 0
            kind = page[base]
            count = struct.unpack(">H", page[base + 3:base + 5])[0]
            interior = kind in (0x02, 0x05)
            head = base + (12 if interior else 8)
            if interior:
                stack.append(struct.unpack(">I", page[base + 8:base + 12])[0])
            for i in range(count):
                offset = struct.unpack(">H", page[head + 2 * i:head + 2 * i + 2])[0]
                pos = offset
                if interior:
                    stack.append(struct.unpack(">I", page[pos:pos + 4])[0])
                    pos += 4
                if kind == 0x05:  # interior table cell: a rowid only
                    continue
                size, pos = _varint(page, pos)
                if kind == 0x0D:  # table leaf: rowid before the payload
                    _rowid, pos = _varint(page, pos)
                local = self._local(size, index=kind in (0x02, 0x0A))
                payload = page[pos:pos + local]
                overflow = struct.unpack(">I", page[pos + local:pos + local + 4])[0] if local < size else 0
                out.append(Cell(number, offset, overflow, _first_column(payload)))
        return out

    def freelist(self) -> list[int]:
        """Free pages in the order the freelist keeps them."""
        pages, trunk = [], self.freelist_trunk
        while trunk:
            page = self.page(trunk)
            nxt, count = struct.unpack(">II", page[:8])
            pages.append(trunk)
            pages += [struct.unpack(">I", page[8 + 4 * i:12 + 4 * i])[0] for i in range(count)]
            trunk = nxt
        return pages


def roots(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


def orderings(path: Path, tables=("responses", "answers", "rankings")) -> dict[str, dict[bytes, float]]:
    """Every physical ordering of responses the reader can compute: name -> {response id: rank}.

    For a table with several cells per response, a response is placed by its earliest,
    latest and mean cell, each an ordering of its own.
    """
    pages = Pages(path.read_bytes())
    where = roots(path)
    result: dict[str, dict[bytes, float]] = {}
    for table in tables:
        cells = pages.cells(where[table])
        keys = {
            f"{table}:page,offset": lambda c: (c.page, c.offset),
            f"{table}:page,-offset": lambda c: (c.page, -c.offset),
            f"{table}:offset": lambda c: (c.offset, c.page),
        }
        overflowing = [c for c in cells if c.overflow]
        for name, key in keys.items():
            ranked = sorted(cells, key=key)
            positions: dict[bytes, list[int]] = {}
            for rank, cell in enumerate(ranked):
                positions.setdefault(cell.key, []).append(rank)
            result[name + ":min"] = {k: min(v) for k, v in positions.items()}
            result[name + ":max"] = {k: max(v) for k, v in positions.items()}
            result[name + ":mean"] = {k: sum(v) / len(v) for k, v in positions.items()}
        if overflowing:
            ranked = sorted(overflowing, key=lambda c: c.overflow)
            positions = {}
            for rank, cell in enumerate(ranked):
                positions.setdefault(cell.key, []).append(rank)
            result[f"{table}:overflow page:mean"] = {k: sum(v) / len(v) for k, v in positions.items()}
            result[f"{table}:overflow page:max"] = {k: max(v) for k, v in positions.items()}
    free = pages.freelist()
    if free:
        result["freelist"] = {str(p).encode(): i for i, p in enumerate(free)}
    return result


def kendall_tau(xs: list[float], ys: list[float]) -> float:
    """Kendall's tau-b, written out (no library in the reader either)."""
    n = len(xs)
    concordant = discordant = ties_x = ties_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denom = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denom if denom else 0.0
