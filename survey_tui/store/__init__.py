"""The only package that speaks SQL: schema, rounds, codes, drafts, submissions, reads.

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

`Store` is put together from one part per concern:
- store/connection.py: opening (file checks, pragmas, rollback journal, migrations), the
  write lock, write()/_read() with retries, the write queue and forget_history;
- store/migrations.py: the schema and its sqlite-utils migrations;
- store/rounds.py, codes.py, drafts.py, responses.py, releases.py, tags.py: the API;
- store/coding.py, coding_answers.py: the content-analysis codebook and per-answer coding;
- store/values.py: random ids, one-time and resume codes, dates, labels;
- store/layout.py: the re-laying of response rows; store/recipients.py: addresses and sends.
The round and release values themselves are survey_tui/domain/round.py and release.py.

Every name importers use from `survey_tui.store` is re-exported here. Tests and the fault
kit replace `_mount_fstype`, `_readonly_fs` and `_insert_responses` on this package; the
parts look them up here at each call, so that keeps working.
"""

from __future__ import annotations

from survey_tui.domain.round import (
    ACCESS,
    DEFAULT_MIN_GROUP,
    MIN_GROUP_CEILING,
    MIN_GROUP_FLOOR,
    STATES,
    Round,
)
from survey_tui.store.coding import Coding
from survey_tui.store.coding_answers import CodingAnswers
from survey_tui.store.codes import (
    MAX_CODES_AT_A_TIME,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    Codes,
    _check_new_labels,
    _code_hash,
    _code_hashes,
)
from survey_tui.store.connection import (
    NETWORK_FS,
    Connection,
    _is_busy,
    _mount_fstype,
    _readonly_fs,
    _unavailable,
    default_db_path,
)
from survey_tui.store.drafts import _TOKEN_HASHES, Drafts, _purge_expired_drafts, _token_hash, _token_hashes
from survey_tui.store.lemmas import Lemmas
from survey_tui.store.migrations import _SCHEMA, MIGRATION_NAMES, MIGRATION_SET, _migrations
from survey_tui.store.releases import RELEASED, Releases, _placed_order
from survey_tui.store.responses import Responses, _insert_responses, _response_rows
from survey_tui.store.rounds import SLUG_RE, Rounds, _refuse_lockout
from survey_tui.store.tags import Tags
from survey_tui.store.values import (
    _SYSRANDOM,
    CODE_ALPHABET,
    KEEP,
    _date,
    _label,
    _sha256,
    _today,
    new_code,
    new_token,
    normalize_code,
    random_id,
)

__all__ = [
    "ACCESS", "CODE_ALPHABET", "DEFAULT_MIN_GROUP", "KEEP", "MAX_CODES_AT_A_TIME", "MIGRATION_NAMES",
    "MIGRATION_SET", "MIN_GROUP_CEILING", "MIN_GROUP_FLOOR", "NETWORK_FS", "RELEASED", "SCRYPT_N", "SCRYPT_P",
    "SCRYPT_R", "SLUG_RE", "STATES", "Round", "Store", "default_db_path", "new_code", "new_token",
    "normalize_code", "random_id",
    # private, but imported or replaced by tests, the fault kit and invitations
    "_SCHEMA", "_SYSRANDOM", "_TOKEN_HASHES", "_check_new_labels", "_code_hash", "_code_hashes", "_date",
    "_insert_responses", "_is_busy", "_label", "_migrations", "_mount_fstype", "_placed_order",
    "_purge_expired_drafts", "_readonly_fs", "_refuse_lockout", "_response_rows", "_sha256", "_today",
    "_token_hash", "_token_hashes", "_unavailable",
]


class Store(Connection, Rounds, Codes, Drafts, Responses, Releases, Tags, Coding, CodingAnswers, Lemmas):
    """One SQLite file (or memory) behind a small, typed API."""
