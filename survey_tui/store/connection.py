"""Opening the database: file checks, pragmas, the rollback journal, migrations, transactions."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from survey_tui.errors import StoreBusy, StoreUnavailable, message, os_reason
from survey_tui.store.migrations import MIGRATION_NAMES, MIGRATION_SET, _migrations

if TYPE_CHECKING:
    from survey_tui.store import Store

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs", "glusterfs", "ceph", "lustre"}


def _mount_fstype(path: Path) -> str | None:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
            mounts = [line.split()[:3] for line in fh if line.strip()]
    except OSError:
        return None
    target = str(path.resolve())
    best, fstype = "", None
    for _dev, mnt, fs in mounts:
        mnt = mnt.replace("\\040", " ")
        if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
            best, fstype = mnt, fs
    return fstype


def _readonly_fs(path: Path) -> bool:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def default_db_path() -> Path:
    env = os.environ.get("SURVEY_TUI_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("survey-tui", appauthor=False)) / "survey.db"


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def _unavailable(exc: sqlite3.Error) -> StoreUnavailable | None:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg:
        return StoreUnavailable(message("store_db_readonly"))
    if "disk is full" in msg or "disk i/o" in msg or "unable to open" in msg:
        return StoreUnavailable(message("store_db_cannot_write", error=str(exc)))
    return None


class Connection:
    """The connection, its lock and the write queue; write() and _read() for the other parts."""

    def __init__(self, path: str | Path = ":memory:", *, busy_timeout: float = 5.0, retries: int = 3):
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self.retries = retries
        memory = self.path == ":memory:"
        if not memory:
            self._prepare_file(Path(self.path))
        try:
            conn = sqlite3.connect(self.path, timeout=busy_timeout, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if not memory:
                self._use_rollback_journal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Deleted rows (drafts removed at submit) are overwritten, not left in free space.
            conn.execute("PRAGMA secure_delete = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(message("store_db_cannot_open", path=self.path, error=str(exc))) from None
        self.conn = conn
        self._closed = False
        # One connection may serve a UI thread and worker threads (draft saves,
        # submit, export); a transaction must never interleave with another's.
        self._lock = threading.RLock()
        self._queue = None
        self._migrate()

    @staticmethod
    def _use_rollback_journal(conn: sqlite3.Connection) -> None:
        """journal_mode DELETE (docs/decisions.md): no log of past commits next to the file.

        A database of an earlier version is in WAL mode; switching needs it to be the only
        connection, so while another process has it open it stays in WAL for now and the
        next opening switches it.
        """
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete":
            return
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise

    @staticmethod
    def _prepare_file(path: Path) -> None:
        # Looked up on the package, where tests and the fault kit replace them.
        from survey_tui import store as package

        fstype = package._mount_fstype(path.parent if path.parent.exists() else Path.cwd())
        if fstype and fstype.lower() in NETWORK_FS:
            raise StoreUnavailable(message("store_network_fs", path=str(path), fstype=fstype))
        if package._readonly_fs(path):
            # SQLite writes its -shm file beside a WAL database even to read it.
            raise StoreUnavailable(message("store_readonly_fs", path=str(path)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                # Created here, readable by the owner only, before SQLite touches it;
                # SQLite gives the -wal and -shm files the same permissions.
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreUnavailable(message("store_db_cannot_create", path=str(path), error=os_reason(exc))) from None

    def _schema_current(self) -> bool:
        """True when every known migration is recorded (plain SQL, no imports).

        sqlite-utils imports numpy and pandas when they are installed, which costs
        a respondent's start-up a third of a second; it is only needed to migrate.
        """
        try:
            rows = self.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return False
            raise
        return set(MIGRATION_NAMES) <= {name for (name,) in rows}

    def _migrate(self) -> None:
        try:
            if self._schema_current():
                return
            from sqlite_utils import Database

            db = Database(self.conn, execute_plugins=False, recursive_triggers=False)
            migrations = _migrations()

            def apply(conn: sqlite3.Connection) -> None:
                # Checked again under the write lock: several processes may open a new
                # file at once and only the first may create the schema.
                if migrations.pending(db):
                    migrations.apply(db)
                    # sqlite-utils records when each migration ran; a time in the file is a
                    # time someone can match to a person (the first respondent's arrival).
                    conn.execute("UPDATE _sqlite_migrations SET applied_at = ''")

            self.write(apply)
        except sqlite3.DatabaseError as exc:
            raise _unavailable(exc) or StoreUnavailable(
                message("store_db_not_usable", path=self.path, error=str(exc))
            ) from None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.forget_history()
        finally:
            self.conn.close()
            if self._queue is not None:
                self._queue.close()

    def _write_queue(self):
        """Arrival order for submitters from many processes (survey_tui/write_queue.py)."""
        with self._lock:  # submit threads must not create two queues
            if self._queue is None:
                from survey_tui.write_queue import WriteQueue

                self._queue = WriteQueue(None if self.path == ":memory:" else self.path)
            return self._queue

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- transactions

    def _retry(self, fn):
        delay = 0.05
        for attempt in range(self.retries):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if attempt == self.retries - 1:
                    raise StoreBusy(message("store_db_busy")) from None
                time.sleep(delay + random.random() * delay)
                delay *= 2
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _immediate(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

        A deferred transaction that reads and then writes fails with "database is
        locked" when another process writes in between; taking the write lock up
        front makes the busy timeout apply instead.
        """
        conn = self.conn
        self._begin_immediate()
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                # A COMMIT refused as busy leaves the transaction open, to be tried again.
                self._polling(lambda: conn.execute("COMMIT"))
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _begin_immediate(self) -> None:
        """Take the write lock (see _polling)."""
        self._polling(lambda: self.conn.execute("BEGIN IMMEDIATE"))

    def _polling(self, fn):
        """Run fn, polling briefly while the database is locked, instead of SQLite's handler.

        SQLite's handler sleeps 1, 2, 5, 10 ... up to 100 ms between tries and is not first
        come, first served: under many concurrent submitters a few waited far longer than
        the rest (bench/bench_submit.py). The lock a statement meets is short (a commit, a
        read), so short jittered polls keep the wait close to the lock's real length. Used
        for taking the write lock, for COMMIT (it waits for readers to finish) and for reads
        (they wait for a commit to finish).
        """
        conn = self.conn
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.0005
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    return fn()
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() >= deadline:
                        raise
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.5, 0.01)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    def write(self, fn, *, foreign_keys: bool = True) -> Any:
        """Run fn(conn) in an immediate transaction with bounded retries.

        foreign_keys=False: for writes that delete and re-insert whole responses themselves
        (layout.take_out / put_back), where the keys' per-row checks and cascades are pure
        cost. SQLite only switches them outside a transaction, hence here.
        """

        def attempt():
            with self._immediate() as conn:
                return fn(conn)

        try:
            with self._lock:
                if foreign_keys:
                    return self._retry(attempt)
                self.conn.execute("PRAGMA foreign_keys = OFF")
                try:
                    return self._retry(attempt)
                finally:
                    self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            problem = _unavailable(exc)
            if problem is not None:
                raise problem from None
            raise

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self._retry(lambda: self._polling(lambda: self.conn.execute(sql, tuple(params)).fetchall()))
        except sqlite3.DatabaseError as exc:
            raise _unavailable(exc) or StoreUnavailable(message("store_db_cannot_read", error=str(exc))) from None

    def data_version(self) -> int:
        """SQLite's PRAGMA data_version: it changes when another connection commits, so a view
        that polls can skip a refresh when nothing changed (this connection's own writes do
        not change it: the caller refreshes after those itself)."""
        return self._read("PRAGMA data_version")[0][0]

    def forget_history(self) -> bool:
        """Empty the write-ahead log, so the file keeps no trace of the order of submits.

        Each commit appends its pages to the -wal file; until the log restarts, its frames
        show which code was marked used in the same commit as which response, in order.
        A TRUNCATE checkpoint copies them into the database and cuts the log to zero bytes.
        Submits run it unless another process is already queued behind them (the last of a
        burst runs it; see survey_tui/write_queue.py). It is tried without waiting: while other writers or a long read (an export) are
        busy it is skipped, and the next submit or close tries again. True when done.
        """
        if self.path == ":memory:":
            return True
        with self._lock:
            try:
                self.conn.execute("PRAGMA busy_timeout = 0")
                try:
                    busy, _log, _done = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    self.conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            except sqlite3.Error:
                return False
        return busy == 0

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that belong together. No transaction is held open across them.

        In rollback-journal mode a long read transaction would stop every respondent's
        submit; it is not needed either: results are read only from released responses of
        a round that takes no answers, and a release never changes once made (imports into
        such a round are held back; re-written rows keep their ids). Each read is its own
        short transaction.
        """
        yield
