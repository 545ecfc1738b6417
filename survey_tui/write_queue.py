"""First come, first served turns for processes submitting into one database.

SQLite's write lock is not a queue: whoever retries at the right moment wins, so with many
respondents submitting at once some wait many turns while others wait none (the p99 of
bench/bench_submit.py). This queue orders submitters by arrival with POSIX byte-range locks
on a small file beside the database (`<db>-queue`, owner-only like the database):

- a ticket is taken under a lock on the counter (bytes 0-7 hold the next ticket);
- each submitter holds the lock on its own byte (8 + ticket) until it is done and waits for
  the byte of the ticket before it, so the kernel wakes exactly the next one in line;
- a process that dies loses its locks, so a crash never stalls the queue.

The queue only orders; SQLite's lock still guards the data. Every wait is bounded: after
`timeout` the submitter goes ahead and competes for SQLite's lock as before, so a stopped
process (SIGSTOP) in the queue costs the one behind it a delay, never a failure. POSIX
locks belong to the process, not the descriptor: two Stores of one process on one database
do not queue behind each other (the respondent app submits through one Store, one submit at
a time; SQLite's lock serialises any others).
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
        # Turns in progress and helper threads still blocked on the file: the descriptor is
        # closed only when the last of them is done, or a late unlock could hit a reused number.
        self._users = 0
        self._closing = False
        self._state = threading.Lock()
        self._fd: int | None = None
        if self.path:
            with contextlib.suppress(OSError):
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def close(self) -> None:
        with self._state:
            self._closing = True
            self._close_if_unused()

    def _enter(self) -> int | None:
        with self._state:
            if self._fd is None or self._closing:
                return None
            self._users += 1
            return self._fd

    def _leave(self) -> None:
        with self._state:
            self._users -= 1
            self._close_if_unused()

    def _close_if_unused(self) -> None:
        if self._closing and self._users == 0 and self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @contextlib.contextmanager
    def turn(self, timeout: float) -> Iterator[Turn]:
        """Wait (at most about timeout seconds) until every earlier submitter is done."""
        fd = self._enter()
        if fd is None:
            yield Turn(None, 0)
            return
        try:
            ticket = self._take_ticket(fd, timeout)
            if ticket is None:
                yield Turn(None, 0)
                return
            try:
                if ticket > 0 and self._acquire(fd, 1, _COUNTER + ticket - 1, timeout):
                    fcntl.lockf(fd, fcntl.LOCK_UN, 1, _COUNTER + ticket - 1)
                yield Turn(fd, ticket)
            finally:
                self._rewind(fd, ticket)
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, _COUNTER + ticket)
        finally:
            self._leave()

    def _rewind(self, fd: int, ticket: int) -> None:
        """The last in line sets the counter back to zero, so the file does not count submits."""
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _COUNTER, 0)
        except OSError:
            return  # someone is taking a ticket: they follow us, and rewind after themselves
        try:
            raw = os.pread(fd, _COUNTER, 0)
            if len(raw) == _COUNTER and int.from_bytes(raw, "little") == ticket + 1:
                os.pwrite(fd, bytes(_COUNTER), 0)
        except OSError:
            pass
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, _COUNTER, 0)

    def _take_ticket(self, fd: int, timeout: float) -> int | None:
        """The next ticket, with this process's place locked; None if the counter stays busy."""
        try:
            if not self._acquire(fd, _COUNTER, 0, timeout):
                return None
        except OSError:
            return None
        try:
            raw = os.pread(fd, _COUNTER, 0)
            ticket = int.from_bytes(raw, "little") if len(raw) == _COUNTER else 0
            os.pwrite(fd, (ticket + 1).to_bytes(_COUNTER, "little"), 0)
            # Our own place is locked before the counter is released, so whoever takes the
            # next ticket finds it held.
            fcntl.lockf(fd, fcntl.LOCK_EX, 1, _COUNTER + ticket)
        except OSError:
            return None
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, _COUNTER, 0)
        return ticket

    def _acquire(self, fd: int, length: int, offset: int, timeout: float) -> bool:
        """Lock the range, waiting at most timeout seconds; True when this process holds it.

        A blocking lock has no timeout, so the wait runs in a helper thread. If the caller
        gives up first, the thread drops the range as soon as it gets it.
        """
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, offset)
            return True
        except OSError:
            pass
        got = threading.Event()
        outcome = {"state": "waiting"}  # -> "held" by the thread, or "abandoned" by the caller
        decided = threading.Lock()
        with self._state:
            self._users += 1

        def wait() -> None:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX, length, offset)
                with decided:
                    if outcome["state"] == "abandoned":
                        fcntl.lockf(fd, fcntl.LOCK_UN, length, offset)
                    else:
                        outcome["state"] = "held"
            except OSError:
                pass
            finally:
                got.set()
                self._leave()

        threading.Thread(target=wait, name="write-queue", daemon=True).start()
        got.wait(timeout)
        with decided:
            if outcome["state"] == "held":
                return True
            outcome["state"] = "abandoned"
            return False
