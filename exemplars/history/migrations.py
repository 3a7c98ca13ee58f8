"""Schema of the history store, as numbered migrations applied in order.

``PRAGMA user_version`` holds the number of migrations applied.  A migration is
only ever appended, never edited, so a store written by an older version is
brought forward on open and nothing recorded is lost.
"""

from __future__ import annotations

import sqlite3

from exemplars.errors import InputError

#: ``PRAGMA application_id`` of a store ("EXMP" in ASCII).
APPLICATION_ID = 0x45584D50
#: the tables every store has since the first migration
CORE_TABLES = frozenset({"runs", "run_units", "files", "candidates", "awards", "problems", "selections",
                         "decisions"})

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
    # 3: nurturing and replication rounds (exemplars.nurture): the plans and progress reports read, each
    # exemplar's figures as of the round's reference day, its actions, adoptions, files and findings.
    """
    CREATE TABLE nurture_rounds (
        id            INTEGER PRIMARY KEY,
        recorded_at   TEXT NOT NULL,
        rulebook_id   TEXT NOT NULL,
        year          INTEGER NOT NULL,
        round         TEXT NOT NULL,
        round_kind    TEXT NOT NULL,
        as_of         TEXT NOT NULL,
        folder        TEXT NOT NULL,
        selection_run INTEGER REFERENCES runs (id),
        latest        INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX nurture_rounds_year ON nurture_rounds (rulebook_id, year, latest);

    CREATE TABLE nurture_exemplars (
        round_id         INTEGER NOT NULL REFERENCES nurture_rounds (id),
        code             TEXT NOT NULL,
        match_key        TEXT NOT NULL,
        unit_code        TEXT NOT NULL,
        unit_name        TEXT NOT NULL,
        name             TEXT NOT NULL,
        kind             TEXT NOT NULL,
        field            TEXT NOT NULL,
        achievements     TEXT NOT NULL,
        model            TEXT NOT NULL,
        effect           TEXT NOT NULL,
        leader_name      TEXT NOT NULL,
        leader_position  TEXT NOT NULL,
        channels         TEXT NOT NULL,
        evidence         TEXT NOT NULL,
        status           TEXT NOT NULL,
        actions_done     INTEGER NOT NULL,
        actions_late     INTEGER NOT NULL,
        actions_pending  INTEGER NOT NULL,
        adopters         INTEGER NOT NULL,
        PRIMARY KEY (round_id, code)
    );

    CREATE TABLE nurture_actions (
        id            INTEGER PRIMARY KEY,
        round_id      INTEGER NOT NULL REFERENCES nurture_rounds (id),
        code          TEXT NOT NULL,
        what          TEXT NOT NULL,
        who           TEXT NOT NULL,
        due           TEXT NOT NULL,
        expected      TEXT NOT NULL,
        done_on       TEXT NOT NULL,
        result        TEXT NOT NULL,
        state         TEXT NOT NULL,
        source_file   TEXT NOT NULL,
        source_row    INTEGER
    );
    CREATE INDEX nurture_actions_round ON nurture_actions (round_id);

    CREATE TABLE nurture_adoptions (
        id            INTEGER PRIMARY KEY,
        round_id      INTEGER NOT NULL REFERENCES nurture_rounds (id),
        code          TEXT NOT NULL,
        place         TEXT NOT NULL,
        since         TEXT NOT NULL,
        result        TEXT NOT NULL,
        counted       INTEGER NOT NULL,
        source_file   TEXT NOT NULL,
        source_row    INTEGER
    );
    CREATE INDEX nurture_adoptions_round ON nurture_adoptions (round_id);

    CREATE TABLE nurture_files (
        round_id   INTEGER NOT NULL REFERENCES nurture_rounds (id),
        path       TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        unit_code  TEXT NOT NULL,
        status     TEXT NOT NULL,
        modified   TEXT,
        message    TEXT NOT NULL
    );

    CREATE TABLE nurture_problems (
        id         INTEGER PRIMARY KEY,
        round_id   INTEGER NOT NULL REFERENCES nurture_rounds (id),
        severity   TEXT NOT NULL,
        rule_id    TEXT NOT NULL,
        file       TEXT NOT NULL,
        sheet      TEXT NOT NULL,
        cell       TEXT NOT NULL,
        value      TEXT NOT NULL,
        message    TEXT NOT NULL,
        unit_code  TEXT NOT NULL
    );
    CREATE INDEX nurture_problems_round ON nurture_problems (round_id);

    -- What a candidate registered beyond the candidates table: the bulletin shows the model and its effect.
    CREATE TABLE candidate_details (
        run_id         INTEGER NOT NULL REFERENCES runs (id),
        candidate_id   TEXT NOT NULL,
        position       TEXT NOT NULL,
        initiative     TEXT NOT NULL,
        effectiveness  TEXT NOT NULL,
        PRIMARY KEY (run_id, candidate_id)
    );
    """,
    # 4: the run id shared with the outputs (summary.json, workbook properties), and the product's mark
    # in the file header so that another program's SQLite file is never taken for a store.
    f"""
    ALTER TABLE runs ADD COLUMN run_uid TEXT NOT NULL DEFAULT '';
    CREATE INDEX runs_uid ON runs (run_uid);
    PRAGMA application_id = {APPLICATION_ID};
""",
    # 5: the day the office received a file and the unit's own «Ngày lập» (the deadline tracker's dates).
    """
    ALTER TABLE files ADD COLUMN prepared_on TEXT;
    ALTER TABLE files ADD COLUMN received_on TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def foreign_file(conn: sqlite3.Connection) -> str:
    """Why the SQLite file of ``conn`` is not a store of this product; "" when it is one (or is empty)."""
    application = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application not in (0, APPLICATION_ID):
        return "tệp SQLite của một chương trình khác"
    if version == 0 and tables:
        return f"tệp SQLite đã có {len(tables)} bảng của một chương trình khác"
    if 0 < version <= SCHEMA_VERSION and not CORE_TABLES <= tables:
        return "tệp SQLite thiếu các bảng của cơ sở dữ liệu lịch sử"
    return ""


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
