"""Ordered schema migrations. Version N is reached by running MIGRATIONS[N-1].

Migration 1 is the frozen first schema (``schema_v1``); every later one is a
``playhouse.migrate`` step, or new tables made from frozen model copies kept in the
migration itself. Nothing here imports ``models``: the current models may change, a
migration may not. The schema version is the number of migrations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from interview_tui.store.errors import NewerSchemaError
from interview_tui.store.schema_v1 import V1_STATEMENTS

if TYPE_CHECKING:
    from playhouse.migrate import SqliteMigrator


# playhouse.migrate is imported only when a step runs: it brings in the Postgres and
# CockroachDB modules, ~2 ms of every start-up otherwise (bench/startup.py).
def _migrator(db: SqliteDatabase) -> SqliteMigrator:
    from playhouse.migrate import SqliteMigrator

    return SqliteMigrator(db)


def apply_operations(*operations: Any) -> None:
    from playhouse.migrate import migrate

    migrate(*operations)


def _v1_initial(db: SqliteDatabase) -> None:
    for statement in V1_STATEMENTS:
        db.execute_sql(statement)


def _v2_workspace(db: SqliteDatabase) -> None:
    """Scheduled interviews, generated documents, and call-log attribution."""

    class Frozen(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class JobApplication(Frozen):
        id = AutoField()

    class Interview(Frozen):
        id = AutoField()
        application = ForeignKeyField(JobApplication, on_delete="CASCADE")
        stage = TextField()
        format = TextField(default="")
        scheduled_at = DateTimeField(null=True, index=True)
        interviewer_name = TextField(default="")
        interviewer_role = TextField(default="")
        focus = TextField(default="")
        notes = TextField(default="")
        created_at = DateTimeField()

    class Document(Frozen):
        id = AutoField()
        kind = TextField()
        application = ForeignKeyField(JobApplication, on_delete="CASCADE")
        interview = ForeignKeyField(Interview, null=True, on_delete="CASCADE")
        version = IntegerField()
        payload = TextField()
        author = TextField()
        model = TextField(default="")
        edited = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("application", "kind", "interview", "version"), True),)

    db.create_tables([Interview, Document])
    migrator = _migrator(db)
    apply_operations(
        migrator.add_column(
            "coach_call",
            "application_id",
            ForeignKeyField(JobApplication, null=True, on_delete="SET NULL", field=JobApplication.id),
        ),
        migrator.add_column(
            "coach_call",
            "document_id",
            ForeignKeyField(Document, null=True, on_delete="SET NULL", field=Document.id),
        ),
        migrator.add_column("coach_call", "cache_note", TextField(null=True)),
        migrator.add_index("coach_call", ("created_at",)),
    )


def _v3_skipped_feedback(db: SqliteDatabase) -> None:
    """A question whose feedback the user skipped after the coach failed on it."""
    migrator = _migrator(db)
    apply_operations(
        migrator.add_column(
            "question",
            "feedback_skipped",
            BooleanField(default=False, constraints=[SQL("DEFAULT 0")]),
        )
    )


def _v4_own_questions(db: SqliteDatabase) -> None:
    """The user's own questions: added, imported, or generated as a practice set."""

    class Frozen(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class JobApplication(Frozen):
        id = AutoField()

    class OwnQuestion(Frozen):
        id = AutoField()
        application = ForeignKeyField(JobApplication, null=True, on_delete="CASCADE")
        stage = TextField()
        competency = TextField()
        difficulty = TextField()
        kind = TextField()
        category = TextField(default="")
        text = TextField()
        guidance = TextField(default="")
        follow_ups = TextField(default="[]")
        example_answer = TextField(default="")
        ungrounded = TextField(default="[]")
        source = TextField()
        author = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            indexes = ((("stage", "competency"), False),)

    db.create_tables([OwnQuestion])


def _v5_drills_redo_adaptive(db: SqliteDatabase) -> None:
    """Session modes (interview, drill, redo), a drill's focus, adaptive difficulty, the
    question a redo answers again, and the indexes the progress figures read."""

    class Question(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "question"

    # NOT NULL columns are added with their default in one ALTER TABLE: the migrator adds
    # them nullable and then rebuilds the table, and dropping mock_session with foreign
    # keys on would cascade-delete every question.
    db.execute_sql(
        "ALTER TABLE \"mock_session\" ADD COLUMN \"mode\" TEXT NOT NULL DEFAULT 'interview'"
    )
    db.execute_sql('ALTER TABLE "mock_session" ADD COLUMN "adaptive" INTEGER NOT NULL DEFAULT 0')
    migrator = _migrator(db)
    apply_operations(
        migrator.add_column("mock_session", "focus", TextField(null=True)),
        migrator.add_column(
            "question",
            "redo_of_id",
            ForeignKeyField(Question, null=True, on_delete="SET NULL", field=Question.id),
        ),
        # Covering indexes for the progress aggregates (scores per competency, time per
        # question) and the practice plan's look-ups by competency.
        migrator.add_index("question", ("competency",)),
        migrator.add_index("question_feedback", ("question_id", "score")),
        migrator.add_index("response", ("question_id", "seconds_spent")),
    )


def _v6_pitch_attempts(db: SqliteDatabase) -> None:
    """Intro-pitch practice attempts, numbered per application, with their feedback."""

    class Frozen(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class JobApplication(Frozen):
        id = AutoField()

    class PitchAttempt(Frozen):
        id = AutoField()
        application = ForeignKeyField(JobApplication, on_delete="CASCADE")
        number = IntegerField()
        text = TextField()
        spoken_seconds = FloatField(null=True)
        word_count = IntegerField()
        content_score = IntegerField(null=True)
        structure_score = IntegerField(null=True)
        tone_score = IntegerField(null=True)
        feedback = TextField(null=True)
        ungrounded = TextField()
        author = TextField(default="")
        model = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            indexes = ((("application", "number"), True),)

    db.create_tables([PitchAttempt])


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1_initial,
    _v2_workspace,
    _v3_skipped_feedback,
    _v4_own_questions,
    _v5_drills_redo_adaptive,
    _v6_pitch_attempts,
]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: SqliteDatabase) -> int:
    """Bring ``db`` up to the newest schema; each step and its version bump in one transaction."""
    version, newest = current_version(db), len(MIGRATIONS)
    if version > newest:
        raise NewerSchemaError(
            f"Database schema version {version} is newer than this interview-tui "
            f"({newest}); the file was not changed."
        )
    if version == newest:
        return newest
    # SQLite rebuilds a table to change a column (copy, drop, rename); with foreign keys
    # on, dropping the old table would cascade into every row that points at it. They are
    # off while migrating (the pragma is ignored inside a transaction, so it is set before
    # one starts) and each step is checked before it commits.
    foreign_keys = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for target in range(version + 1, newest + 1):
            # IMMEDIATE: one process migrates at a time (two windows, or two SSH sessions
            # of one user, starting together); the other waits, then finds the step done.
            with db.atomic(lock_type="IMMEDIATE"):
                if current_version(db) >= target:
                    continue
                MIGRATIONS[target - 1](db)
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration {target} broke foreign keys: {broken[:3]}")
                db.execute_sql(f"PRAGMA user_version = {target}")
    finally:
        db.execute_sql(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return newest
