"""The schema and its sqlite-utils migrations (names and contents are part of the file format)."""

from __future__ import annotations

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
MIGRATION_NAMES = ("0001_initial", "0002_anonymity", "0003_recipients", "0004_answer_lemmas", "0005_coding")


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

    @migrations(name="0004_answer_lemmas")
    def answer_lemmas(db) -> None:
        # Derived keyword data (store/lemmas.py), filled by the first report that needs it.
        db.execute(
            """CREATE TABLE answer_lemmas (
                response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                made_with TEXT NOT NULL,
                lemmas TEXT NOT NULL,
                PRIMARY KEY (response_id, question_id)
            ) WITHOUT ROWID"""
        )
        # Their sums per question and lemma over a round's released responses, valid for the
        # stamp and the responses per release batch recorded in lemma_rounds.
        db.execute(
            """CREATE TABLE lemma_totals (
                round TEXT NOT NULL REFERENCES rounds(slug) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                lemma TEXT NOT NULL,
                answers INTEGER NOT NULL,
                PRIMARY KEY (round, question_id, lemma)
            ) WITHOUT ROWID"""
        )
        db.execute(
            """CREATE TABLE lemma_rounds (
                round TEXT PRIMARY KEY REFERENCES rounds(slug) ON DELETE CASCADE,
                made_with TEXT NOT NULL,
                batches TEXT NOT NULL
            ) WITHOUT ROWID"""
        )

    @migrations(name="0005_coding")
    def coding(db) -> None:
        # The content-analysis codebook and per-answer coding (store/coding.py, coding_answers.py).
        from survey_tui.store import coding as coding_module
        from survey_tui.store import coding_answers

        for statement in coding_module.SCHEMA + coding_answers.SCHEMA:
            db.execute(statement)

    return migrations
