"""The only module that speaks SQL: schema, rounds, codes, drafts, submissions, reads.

Anonymity rules enforced here (docs/anonymity.md):
- response rows hold no time, user, host, tty, IP, SSH_* value and no code;
- response ids are random, the tables are WITHOUT ROWID, and every commit that adds
  responses re-writes them mixed with their neighbours (store/layout.py), so neither ids
  nor the physical layout reveal the order of submissions; reads are shuffled as well;
- a rollback journal, not a write-ahead log: outside a commit in progress the database is
  one file with the current state only, no log of earlier commits;
- one-time codes live in their own table, hashed with scrypt and a per-round salt, and
  submitting marks a code used in the same transaction as the insert, nothing linking the two;
- results are released in batches of at least the minimum group (`release`), and the ids
  that leave the store are pseudonyms of the release, never the stored ids.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from survey_tui import questionnaire as qmod
from survey_tui.errors import (
    CodeRejected,
    InvalidInput,
    NotFound,
    ResponseInvalid,
    RoundNotOpen,
    StoreBusy,
    StoreUnavailable,
    WouldLockOutRespondents,
)
from survey_tui.questionnaire import Questionnaire

STATES = ("draft", "open", "closed")
ACCESS = ("open", "codes")
MIN_GROUP_FLOOR = 3
MAX_CODES_AT_A_TIME = 100_000
MIN_GROUP_CEILING = 10_000  # above this no survey of this kind could ever be reported
DEFAULT_MIN_GROUP = 5
SLUG_RE = qmod.ID_RE
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
# The operating system's CSPRNG, as `secrets` uses, without importing secrets/hmac/hashlib
# (OpenSSL) on the respondent's start-up path.
_SYSRANDOM = random.SystemRandom()


def random_id() -> str:
    """128 random bits as hex: response ids, unrelated to time or order."""
    return os.urandom(16).hex()


def _sha256(text: str) -> str:
    import hashlib  # noqa: PLC0415 - only when a code or draft is hashed

    return hashlib.sha256(text.encode()).hexdigest()
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs", "glusterfs", "ceph", "lustre"}


@dataclass(frozen=True)
class Round:
    slug: str
    questionnaire: Questionnaire
    state: str
    access: str
    min_group: int
    opens: dt.date | None = None
    closes: dt.date | None = None
    follows: str | None = None

    def accepting(self, today: dt.date | None = None) -> bool:
        return self.why_not_accepting(today) is None

    def unavailable(self, today: dt.date | None = None) -> tuple[str, dt.date | None] | None:
        """Why the round takes no answers: ("not_opened" | "closed" | "opens_on" | "closed_on",
        the date that decides it), or None when it takes them. Worded by why_not_accepting
        for coordinators and by i18n.round_unavailable for respondents."""
        today = today or dt.date.today()
        if self.state == "draft":
            return "not_opened", None
        if self.state == "closed":
            return "closed", None
        if self.opens and today < self.opens:
            return "opens_on", self.opens
        if self.closes and today > self.closes:
            return "closed_on", self.closes
        return None

    def why_not_accepting(self, today: dt.date | None = None) -> str | None:
        reason = self.unavailable(today)
        if reason is None:
            return None
        key, day = reason
        words = {"not_opened": "has not been opened yet", "closed": "is closed"}.get(key) or (
            f"{'opens' if key == 'opens_on' else 'closed'} on {day.isoformat()}"
        )
        return f"round {self.slug!r} {words}"

    def cannot_open(self, today: dt.date | None = None) -> str | None:
        """Why opening the round would be pointless (its closing date has passed), with the fix."""
        today = today or dt.date.today()
        if self.closes and self.closes < today:
            return (
                f"round {self.slug!r} closed on {self.closes.isoformat()}, so opening it would take no answers; "
                f"give it a new closing date first: survey-tui round edit {self.slug} --closes +14d"
            )
        return None

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days until the closing date (0 on its last day); None without one or once over."""
        if self.closes is None or self.state == "closed":
            return None
        days = (self.closes - (today or dt.date.today())).days
        return days if days >= 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.slug,
            "questionnaire": self.questionnaire.id,
            "questionnaire_version": self.questionnaire.version,
            "state": self.state,
            "access": self.access,
            "min_group": self.min_group,
            "opens": self.opens.isoformat() if self.opens else None,
            "closes": self.closes.isoformat() if self.closes else None,
            "follows": self.follows,
        }


# --------------------------------------------------------------------------- schema

