--liquibase formatted sql

--changeset spark:022-assignment-grades
--comment: a teacher's grade of a hand-in: the score (0-100) and written feedback, who gave it and when; a regrade replaces them and counts a revision (the XP ledger's line for each revision that moved XP is keyed by the hand-in and that revision). Student and activity are copied from the hand-in so a student's grades of one assignment are one index read
CREATE TABLE assignment_grades (
    handin_id       uuid          PRIMARY KEY REFERENCES assignment_handins (id) ON DELETE CASCADE,
    student_id      uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id     uuid          NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    score           integer       NOT NULL CHECK (score BETWEEN 0 AND 100),
    feedback        varchar(2000),
    graded_by       uuid          REFERENCES users (id) ON DELETE SET NULL,
    first_graded_at timestamptz   NOT NULL,
    graded_at       timestamptz   NOT NULL,
    revision        integer       NOT NULL DEFAULT 1 CHECK (revision >= 1)
);
CREATE INDEX ix_assignment_grades_student ON assignment_grades (student_id, activity_id);
-- a class's hand-ins of one assignment are read by activity, then filtered to the class's students
CREATE INDEX ix_assignment_handins_activity ON assignment_handins (activity_id, student_id, handed_in_at DESC);
