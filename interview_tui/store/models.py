"""Peewee models: one local, single-user interview-practice database."""

from __future__ import annotations

import json
from typing import Any

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from interview_tui.clock import now
from interview_tui.store.db import database


class JSONField(TextField):
    """A JSON document kept as text."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class BaseModel(Model):
    # A ForeignKeyField ``x`` also gives each row ``x_id``, the key column's value, which
    # peewee's stubs cannot see; each model declares those as bare annotations.

    class Meta:
        database = database
        legacy_table_names = False


class Candidate(BaseModel):
    id = AutoField()
    name = TextField()
    headline = TextField(default="")
    resume_text = TextField(default="")
    is_demo = BooleanField(default=False)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)


class JobApplication(BaseModel):
    id = AutoField()
    candidate = ForeignKeyField(Candidate, backref="applications", on_delete="CASCADE")
    candidate_id: int
    company = TextField()
    role = TextField()
    job_description = TextField(default="")
    interviewer_name = TextField(default="")
    is_demo = BooleanField(default=False)
    created_at = DateTimeField(default=now)


class MockSession(BaseModel):
    id = AutoField()
    application = ForeignKeyField(JobApplication, backref="sessions", on_delete="CASCADE")
    application_id: int
    stage = TextField()
    difficulty = TextField()
    persona = TextField()
    question_count = IntegerField()
    target_level = TextField()
    hide_scores = BooleanField(default=False)
    state = TextField(index=True)
    backend = TextField(default="offline")
    started_at = DateTimeField(default=now, index=True)
    completed_at = DateTimeField(null=True)
    overall_score = FloatField(null=True)
    readiness = TextField(null=True)
    session_feedback = JSONField(null=True)
    mode = TextField(default="interview")  # interview | drill | redo (catalog.SESSION_MODES)
    focus = TextField(null=True)  # a drill's competency or category (catalog.DRILL_FOCUSES)
    adaptive = BooleanField(default=False)  # difficulty follows the scores (adaptive_difficulty)


class Question(BaseModel):
    id = AutoField()
    session = ForeignKeyField(MockSession, backref="questions", on_delete="CASCADE")
    session_id: int
    number = IntegerField()
    text = TextField()
    competency = TextField(index=True)
    difficulty = TextField()
    guidance = TextField(default="")
    asked_at = DateTimeField(default=now)
    # The user chose to go on without this question's feedback after the coach failed.
    feedback_skipped = BooleanField(default=False, constraints=[SQL("DEFAULT 0")])
    # The question this one answers again (a redo); always the first asking of it.
    redo_of = ForeignKeyField("self", null=True, backref="redos", on_delete="SET NULL")
    redo_of_id: int | None

    class Meta:
        indexes = ((("session", "number"), True),)


class Response(BaseModel):
    id = AutoField()
    question = ForeignKeyField(Question, backref="responses", on_delete="CASCADE")
    question_id: int
    number = IntegerField()  # 1 = main answer, 2..4 = follow-ups
    prompt = TextField()  # what was asked: the question, or the follow-up
    text = TextField()
    submitted_at = DateTimeField(default=now)
    seconds_spent = FloatField(null=True)

    class Meta:
        indexes = (
            (("question", "number"), True),
            (("question", "seconds_spent"), False),  # progress: time per question
        )


class Analysis(BaseModel):
    id = AutoField()
    response = ForeignKeyField(Response, backref="analyses", unique=True, on_delete="CASCADE")
    response_id: int
    score = IntegerField()
    level = TextField()
    strengths = JSONField(default=list)
    gaps = JSONField(default=list)
    follow_up_questions = JSONField(default=list)
    brief_feedback = TextField(default="")
    # The follow-up actually asked next, if the interviewer followed up on this response.
    asked_follow_up = TextField(null=True)
    created_at = DateTimeField(default=now)


class QuestionFeedbackRow(BaseModel):
    id = AutoField()
    question = ForeignKeyField(Question, backref="feedback_rows", unique=True, on_delete="CASCADE")
    question_id: int
    score = IntegerField()
    level = TextField()
    assessment = TextField(default="")
    what_landed = JSONField(default=list)
    what_didnt = JSONField(default=list)
    coaching = JSONField(default=list)
    revised_answer = TextField(default="")
    ungrounded = JSONField(default=list)  # claims in the revised answer found in no source
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "question_feedback"
        indexes = ((("question", "score"), False),)  # progress: scores per competency


class AnswerDraft(BaseModel):
    id = AutoField()
    session = ForeignKeyField(MockSession, backref="drafts", on_delete="CASCADE")
    session_id: int
    question_number = IntegerField()
    response_number = IntegerField()
    text = TextField(default="")
    seconds_spent = FloatField(default=0.0)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("session", "question_number", "response_number"), True),)


class Interview(BaseModel):
    """A real interview on an application's calendar (not a mock session)."""

    id = AutoField()
    application = ForeignKeyField(JobApplication, backref="interviews", on_delete="CASCADE")
    application_id: int
    stage = TextField()
    format = TextField(default="")  # video, phone, onsite ...
    scheduled_at = DateTimeField(null=True, index=True)
    interviewer_name = TextField(default="")
    interviewer_role = TextField(default="")
    focus = TextField(default="")
    notes = TextField(default="")  # written after the interview
    created_at = DateTimeField(default=now)