_SCHEMA = [
    """CREATE TABLE rounds (
        slug TEXT PRIMARY KEY,
        questionnaire_id TEXT NOT NULL,
        questionnaire_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft','open','closed')),
        access TEXT NOT NULL CHECK (access IN ('open','codes')),
        min_group INTEGER NOT NULL CHECK (min_group >= 3),
        opens TEXT,
        closes TEXT,
        follows TEXT REFERENCES rounds(slug)
    ) WITHOUT ROWID""",
    """CREATE TABLE codes (
        hash TEXT PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug),
        label TEXT,
        used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0,1))
    ) WITHOUT ROWID""",
    """CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug),
        language TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE answers (
        response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (response_id, question_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE rankings (
        response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 1),
        PRIMARY KEY (response_id, item_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE drafts (
        token_hash TEXT PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug),
        data TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE answer_codes (
        response_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (response_id, question_id, label),
        FOREIGN KEY (response_id, question_id)
            REFERENCES answers(response_id, question_id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    "CREATE INDEX responses_round ON responses(round)",
    "CREATE INDEX codes_round ON codes(round)",
    "CREATE INDEX drafts_round ON drafts(round)",
]


MIGRATION_SET = "survey_tui"
MIGRATION_NAMES = ("0001_initial", "0002_anonymity", "0003_recipients")
# scrypt for one-time codes: ~5 ms and 4 MiB a guess here (RELIABILITY.md), where sha256 cost
# nanoseconds; a submit checks one code.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**12, 8, 1


def _migrations():
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="0001_initial")
    def initial(db) -> None:
        for statement in _SCHEMA:
            db.execute(statement)

    @migrations(name="0002_anonymity")
    def anonymity(db) -> None:
        from survey_tui.store import layout

        for statement in (
            "ALTER TABLE rounds ADD COLUMN code_salt TEXT",
            "ALTER TABLE rounds ADD COLUMN release_key TEXT",
            "ALTER TABLE rounds ADD COLUMN releases INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE rounds ADD COLUMN imported INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE responses ADD COLUMN batch INTEGER",
        ):
            db.execute(statement)
        conn = db.conn
        # Responses of earlier versions may already have been shown: they form the first release.
        conn.execute("UPDATE responses SET batch = 1")
        for (slug,) in conn.execute("SELECT slug FROM rounds").fetchall():
            has = conn.execute("SELECT 1 FROM responses WHERE round = ? LIMIT 1", (slug,)).fetchone()
            has_codes = conn.execute("SELECT 1 FROM codes WHERE round = ? LIMIT 1", (slug,)).fetchone()
            conn.execute(
                "UPDATE rounds SET release_key = ?, releases = ?, code_salt = ? WHERE slug = ?",
                (layout.new_key(), 1 if has else 0, None if has_codes else layout.new_key(), slug),
            )
            layout.relayout_round(conn, slug)

    @migrations(name="0003_recipients")
    def recipients(db) -> None:
        from survey_tui.store import recipients as recipients_module

        recipients_module.migrate(db.conn)

    return migrations


# --------------------------------------------------------------------------- helpers


def _today() -> dt.date:
    return dt.date.today()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def normalize_code(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def _code_hash(slug: str, code: str, salt: str | None) -> str:
    """scrypt with the round's random salt; rounds of earlier versions (no salt) keep sha256."""
    if salt is None:
        return _sha256(f"{slug}\0{normalize_code(code)}")
    import hashlib  # noqa: PLC0415 - only when a code is checked

    return hashlib.scrypt(
        normalize_code(code).encode(), salt=bytes.fromhex(salt) + slug.encode(),
        n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024, dklen=32,
    ).hex()


def _code_hashes(slug: str, codes: list[str], salt: str | None, progress=None) -> list[str]:
    """Hash many codes on every core (hashlib's scrypt releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    out: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        for digest in pool.map(lambda c: _code_hash(slug, c, salt), codes):
            out.append(digest)
            if progress is not None:
                progress(len(out), len(codes))
    return out


def new_code() -> str:
    raw = "".join(_SYSRANDOM.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def new_token() -> str:
    """A resume code for a draft: easy to copy, long enough not to guess."""
    raw = "".join(_SYSRANDOM.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


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


KEEP = object()  # edit_round: leave this setting as it is


def _refuse_lockout(rnd: Round, answered_or_started: int) -> None:
    """Codes for an open round that people answer without one would lock them out."""
    if rnd.state == "open" and rnd.access == "open" and answered_or_started:
        raise WouldLockOutRespondents(
            f"round {rnd.slug!r} is open to anyone and people have answered or started; with codes "
            "only code holders could submit, and those answering without a code could not"
        )


def _check_new_labels(conn: sqlite3.Connection, slug: str, labels: list[str | None]) -> None:
    """A recipient label names one code: no blanks, no repeats, none the round already has."""
    rows = conn.execute("SELECT label FROM codes WHERE round = ? AND label IS NOT NULL", (slug,))
    taken = {str(row[0]).casefold() for row in rows}
    seen: set[str] = set()
    for label in labels:
        if not label:
            raise InvalidInput("a recipient label must not be empty")
        key = label.casefold()
        if key in seen:
            raise InvalidInput(f"the label {label[:60]!r} is given twice; each recipient gets one code")
        if key in taken:
            raise InvalidInput(
                f"the round already has a code for {label[:60]!r}; use another label "
                f"(e.g. {label[:50] + ' 2'!r}) if that person needs a new code"
            )
        seen.add(key)


def _label(text: object) -> str:
    """A label as it will be shown: escape sequences and control characters removed, one line."""
    from survey_tui.sanitize import one_line

    return one_line(str(text))


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def _unavailable(exc: sqlite3.Error) -> StoreUnavailable | None:
    msg = str(exc).lower()
    if "readonly" in msg or "read-only" in msg:
        return StoreUnavailable("the survey database is read-only; ask the coordinator to check its permissions")
    if "disk is full" in msg or "disk i/o" in msg or "unable to open" in msg:
        return StoreUnavailable(f"the survey database cannot be written ({exc}); nothing was stored")
    return None


# --------------------------------------------------------------------------- store

# Responses that results may show: released in a batch (see Store.release).
RELEASED = "r.round = ? AND r.batch IS NOT NULL"


@dataclass(frozen=True)
class Release:
    """Where a round's results stand: counts only, safe to show at any time."""

    slug: str
    accepting: bool
    released: int  # responses the results show
    held: int  # responses not yet released (round open, or fewer than min_group since the last release)
    releases: int
    imported: int  # of all responses, how many came by `responses import`
    min_group: int
    seed: int = 0  # for orders that must be the same in every view of one release (not the key)

    @property
    def total(self) -> int:
        return self.released + self.held


class Store:
    """One SQLite file (or memory) behind a small, typed API."""

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
            raise StoreUnavailable(f"cannot open the survey database {self.path}: {exc}") from None
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
        fstype = _mount_fstype(path.parent if path.parent.exists() else Path.cwd())
        if fstype and fstype.lower() in NETWORK_FS:
            raise StoreUnavailable(
                f"{path} is on a network filesystem ({fstype}); SQLite locking is unreliable there. "
                "Put the database on a local disk."
            )
        if _readonly_fs(path):
            # SQLite writes its -shm file beside a WAL database even to read it.
            raise StoreUnavailable(
                f"{path} is on a read-only filesystem; the survey database cannot be opened there "
                "(even reading needs a small file beside it). Copy it to a writable folder to read it."
            )
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
            raise StoreUnavailable(f"cannot create the survey database {path}: {exc.strerror or exc}") from None

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
                f"{self.path} is not a usable survey database: {exc}"
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
                    raise StoreBusy(
                        "the survey database is busy; nothing was stored, please try again in a moment"
                    ) from None
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
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _begin_immediate(self) -> None:
        """Take the write lock, polling briefly instead of SQLite's sleeping busy handler.

        SQLite's handler sleeps up to 100 ms between tries and is not first come, first
        served, so under many concurrent submitters a few waited far longer than the rest
        (bench/bench_submit.py). Short jittered polls keep the wait close to the queue.
        """
        conn = self.conn
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.0005
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() >= deadline:
                        raise
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.5, 0.01)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    def write(self, fn) -> Any:
        """Run fn(conn) in an immediate transaction with bounded retries."""

        def attempt():
            with self._immediate() as conn:
                return fn(conn)

        try:
            with self._lock:
                return self._retry(attempt)
        except sqlite3.DatabaseError as exc:
            problem = _unavailable(exc)
            if problem is not None:
                raise problem from None
            raise

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self._retry(lambda: self.conn.execute(sql, tuple(params)).fetchall())
        except sqlite3.DatabaseError as exc:
            raise _unavailable(exc) or StoreUnavailable(f"cannot read the survey database: {exc}") from None

    # ---------------------------------------------------------------- rounds

    def check_new_slug(self, slug: str) -> None:
        """Refuse a round name that is invalid or taken (before asking anything else)."""
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise InvalidInput(f"invalid round name {slug!r}: use 1-64 lowercase letters, digits, '-' or '_'")
        if self._read("SELECT 1 FROM rounds WHERE slug = ?", (slug,)):
            raise InvalidInput(f"round {slug!r} already exists")

    def create_round(
        self,
        slug: str,
        questionnaire: Questionnaire,
        *,
        opens: dt.date | None = None,
        closes: dt.date | None = None,
        access: str = "open",
        min_group: int = DEFAULT_MIN_GROUP,
        follows: str | None = None,
        state: str = "draft",
    ) -> Round:
        self.check_new_slug(slug)
        if access not in ACCESS:
            raise InvalidInput(f"access must be one of {', '.join(ACCESS)}")
        if state not in STATES:
            raise InvalidInput(f"state must be one of {', '.join(STATES)}")
        if not MIN_GROUP_FLOOR <= int(min_group) <= MIN_GROUP_CEILING:
            raise InvalidInput(
                f"minimum group size must be from {MIN_GROUP_FLOOR} to {MIN_GROUP_CEILING}, got {min_group}"
            )
        if opens and closes and closes < opens:
            raise InvalidInput(f"the round closes ({closes}) before it opens ({opens})")

        def insert(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise InvalidInput(f"round {slug!r} already exists")
            if follows is not None and not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (follows,)).fetchone():
                raise NotFound(f"round {follows!r} (to follow up) does not exist")
            conn.execute(
                "INSERT INTO rounds (slug, questionnaire_id, questionnaire_json, state, access, min_group,"
                " opens, closes, follows, code_salt, release_key) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    slug,
                    questionnaire.id,
                    questionnaire.to_json(),
                    state,
                    access,
                    int(min_group),
                    opens.isoformat() if opens else None,
                    closes.isoformat() if closes else None,
                    follows,
                    random_id(),
                    random_id(),
                ),
            )
            _purge_expired_drafts(conn)

        self.write(insert)
        return self.get_round(slug)

    def _round_from_row(self, row: tuple) -> Round:
        slug, qjson, state, access, min_group, opens, closes, follows = row
        return Round(
            slug=slug,
            questionnaire=qmod.from_json(qjson, f"round {slug}"),
            state=state,
            access=access,
            min_group=min_group,
            opens=_date(opens),
            closes=_date(closes),
            follows=follows,
        )

    _ROUND_COLS = "slug, questionnaire_json, state, access, min_group, opens, closes, follows"

    def get_round(self, slug: str) -> Round:
        rows = self._read(f"SELECT {self._ROUND_COLS} FROM rounds WHERE slug = ?", (slug,))
        if not rows:
            raise NotFound(f"no round named {str(slug)[:64]!r}; see 'survey-tui round list'")
        return self._round_from_row(rows[0])

    def list_rounds(self) -> list[Round]:
        rows = self._read(f"SELECT {self._ROUND_COLS} FROM rounds ORDER BY slug")
        return [self._round_from_row(r) for r in rows]

    def accepting_rounds(self, today: dt.date | None = None) -> list[Round]:
        return [r for r in self.list_rounds() if r.accepting(today)]

    def set_state(self, slug: str, state: str) -> Round:
        if state not in STATES:
            raise InvalidInput(f"state must be one of {', '.join(STATES)}")

        def update(conn: sqlite3.Connection) -> None:
            if not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise NotFound(f"no round named {slug!r}")
            conn.execute("UPDATE rounds SET state = ? WHERE slug = ?", (state, slug))
            _purge_expired_drafts(conn)

        self.write(update)
        return self.get_round(slug)

    def edit_round(
        self,
        slug: str,
        *,
        opens: dt.date | None | object = KEEP,
        closes: dt.date | None | object = KEEP,
        min_group: int | None = None,
        access: str | None = None,
        title: str | None = None,
        switch_access: bool = False,
    ) -> Round:
        """Change a round's dates, minimum group, access or title, keeping the anonymity rules.

        - The minimum group can always be raised; once results have been released (shown)
          it cannot be lowered, or the next release could differ from the shown ones by
          fewer people than the shown results were protected by.
        - Switching an open round that people already answer (or have started) without a
          code to codes locks them out: refused unless switch_access, as in add_codes.
        - opens/closes: KEEP leaves a date as it is, None removes it.
        - title: the questionnaire's title in every language (the rest of the frozen
          questionnaire is not editable: answers refer to it).
        """
        rnd = self.get_round(slug)
        new_opens = rnd.opens if opens is KEEP else opens
        new_closes = rnd.closes if closes is KEEP else closes
        if new_opens and new_closes and new_closes < new_opens:
            raise InvalidInput(f"the round would close ({new_closes}) before it opens ({new_opens})")
        if access is not None and access not in ACCESS:
            raise InvalidInput(f"access must be one of {', '.join(ACCESS)}")
        if min_group is not None:
            if not MIN_GROUP_FLOOR <= int(min_group) <= MIN_GROUP_CEILING:
                raise InvalidInput(
                    f"minimum group size must be from {MIN_GROUP_FLOOR} to {MIN_GROUP_CEILING}, got {min_group}"
                )
            releases = self._read("SELECT releases FROM rounds WHERE slug = ?", (slug,))[0][0]
            if int(min_group) < rnd.min_group and releases:
                raise InvalidInput(
                    f"results of round {slug!r} have already been shown for groups of at least {rnd.min_group}; "
                    f"the minimum group can be raised but not lowered below {rnd.min_group}"
                )
        if access == "codes" and not switch_access:
            _refuse_lockout(rnd, self.count_responses(slug) + self.count_drafts(slug))
        questionnaire_json = None
        if title is not None:
            from dataclasses import replace

            text = _label(title)
            if not text or len(text) > qmod.LIMITS["title"]:
                raise InvalidInput(f"a title is 1-{qmod.LIMITS['title']} characters on one line")
            q = rnd.questionnaire
            questionnaire_json = replace(q, title={lang: text for lang in q.languages}).to_json()

        def update(conn: sqlite3.Connection) -> None:
            if not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise NotFound(f"no round named {slug!r}")
            conn.execute(
                "UPDATE rounds SET opens = ?, closes = ?, min_group = ?, access = ?,"
                " questionnaire_json = coalesce(?, questionnaire_json) WHERE slug = ?",
                (
                    new_opens.isoformat() if new_opens else None,
                    new_closes.isoformat() if new_closes else None,
                    int(min_group) if min_group is not None else rnd.min_group,
                    access or rnd.access,
                    questionnaire_json,
                    slug,
                ),
            )
            _purge_expired_drafts(conn)

        self.write(update)
        return self.get_round(slug)

    def delete_round(self, slug: str) -> None:
        """Remove a round that nobody has answered (a mistyped name or dates), with its codes and drafts."""
        self.get_round(slug)

        def delete(conn: sqlite3.Connection) -> None:
            (count,) = conn.execute("SELECT count(*) FROM responses WHERE round = ?", (slug,)).fetchone()
            if count:
                raise InvalidInput(
                    f"round {slug!r} has {count} response(s) and cannot be deleted; close it instead"
                )
            follower = conn.execute("SELECT slug FROM rounds WHERE follows = ? ORDER BY slug", (slug,)).fetchone()
            if follower:
                raise InvalidInput(f"round {follower[0]!r} follows up {slug!r}; delete that round first")
            conn.execute("DELETE FROM drafts WHERE round = ?", (slug,))
            conn.execute("DELETE FROM codes WHERE round = ?", (slug,))
            conn.execute("DELETE FROM rounds WHERE slug = ?", (slug,))

        self.write(delete)

    # ---------------------------------------------------------------- codes

    def _code_salt(self, slug: str) -> str | None:
        rows = self._read("SELECT code_salt FROM rounds WHERE slug = ?", (slug,))
        return rows[0][0] if rows else None

    def add_codes(
        self,
        slug: str,
        *,
        count: int | None = None,
        labels: list[str] | None = None,
        switch_access: bool = False,
        progress=None,
    ) -> list[tuple[str, str | None]]:
        """Create one-time codes; returns (code, label) pairs. Only hashes are kept.

        The round then takes code holders only. For an open round that people already
        answer without a code, that locks them out: refused unless switch_access is True.
        """
        rnd = self.get_round(slug)
        if not switch_access and rnd.state == "open" and rnd.access == "open":
            _refuse_lockout(rnd, self.count_responses(slug) + self.count_drafts(slug))
        if labels is not None:
            wanted: list[str | None] = [_label(label) for label in labels]
        elif count is not None and count > 0:
            if count > MAX_CODES_AT_A_TIME:  # checked before building the list: 10**12 would not fit
                raise InvalidInput(f"at most {MAX_CODES_AT_A_TIME} codes at a time")
            wanted = [None] * int(count)
        else:
            raise InvalidInput("give a number of codes (more than 0) or a file of labels")
        if len(wanted) > MAX_CODES_AT_A_TIME:
            raise InvalidInput(f"at most {MAX_CODES_AT_A_TIME} codes at a time")
        issued = [(new_code(), label) for label in wanted]
        if labels is not None:  # before the slow hashing; checked again under the write lock
            _check_new_labels(self.conn, slug, wanted)
        salt = self._code_salt(slug)
        hashes = _code_hashes(slug, [code for code, _ in issued], salt, progress)

        def insert(conn: sqlite3.Connection) -> None:
            if labels is not None:  # under the write lock: two `codes add` at once cannot both add a label
                _check_new_labels(conn, slug, wanted)
            conn.executemany(
                "INSERT INTO codes (hash, round, label, used) VALUES (?,?,?,0)",
                [(digest, slug, label) for digest, (_code, label) in zip(hashes, issued)],
            )
            conn.execute("UPDATE rounds SET access = 'codes' WHERE slug = ?", (slug,))

        self.write(insert)
        return issued

    def recipients(self):
        """Recipients, their codes and the send log (survey_tui/store/recipients.py)."""
        from survey_tui.store.recipients import Recipients

        return Recipients(self)

    def check_code(self, slug: str, code: str) -> None:
        """Raise CodeRejected unless the code is valid and unused (does not consume it)."""
        digest = _code_hash(slug, code, self._code_salt(slug))
        rows = self._read("SELECT used FROM codes WHERE hash = ? AND round = ?", (digest, slug))
        if not rows:
            raise CodeRejected("that code is not valid for this survey; check it and try again", "unknown")
        if rows[0][0]:
            raise CodeRejected("that code has already been used; each code works once", "used")

    def list_codes(self, slug: str, *, unused_only: bool = False) -> list[dict[str, Any]]:
        self.get_round(slug)
        sql = "SELECT label, used FROM codes WHERE round = ?"
        if unused_only:
            sql += " AND used = 0"
        rows = self._read(sql + " ORDER BY label, hash", (slug,))
        return [{"label": label, "used": bool(used)} for label, used in rows]

    # ---------------------------------------------------------------- submit

    def submit(
        self,
        slug: str,
        answers: Mapping[str, Any],
        ranking: list[str] | None,
        language: str,
        code: str | None = None,
        *,
        draft_token: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Store one response atomically, consuming the code and the draft if given."""
        rnd = self.get_round(slug)
        problems = qmod.check_response(rnd.questionnaire, answers, ranking, language)
        if problems:
            raise ResponseInvalid(problems)
        rows = _response_rows(answers, ranking)
        digest = _code_hash(slug, code, self._code_salt(slug)) if code else None
        drafts = _token_hashes(draft_token) if draft_token else ()

        def insert(conn: sqlite3.Connection) -> None:
            state_row = conn.execute("SELECT state, opens, closes FROM rounds WHERE slug = ?", (slug,)).fetchone()
            current = Round(slug, rnd.questionnaire, state_row[0], rnd.access, rnd.min_group, _date(state_row[1]), _date(state_row[2]))
            reason = current.why_not_accepting(today)
            if reason:
                raise RoundNotOpen(reason)
            if rnd.access == "codes" or code is not None:
                if not code:
                    raise CodeRejected("this survey needs a one-time code", "missing")
                cur = conn.execute(
                    "UPDATE codes SET used = 1 WHERE hash = ? AND round = ? AND used = 0", (digest, slug)
                )
                if cur.rowcount != 1:
                    exists = conn.execute("SELECT 1 FROM codes WHERE hash = ?", (digest,)).fetchone()
                    if exists:
                        raise CodeRejected("that code has already been used; each code works once", "used")
                    raise CodeRejected("that code is not valid for this survey; check it and try again", "unknown")
            _insert_responses(conn, slug, rnd.min_group, [(language, rows)])
            if draft_token:
                conn.executemany("DELETE FROM drafts WHERE token_hash = ?", [(h,) for h in drafts])

        with self._write_queue().turn(self.busy_timeout) as turn:
            try:
                self.write(insert)
            finally:
                # Also after a refused submit: the submitter before it left the log to this one.
                if not turn.followed():
                    self.forget_history()

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

    def import_responses(self, slug: str, records: list[dict[str, Any]]) -> int:
        """Insert already-validated records in one transaction (all or nothing)."""
        rnd = self.get_round(slug)
        prepared = []
        for index, rec in enumerate(records, 1):
            problems = qmod.check_response(rnd.questionnaire, rec.get("answers", {}), rec.get("ranking"), rec.get("language"))
            if problems:
                raise ResponseInvalid([f"record {index}: {p}" for p in problems])
            prepared.append((rec["language"], _response_rows(rec.get("answers", {}), rec.get("ranking"))))

        random.shuffle(prepared)  # the file's order (e.g. of paper forms) is not kept either

        def insert(conn: sqlite3.Connection) -> None:
            _insert_responses(conn, slug, rnd.min_group, prepared)
            conn.execute("UPDATE rounds SET imported = imported + ? WHERE slug = ?", (len(prepared), slug))

        with self._write_queue().turn(self.busy_timeout):
            self.write(insert)
            self.forget_history()
        return len(prepared)

    # ---------------------------------------------------------------- drafts

    def save_draft(self, slug: str, token: str, data: Mapping[str, Any]) -> None:
        """Keep a draft, encrypted under its resume code (survey_tui/draft_seal.py)."""
        from survey_tui import draft_seal

        sealed = draft_seal.seal(token, json.dumps(data, ensure_ascii=False).encode())
        key, legacy = _token_hashes(token)

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO drafts (token_hash, round, data) VALUES (?,?,?)"
                " ON CONFLICT(token_hash) DO UPDATE SET data = excluded.data",
                (key, slug, sealed),
            )
            conn.execute("DELETE FROM drafts WHERE token_hash = ?", (legacy,))  # a plain draft of an earlier version

        self.write(upsert)

    def load_draft(self, slug: str, token: str) -> dict[str, Any] | None:
        from survey_tui import draft_seal

        for digest in _token_hashes(token):
            rows = self._read("SELECT data FROM drafts WHERE token_hash = ? AND round = ?", (digest, slug))
            if not rows:
                continue
            data = rows[0][0]
            if isinstance(data, str):  # an earlier version's plain draft: sealed on its next save
                return json.loads(data)
            try:
                return json.loads(draft_seal.unseal(token, data))
            except ValueError:
                return None
        return None

    def delete_draft(self, slug: str, token: str) -> bool:
        """Discard a respondent's draft at once (the quit dialog's "discard my draft")."""

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute(
                "DELETE FROM drafts WHERE token_hash IN (?, ?) AND round = ?", (*_token_hashes(token), slug)
            ).rowcount

        return bool(self.write(delete))

    def draft_round(self, token: str) -> str | None:
        """The round a resume code's draft belongs to, so the code alone finds its round."""
        rows = self._read("SELECT round FROM drafts WHERE token_hash IN (?, ?)", _token_hashes(token))
        return rows[0][0] if rows else None

    def count_drafts(self, slug: str) -> int:
        return self._read("SELECT count(*) FROM drafts WHERE round = ?", (slug,))[0][0]

    # ---------------------------------------------------------------- reads

    def count_responses(self, slug: str) -> int:
        return self._read("SELECT count(*) FROM responses WHERE round = ?", (slug,))[0][0]

    def status(self, slug: str, today: dt.date | None = None) -> dict[str, Any]:
        rnd = self.get_round(slug)
        responses = self.count_responses(slug)
        issued, used = self._read(
            "SELECT count(*), coalesce(sum(used), 0) FROM codes WHERE round = ?", (slug,)
        )[0]
        rate = (used / issued) if issued else None
        return {
            "round": slug,
            "questionnaire": rnd.questionnaire.id,
            "state": rnd.state,
            "accepting": rnd.accepting(today),
            "access": rnd.access,
            "responses": responses,
            "codes_issued": issued,
            "codes_used": used,
            "response_rate": round(rate, 4) if rate is not None else None,
            "opens": rnd.opens.isoformat() if rnd.opens else None,
            "closes": rnd.closes.isoformat() if rnd.closes else None,
            "days_left": rnd.days_left(today),
            "min_group": rnd.min_group,
            "follows": rnd.follows,
        }

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

    # ---------------------------------------------------------------- releases

    def release(self, slug: str, today: dt.date | None = None) -> Release:
        """Release the held-back responses as one batch when that is safe, and say where things stand.

        Nothing is released while the round takes answers, nor fewer than the minimum group
        at a time: two outputs can then never differ by fewer than the minimum group.
        """
        rnd = self.get_round(slug)
        accepting = rnd.accepting(today)

        def update(conn: sqlite3.Connection) -> None:
            held = conn.execute(
                "SELECT count(*) FROM responses WHERE round = ? AND batch IS NULL", (slug,)
            ).fetchone()[0]
            if accepting or held < rnd.min_group:
                return
            (batch,) = conn.execute("SELECT releases + 1 FROM rounds WHERE slug = ?", (slug,)).fetchone()
            conn.execute("UPDATE responses SET batch = ? WHERE round = ? AND batch IS NULL", (batch, slug))
            conn.execute(
                "UPDATE rounds SET releases = ?, release_key = ? WHERE slug = ?", (batch, random_id(), slug)
            )

        self.write(update)
        return self.release_state(slug, today)

    def release_state(self, slug: str, today: dt.date | None = None) -> Release:
        """How many responses are released, held back and imported (counts only, no writing)."""
        rnd = self.get_round(slug)
        released, held = self._read(
            "SELECT count(batch), count(*) - count(batch) FROM responses WHERE round = ?", (slug,)
        )[0]
        releases, imported = self._read("SELECT releases, imported FROM rounds WHERE slug = ?", (slug,))[0]
        from survey_tui.store.layout import pseudonym

        return Release(
            slug=slug, accepting=rnd.accepting(today), released=released, held=held,
            releases=releases, imported=imported, min_group=rnd.min_group,
            seed=int(pseudonym(self._key(slug), "order"), 16),
        )

    def _key(self, slug: str) -> str:
        rows = self._read("SELECT release_key FROM rounds WHERE slug = ?", (slug,))
        return rows[0][0] if rows and rows[0][0] else "00" * 16

    def _pseudonyms(self, slug: str):
        from survey_tui.store.layout import pseudonym

        key = self._key(slug)
        return lambda stored: pseudonym(key, stored)  # no cache: an export's memory stays flat

    def _stored_id(self, slug: str, handle: str) -> str | None:
        """The stored id behind a pseudonym of the current release (None if no such answer)."""
        name = self._pseudonyms(slug)
        for (rid,) in self._read("SELECT id FROM responses WHERE round = ? AND batch IS NOT NULL", (slug,)):
            if name(rid) == handle:
                return rid
        return None

    def rankings(self, slug: str) -> list[list[str]]:
        """Each response's ranking (most important first), in random order."""
        ranks: dict[str, list[tuple[int, str]]] = {}
        for rid, item, pos in self._read(
            "SELECT k.response_id, k.item_id, k.position FROM rankings k JOIN responses r ON r.id = k.response_id"
            f" WHERE {RELEASED}",
            (slug,),
        ):
            ranks.setdefault(rid, []).append((pos, item))
        ids = [row[0] for row in self._read(f"SELECT r.id FROM responses r WHERE {RELEASED}", (slug,))]
        random.shuffle(ids)
        return [[item for _, item in sorted(ranks.get(rid, []))] for rid in ids]

    def answers(self, slug: str, question_id: str | None = None) -> list[dict[str, Any]]:
        """Released answers of a round: response_id (a pseudonym), question_id, text; random order."""
        sql = (
            "SELECT a.response_id, a.question_id, a.text FROM answers a JOIN responses r ON r.id = a.response_id"
            f" WHERE {RELEASED}"
        )
        params: list[Any] = [slug]
        if question_id is not None:
            sql += " AND a.question_id = ?"
            params.append(question_id)
        name = self._pseudonyms(slug)
        rows = [{"response_id": name(r), "question_id": q, "text": t} for r, q, t in self._read(sql, params)]
        rows.sort(key=lambda row: (row["response_id"], row["question_id"]))  # one order per release
        return rows

    def language_counts(self, slug: str) -> dict[str, int]:
        """How many released responses were given in each language."""
        rows = self._read(f"SELECT r.language, count(*) FROM responses r WHERE {RELEASED} GROUP BY r.language", (slug,))
        return dict(rows)

    def ranking_counts(self, slug: str) -> list[tuple[tuple[str, ...], int]]:
        """Each distinct non-empty ranking of a round (most important first) with how many gave it.

        Aggregated in SQL, so no per-response data reaches Python: ranking statistics need
        only these counts. Order of the list is not meaningful.
        """
        # Each response's placements are concatenated as "position<US>item" in whatever order
        # SQLite reads them and put in order in Python, so equal rankings read in a different
        # order are merged below instead of relying on group_concat's order.
        rows = self._read(
            "SELECT placed, count(*) FROM (SELECT group_concat(k.position || char(31) || k.item_id, char(30)) AS placed"
            f" FROM responses r JOIN rankings k ON k.response_id = r.id WHERE {RELEASED} GROUP BY r.id)"
            " GROUP BY placed",
            (slug,),
        )
        counts: dict[tuple[str, ...], int] = {}
        for placed, count in rows:
            order = _placed_order(placed)
            counts[order] = counts.get(order, 0) + count
        return list(counts.items())

    def scan_responses(self, slug: str, *, batch: int = 2000, rankings: bool = True) -> Iterator[dict[str, Any]]:
        """Every response of a round as {"id", "language", "answers", "ranking"}.

        Reads ranges of response ids in index order (several times faster on a large round
        than looking each id up). The order is unrelated to submission order (ids are
        random) and differs between calls (a random starting id, then each batch shuffled).
        Memory is bounded by the batch. Call inside `snapshot()` for a consistent view.
        rankings=False skips reading the rankings (every "ranking" is then empty).
        """
        name = self._pseudonyms(slug)
        # The same order on every read of one release, so two exports diff cleanly; unrelated
        # to arrival (ids are random) and to the order of the release before.
        pivot = name("pivot").ljust(32, "0")
        orders: dict[str, tuple[str, ...]] = {}  # rankings repeat: decode each distinct one once
        for low, high in ((pivot, None), ("", pivot)):
            while True:
                where = f"{RELEASED} AND r.id > ?" + (" AND r.id <= ?" if high is not None else "")
                args = (slug, low) + ((high,) if high is not None else ())
                heads = self._read(f"SELECT r.id, r.language FROM responses r WHERE {where} ORDER BY r.id LIMIT {int(batch)}", args)
                if not heads:
                    break
                first, last = heads[0][0], heads[-1][0]
                span = f"{RELEASED} AND r.id BETWEEN ? AND ?"
                recs = {rid: {"id": rid, "language": lang, "answers": {}, "ranking": []} for rid, lang in heads}
                for rid, qid, text in self._read(
                    f"SELECT a.response_id, a.question_id, a.text FROM responses r JOIN answers a ON a.response_id = r.id WHERE {span}",
                    (slug, first, last),
                ):
                    recs[rid]["answers"][qid] = text
                placements = self._read(
                    "SELECT r.id, group_concat(k.position || char(31) || k.item_id, char(30)) FROM responses r"
                    f" JOIN rankings k ON k.response_id = r.id WHERE {span} GROUP BY r.id",
                    (slug, first, last),
                ) if rankings else []
                for rid, placed in placements:
                    order = orders.get(placed)
                    if order is None:
                        order = orders[placed] = _placed_order(placed)
                    recs[rid]["ranking"] = list(order)
                out = list(recs.values())
                for rec in out:
                    rec["id"] = name(rec["id"])
                out.sort(key=lambda rec: rec["id"])
                yield from out
                if len(heads) < batch:
                    break
                low = last

    # ---------------------------------------------------------------- coordinator codes

    def add_answer_code(self, slug: str, handle: str, question_id: str, label: str) -> None:
        """Tag the answer of the response with this pseudonym (as shown in the current release)."""
        label = _label(label)  # stored as shown, so the same text removes it again
        if not label or len(label) > 60:
            raise InvalidInput("a code label is 1-60 characters")
        response_id = self._stored_id(slug, handle)
        if response_id is None:
            raise NotFound("no such answer")

        def insert(conn: sqlite3.Connection) -> None:
            if not conn.execute(
                "SELECT 1 FROM answers WHERE response_id = ? AND question_id = ?", (response_id, question_id)
            ).fetchone():
                raise NotFound("no such answer")
            conn.execute(
                "INSERT OR IGNORE INTO answer_codes (response_id, question_id, label) VALUES (?,?,?)",
                (response_id, question_id, label),
            )

        self.write(insert)

    def remove_answer_code(self, slug: str, handle: str, question_id: str, label: str) -> bool:
        label = _label(label)
        response_id = self._stored_id(slug, handle)
        if response_id is None:
            return False

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute(
                "DELETE FROM answer_codes WHERE response_id = ? AND question_id = ? AND label = ?",
                (response_id, question_id, label),
            ).rowcount

        return bool(self.write(delete))

    def answer_codes(self, slug: str) -> list[dict[str, str]]:
        """Coordinator codes of released answers: response_id (a pseudonym), question_id, label."""
        rows = self._read(
            "SELECT c.response_id, c.question_id, c.label FROM answer_codes c"
            f" JOIN responses r ON r.id = c.response_id WHERE {RELEASED}",
            (slug,),
        )
        name = self._pseudonyms(slug)
        out = [{"response_id": name(r), "question_id": q, "label": lab} for r, q, lab in rows]
        return sorted(out, key=lambda c: (c["label"], c["question_id"], c["response_id"]))


