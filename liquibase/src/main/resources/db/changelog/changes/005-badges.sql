--liquibase formatted sql

--changeset spark:005-student-badges
--comment: a badge is earned once (per course for course badges: scope_id), with the time and the submission that earned it
CREATE TABLE student_badges (
    student_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    badge         varchar(32) NOT NULL,
    scope_id      uuid        NOT NULL,
    earned_at     timestamptz NOT NULL,
    submission_id uuid        REFERENCES submissions (id) ON DELETE SET NULL,
    PRIMARY KEY (student_id, badge, scope_id)
);
CREATE INDEX ix_student_badges_submission ON student_badges (submission_id);
