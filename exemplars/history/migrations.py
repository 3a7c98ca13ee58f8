"""Schema of the history store, as numbered migrations applied in order.

``PRAGMA user_version`` holds the number of migrations applied.  A migration is
only ever appended, never edited, so a store written by an older version is
brought forward on open and nothing recorded is lost.
"""

from __future__ import annotations

import sqlite3

from exemplars.errors import InputError

MIGRATIONS: tuple[str, ...] = (
    # 1: runs and everything a run produced.
    """
    CREATE TABLE runs (
        id               INTEGER PRIMARY KEY,
        started_at       TEXT NOT NULL,
        finished_at      TEXT NOT NULL,
        period           TEXT NOT NULL,
        period_kind      TEXT NOT NULL,
        year             INTEGER NOT NULL,
        rulebook_id      TEXT NOT NULL,
        rulebook_version INTEGER NOT NULL,
        folder           TEXT NOT NULL,
        settings_json    TEXT NOT NULL,
        status           TEXT NOT NULL,
        latest           INTEGER NOT NULL DEFAULT 1,
        candidate_count  INTEGER NOT NULL,
        selected_count   INTEGER NOT NULL,
        reward_total     INTEGER NOT NULL DEFAULT 0,
        summary_json     TEXT NOT NULL
    );
    CREATE INDEX runs_period ON runs (rulebook_id, period, latest);
    CREATE INDEX runs_year ON runs (year);

    CREATE TABLE run_units (
        run_id   INTEGER NOT NULL REFERENCES runs (id),
        code     TEXT NOT NULL,
        name     TEXT NOT NULL,
        bloc     TEXT NOT NULL,
        missing  INTEGER NOT NULL,
        PRIMARY KEY (run_id, code)
    );

    CREATE TABLE files (
        id          INTEGER PRIMARY KEY,
        run_id      INTEGER NOT NULL REFERENCES runs (id),
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        status      TEXT NOT NULL,
        unit_code   TEXT NOT NULL,
        unit_name   TEXT NOT NULL,
        candidates  INTEGER NOT NULL,
        modified    TEXT,
        message     TEXT NOT NULL
    );
    CREATE INDEX files_run ON files (run_id);

    CREATE TABLE candidates (
        run_id          INTEGER NOT NULL REFERENCES runs (id),
        candidate_id    TEXT NOT NULL,
        match_key       TEXT NOT NULL,
        unit_code       TEXT NOT NULL,
        unit_name       TEXT NOT NULL,
        kind            TEXT NOT NULL,
        name            TEXT NOT NULL,
        birth_date      TEXT NOT NULL,
        gender          TEXT NOT NULL,
        movement        TEXT NOT NULL,
        field           TEXT NOT NULL,
        achievements    TEXT NOT NULL,
        proposed_award  TEXT NOT NULL,
        eligible        INTEGER,
        fast_track      INTEGER,
        reasons         TEXT NOT NULL,
        score           REAL,
        rank            INTEGER,
        source_file     TEXT NOT NULL,
        source_row      INTEGER,
        PRIMARY KEY (run_id, candidate_id)
    );
    CREATE INDEX candidates_key ON candidates (match_key);

    CREATE TABLE awards (
        id             INTEGER PRIMARY KEY,
        run_id         INTEGER NOT NULL REFERENCES runs (id),
        candidate_id   TEXT NOT NULL,
        match_key      TEXT NOT NULL,
        year           INTEGER,
        title          TEXT NOT NULL,
        decision_no    TEXT NOT NULL,
        decision_date  TEXT NOT NULL,
        issuer         TEXT NOT NULL
    );
    CREATE INDEX awards_key ON awards (match_key);

    CREATE TABLE problems (
        id            INTEGER PRIMARY KEY,
        run_id        INTEGER NOT NULL REFERENCES runs (id),
        severity      TEXT NOT NULL,
        rule_id       TEXT NOT NULL,
        file          TEXT NOT NULL,
        sheet         TEXT NOT NULL,
        cell          TEXT NOT NULL,
        value         TEXT NOT NULL,
        message       TEXT NOT NULL,
        candidate_id  TEXT NOT NULL,
        unit_code     TEXT NOT NULL
    );
    CREATE INDEX problems_run ON problems (run_id);

    CREATE TABLE selections (
        id            INTEGER PRIMARY KEY,
        run_id        INTEGER NOT NULL REFERENCES runs (id),
        candidate_id  TEXT NOT NULL,
        match_key     TEXT NOT NULL,
        track         TEXT NOT NULL,
        reward_form   TEXT NOT NULL,
        reward_label  TEXT NOT NULL,
        amount        INTEGER NOT NULL,
        rank          INTEGER,
        score         REAL
    );
    CREATE INDEX selections_key ON selections (match_key);

    CREATE TABLE decisions (
        id            INTEGER PRIMARY KEY,
        recorded_at   TEXT NOT NULL,
        run_id        INTEGER REFERENCES runs (id),
        match_key     TEXT NOT NULL,
        candidate_id  TEXT NOT NULL,
        name          TEXT NOT NULL,
        year          INTEGER NOT NULL,
        title         TEXT NOT NULL,
        decision_no   TEXT NOT NULL,
        decision_date TEXT NOT NULL,
        issuer        TEXT NOT NULL,
        note          TEXT NOT NULL
    );
    CREATE INDEX decisions_key ON decisions (match_key);
    """,
    # 2: run status in the pipeline's own stage names (pipeline.STAGES).
    """
    UPDATE runs SET status = CASE status
        WHEN 'consolidation' THEN 'consolidate' WHEN 'assessment' THEN 'validate'
        WHEN 'ranking' THEN 'rank' WHEN 'selection' THEN 'select' ELSE status END;
    """,
    # 3: the day the office received a file and the unit's own «Ngày lập» (the deadline tracker's dates).
    """
    ALTER TABLE files ADD COLUMN prepared_on TEXT;
    ALTER TABLE files ADD COLUMN received_on TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the store lacks, each in its own transaction; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise InputError(
            f"Cơ sở dữ liệu lịch sử được tạo bởi phiên bản mới hơn (lược đồ {version}, "
            f"phiên bản này chỉ đọc được đến {SCHEMA_VERSION}). Hãy cập nhật chương trình."
        )
    for number in range(version, SCHEMA_VERSION):
        # executescript commits first, so the migration and its version bump share one explicit transaction.
        conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;")
    return SCHEMA_VERSION
