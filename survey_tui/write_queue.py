"""First come, first served turns for processes submitting into one database.

SQLite's write lock is not a queue: whoever retries at the right moment wins, so with many
respondents submitting at once some wait many turns while others wait none (the p99 of
bench/bench_submit.py). This queue orders submitters by arrival with POSIX byte-range locks
on a small file beside the database (`<db>-queue`, owner-only like the database):

- a ticket is taken under a lock on the counter (bytes 0-7 hold the next ticket);
- each submitter holds the lock on its own byte (8 + ticket) until it is done and waits for
  the byte of the ticket before it, so the kernel wakes exactly the next one in line;
- a process that dies loses its locks, so a crash never stalls the queue.

The queue only orders; SQLite's lock still guards the data. Waiting for a turn is bounded:
after `timeout` the submitter goes ahead and competes for SQLite's lock as before, so a
stopped process (SIGSTOP) in the queue costs the one behind it a delay, never a failure.
Without a usable file (read-only folder, no POSIX locks) there is no queue and nothing
else changes. Under a burst, only the last submitter empties the write-ahead log
(`Store.submit`): the log then holds the burst's commits for the burst's duration instead
of one commit at a time, and the queue drains faster (BENCHMARKS.md, 50 processes).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

try:
    import fcntl
except ImportError:  # not a POSIX system: no queue, SQLite's lock alone
    fcntl = None

_COUNTER = 8  # bytes 0..7: the next ticket, little-endian


class Turn:
    def __init__(self, fd: int | None, ticket: int) -> None:
        self._fd = fd
        self._ticket = ticket

    def followed(self) -> bool:
        """True when another process has taken the next ticket and is waiting for this turn."""
        if self._fd is None:
            return False
        offset = _COUNTER + self._ticket + 1
        try:
            fcntl.lockf(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
        except OSError:
            return True
        fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, offset)
        return False


class WriteQueue:
    def __init__(self, db_path: str | None) -> None:
        """db_path None (a database in memory): no queue."""
        self.path = f"{db_path}-queue" if db_path and fcntl is not None else None
        self._waiters = 0  # helper threads still blocked on this file (after a timeout)
        self._waiters_lock = threading.Lock()
        self._fd: int | None = None
        if self.path:
            with contextlib.suppress(OSError):
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def close(self) -> None:
        # A helper thread left waiting keeps the descriptor: closing it could let the number
        # be reused for another file, which the thread would then lock.
        with self._waiters_lock:
            if self._fd is not None and self._waiters == 0:
                os.close(self._fd)
        self._fd = None

    @contextlib.contextmanager
    def turn(self, timeout: float) -> Iterator[Turn]:
        """Wait (at most timeout seconds) until every earlier submitter is done."""
        fd = self._fd
        if fd is None:
            yield Turn(None, 0)
            return
        try:
            ticket = self._take_ticket(fd)
        except OSError:
            yield Turn(None, 0)
            return
        try:
            if ticket > 0:
                self._wait_for_byte(fd, _COUNTER + ticket - 1, timeout)
            yield Turn(fd, ticket)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, _COUNTER + ticket)

    @staticmethod
    def _take_ticket(fd: int) -> int:
        fcntl.lockf(fd, fcntl.LOCK_EX, _COUNTER, 0)
        try:
            raw = os.pread(fd, _COUNTER, 0)
            ticket = int.from_bytes(raw, "little") if len(raw) == _COUNTER else 0
            os.pwrite(fd, (ticket + 1).to_bytes(_COUNTER, "little"), 0)
            # Our own place is locked before the counter is released, so whoever takes the
            # next ticket finds it held.
            fcntl.lockf(fd, fcntl.LOCK_EX, 1, _COUNTER + ticket)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, _COUNTER, 0)
        return ticket

    def _wait_for_byte(self, fd: int, offset: int, timeout: float) -> bool:
        """Block until no other process holds the byte at offset, or timeout; True if free.

        A blocking lock has no timeout, so it waits in a helper thread; one left behind after a
        timeout takes and drops the byte whenever it frees. POSIX locks belong to the process:
        two stores of one process on one database do not queue behind each other (their
        thread lock and SQLite's lock still serialise them).
        """
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
        except OSError:
            pass
        else:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, offset)
            return True
        free = threading.Event()
        with self._waiters_lock:
            self._waiters += 1

        def wait() -> None:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX, 1, offset)
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, offset)
            except OSError:
                pass
            finally:
                with self._waiters_lock:
                    self._waiters -= 1
                free.set()

        threading.Thread(target=wait, name="write-queue", daemon=True).start()
        return free.wait(timeout)
