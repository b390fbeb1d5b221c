"""The first schema, frozen: what ``create_tables`` made from the v1 models.

Migration 1 runs these statements as they are, so a fresh database and one made by the
first release take the same path. Never edit them: a later change is a new migration.
"""

V1_STATEMENTS: tuple[str, ...] = (
    'CREATE TABLE "candidate" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "headline" TEXT NOT NULL, "resume_text" TEXT NOT NULL, "is_demo" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE TABLE "job_application" ("id" INTEGER NOT NULL PRIMARY KEY, "candidate_id" INTEGER NOT NULL, "company" TEXT NOT NULL, "role" TEXT NOT NULL, "job_description" TEXT NOT NULL, "interviewer_name" TEXT NOT NULL, "is_demo" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("candidate_id") REFERENCES "candidate" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "mock_session" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER NOT NULL, "stage" TEXT NOT NULL, "difficulty" TEXT NOT NULL, "persona" TEXT NOT NULL, "question_count" INTEGER NOT NULL, "target_level" TEXT NOT NULL, "hide_scores" INTEGER NOT NULL, "state" TEXT NOT NULL, "backend" TEXT NOT NULL, "started_at" DATETIME NOT NULL, "completed_at" DATETIME, "overall_score" REAL, "readiness" TEXT, "session_feedback" TEXT, FOREIGN KEY ("application_id") REFERENCES "job_application" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "number" INTEGER NOT NULL, "text" TEXT NOT NULL, "competency" TEXT NOT NULL, "difficulty" TEXT NOT NULL, "guidance" TEXT NOT NULL, "asked_at" DATETIME NOT NULL, FOREIGN KEY ("session_id") REFERENCES "mock_session" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "response" ("id" INTEGER NOT NULL PRIMARY KEY, "question_id" INTEGER NOT NULL, "number" INTEGER NOT NULL, "prompt" TEXT NOT NULL, "text" TEXT NOT NULL, "submitted_at" DATETIME NOT NULL, "seconds_spent" REAL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "analysis" ("id" INTEGER NOT NULL PRIMARY KEY, "response_id" INTEGER NOT NULL, "score" INTEGER NOT NULL, "level" TEXT NOT NULL, "strengths" TEXT NOT NULL, "gaps" TEXT NOT NULL, "follow_up_questions" TEXT NOT NULL, "brief_feedback" TEXT NOT NULL, "asked_follow_up" TEXT, "created_at" DATETIME NOT NULL, FOREIGN KEY ("response_id") REFERENCES "response" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "answer_draft" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "question_number" INTEGER NOT NULL, "response_number" INTEGER NOT NULL, "text" TEXT NOT NULL, "seconds_spent" REAL NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("session_id") REFERENCES "mock_session" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "coach_call" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER, "purpose" TEXT NOT NULL, "backend" TEXT NOT NULL, "model" TEXT NOT NULL, "input_tokens" INTEGER NOT NULL, "output_tokens" INTEGER NOT NULL, "cache_read_tokens" INTEGER NOT NULL, "cache_write_tokens" INTEGER NOT NULL, "latency_ms" REAL NOT NULL, "error_kind" TEXT, "created_at" DATETIME NOT NULL, FOREIGN KEY ("session_id") REFERENCES "mock_session" ("id") ON DELETE SET NULL)',
    'CREATE TABLE "preference" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "question_feedback" ("id" INTEGER NOT NULL PRIMARY KEY, "question_id" INTEGER NOT NULL, "score" INTEGER NOT NULL, "level" TEXT NOT NULL, "assessment" TEXT NOT NULL, "what_landed" TEXT NOT NULL, "what_didnt" TEXT NOT NULL, "coaching" TEXT NOT NULL, "revised_answer" TEXT NOT NULL, "ungrounded" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "job_application_candidate_id" ON "job_application" ("candidate_id")',
    'CREATE INDEX "mock_session_application_id" ON "mock_session" ("application_id")',
    'CREATE INDEX "mock_session_state" ON "mock_session" ("state")',
    'CREATE INDEX "mock_session_started_at" ON "mock_session" ("started_at")',
    'CREATE INDEX "question_session_id" ON "question" ("session_id")',
    'CREATE UNIQUE INDEX "question_session_id_number" ON "question" ("session_id", "number")',
    'CREATE INDEX "response_question_id" ON "response" ("question_id")',
    'CREATE UNIQUE INDEX "response_question_id_number" ON "response" ("question_id", "number")',
    'CREATE UNIQUE INDEX "analysis_response_id" ON "analysis" ("response_id")',
    'CREATE INDEX "answer_draft_session_id" ON "answer_draft" ("session_id")',
    'CREATE UNIQUE INDEX "answer_draft_session_id_question_number_response_number" ON "answer_draft" ("session_id", "question_number", "response_number")',
    'CREATE INDEX "coach_call_session_id" ON "coach_call" ("session_id")',
    'CREATE UNIQUE INDEX "question_feedback_question_id" ON "question_feedback" ("question_id")',
)
