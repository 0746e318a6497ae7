--liquibase formatted sql

--changeset spark:019-translation-jobs
--comment: a teacher's request to machine-translate a course (or one lesson) into a locale; its provider calls run outside the request and the job counts their outcome; one active job per course and locale
CREATE TABLE translation_jobs (
    id               uuid         PRIMARY KEY,
    course_id        uuid         NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    lesson_id        uuid,
    locale           varchar(35)  NOT NULL,
    source_locale    varchar(35)  NOT NULL,
    requested_by     uuid         NOT NULL REFERENCES users (id),
    instance         varchar(255) NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    texts_total      integer      NOT NULL DEFAULT 0,
    texts_reused     integer      NOT NULL DEFAULT 0,
    texts_queued     integer      NOT NULL DEFAULT 0,
    texts_translated integer      NOT NULL DEFAULT 0,
    texts_failed     integer      NOT NULL DEFAULT 0,
    provider_calls   integer      NOT NULL DEFAULT 0,
    reason           varchar(500),
    created_at       timestamptz  NOT NULL,
    finished_at      timestamptz,
    version          bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_translation_jobs_active ON translation_jobs (course_id, locale) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX ix_translation_jobs_instance_active ON translation_jobs (instance) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX ix_translation_jobs_course ON translation_jobs (course_id);

--changeset spark:019-translated-texts
--comment: one course text's translation into a locale, at the text's address in the course (path: positions survive an author's replacement of the content, ids do not); source_hash (SHA-256 of the source text) says what it translates, so an unchanged text is never sent again and a changed one is STALE; drafts are never read by students
CREATE TABLE translated_texts (
    id            uuid         PRIMARY KEY,
    course_id     uuid         NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    locale        varchar(35)  NOT NULL,
    path          varchar(200) NOT NULL,
    source_locale varchar(35)  NOT NULL,
    source_text   text         NOT NULL,
    source_hash   varchar(64)  NOT NULL,
    draft_text    text,
    status        varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'DRAFT', 'STALE', 'FAILED', 'PUBLISHED')),
    reason        varchar(500),
    edited        boolean      NOT NULL DEFAULT false,
    job_id        uuid         REFERENCES translation_jobs (id) ON DELETE SET NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0,
    UNIQUE (course_id, locale, path)
);
CREATE INDEX ix_translated_texts_job_pending ON translated_texts (job_id) WHERE status = 'PENDING';