class Document(BaseModel):
    """One version of a generated document. Regenerating or editing adds a version."""

    id = AutoField()
    kind = TextField()  # see services.documents_kinds
    application = ForeignKeyField(JobApplication, backref="documents", on_delete="CASCADE")
    application_id: int
    interview = ForeignKeyField(Interview, backref="documents", null=True, on_delete="CASCADE")
    interview_id: int | None
    version = IntegerField()
    payload = JSONField()  # validated by the kind's pydantic model
    author = TextField()  # offline | claude
    model = TextField(default="")
    edited = BooleanField(default=False)
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("application", "kind", "interview", "version"), True),)


class OwnQuestion(BaseModel):
    """A question of the user's own bank: added by hand, imported, or a generated practice set."""

    id = AutoField()
    # Set for a practice set generated for one application; such questions serve only it.
    application = ForeignKeyField(
        JobApplication, backref="own_questions", null=True, on_delete="CASCADE"
    )
    application_id: int | None
    stage = TextField()
    competency = TextField()
    difficulty = TextField()
    kind = TextField()  # see coach.question_kinds.KINDS
    category = TextField(default="")  # a practice-set type (catalog.PRACTICE_TYPES) or ""
    text = TextField()
    guidance = TextField(default="")  # STAR guidance or evaluation criteria
    follow_ups = JSONField(default=list)
    example_answer = TextField(default="")
    ungrounded = JSONField(default=list)  # claims in the example answer found in no source
    source = TextField()  # added | imported | generated
    author = TextField(default="")  # offline | claude, for generated questions
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("stage", "competency"), False),)


class PitchAttempt(BaseModel):
    """One practice attempt at the intro pitch, numbered per application.

    The text is stored before the coach sees it; ``feedback`` (the PitchFeedback payload)
    and the scores stay null until feedback is written, so a failed call is retried.
    """

    id = AutoField()
    application = ForeignKeyField(JobApplication, backref="pitch_attempts", on_delete="CASCADE")
    application_id: int
    number = IntegerField()
    text = TextField()
    spoken_seconds = FloatField(null=True)  # timed aloud against the 90-second clock
    word_count = IntegerField()
    content_score = IntegerField(null=True)
    structure_score = IntegerField(null=True)
    tone_score = IntegerField(null=True)
    feedback = JSONField(null=True)
    ungrounded = JSONField(default=list)  # claims in the revised pitch found in no source
    author = TextField(default="")  # offline | claude, once feedback exists
    model = TextField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("application", "number"), True),)


class CoachCall(BaseModel):
    id = AutoField()
    session = ForeignKeyField(MockSession, backref="coach_calls", null=True, on_delete="SET NULL")
    session_id: int | None
    application = ForeignKeyField(
        JobApplication, backref="coach_calls", null=True, on_delete="SET NULL"
    )
    application_id: int | None
    document = ForeignKeyField(Document, backref="coach_calls", null=True, on_delete="SET NULL")
    document_id: int | None
    purpose = TextField()
    backend = TextField()
    model = TextField()
    input_tokens = IntegerField(default=0)
    output_tokens = IntegerField(default=0)
    cache_read_tokens = IntegerField(default=0)
    cache_write_tokens = IntegerField(default=0)
    latency_ms = FloatField(default=0.0)
    error_kind = TextField(null=True)
    # Why the prompt prefix was not cached, when it was not (e.g. shorter than the minimum).
    cache_note = TextField(null=True)
    created_at = DateTimeField(default=now, index=True)


class Preference(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


ALL_MODELS: list[type[BaseModel]] = [
    Candidate,
    JobApplication,
    MockSession,
    Question,
    Response,
    Analysis,
    QuestionFeedbackRow,
    AnswerDraft,
    Interview,
    Document,
    OwnQuestion,
    CoachCall,
    Preference,
    PitchAttempt,
]
