--liquibase formatted sql

--changeset spark-next:next-expand
--comment: expand only: nullable columns on tables the running release reads and writes (it names its columns, so it never sees them) and a new table it never touches; nothing renamed, dropped or made NOT NULL
ALTER TABLE submissions ADD COLUMN hints_used integer;
ALTER TABLE users ADD COLUMN pronouns varchar(40);
CREATE TABLE submission_hints (
    id            uuid        PRIMARY KEY,
    submission_id uuid        NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    question_id   uuid        NOT NULL,
    shown_at      timestamptz NOT NULL
);
CREATE INDEX ix_submission_hints_submission ON submission_hints (submission_id);