def _placed_order(placed: str) -> tuple[str, ...]:
    """Item ids in position order from group_concat's "position<US>item<RS>..." (any order)."""
    pairs = sorted((int(pos), item) for pos, _, item in (p.partition("\x1f") for p in placed.split("\x1e")))
    return tuple(item for _, item in pairs)


def _purge_expired_drafts(conn: sqlite3.Connection, today: dt.date | None = None) -> None:
    """Drafts expire with their round: when it is closed or its closing date has passed."""
    conn.execute(
        "DELETE FROM drafts WHERE round IN (SELECT slug FROM rounds WHERE state = 'closed'"
        " OR (closes IS NOT NULL AND closes < ?))",
        ((today or _today()).isoformat(),),
    )


_TOKEN_HASHES: dict[str, tuple[str, str]] = {}


def _token_hashes(token: str) -> tuple[str, str]:
    """How a draft is found: scrypt of its resume code, and the sha256 of earlier versions.

    A plain hash of a 60-bit code could be reversed from a leaked file on a GPU, giving the
    key to the draft; scrypt makes every guess cost what unsealing does. Cached, as one
    respondent saves the same draft many times.
    """
    norm = normalize_code(token)
    cached = _TOKEN_HASHES.get(norm)
    if cached is None:
        import hashlib  # noqa: PLC0415 - only when a draft is saved or looked up

        slow = hashlib.scrypt(norm.encode(), salt=b"survey-tui draft lookup", n=2**14, r=8, p=1,
                              maxmem=64 * 1024 * 1024, dklen=32).hex()
        cached = _TOKEN_HASHES[norm] = (slow, _token_hash(token))
        if len(_TOKEN_HASHES) > 64:
            _TOKEN_HASHES.pop(next(iter(_TOKEN_HASHES)))
    return cached


def _token_hash(token: str) -> str:
    return _sha256("draft\0" + normalize_code(token))


def _response_rows(answers: Mapping[str, Any], ranking: list[str] | None) -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    answer_rows = [(qid, text) for qid, text in answers.items() if isinstance(text, str) and text.strip()]
    rank_rows = [(item, pos) for pos, item in enumerate(ranking or [], 1)]
    return answer_rows, rank_rows


def _insert_responses(conn: sqlite3.Connection, slug: str, min_group: int, records) -> None:
    """New responses (held back: no batch yet), mixed into the file with their neighbours."""
    from survey_tui.store import layout

    new: dict[str, list[tuple]] = {"responses": [], "answers": [], "rankings": [], "answer_codes": []}
    for language, (answer_rows, rank_rows) in records:
        rid = random_id()
        new["responses"].append((rid, slug, language, None))
        new["answers"] += [(rid, qid, text) for qid, text in answer_rows]
        new["rankings"] += [(rid, item, pos) for item, pos in rank_rows]
    layout.insert_mixed(conn, slug, min_group, new)
