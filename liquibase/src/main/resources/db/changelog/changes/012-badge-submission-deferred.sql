--liquibase formatted sql

--changeset spark:012-badge-submission-deferred
--comment: a badge and the submission that earned it are written in one transaction in whatever order the ORM flushes them; checking the reference at commit lets the submission be written once, with the XP it earned, instead of inserted early and updated
ALTER TABLE student_badges DROP CONSTRAINT student_badges_submission_id_fkey;
ALTER TABLE student_badges ADD CONSTRAINT student_badges_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
--rollback ALTER TABLE student_badges DROP CONSTRAINT student_badges_submission_id_fkey;
--rollback ALTER TABLE student_badges ADD CONSTRAINT student_badges_submission_id_fkey FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE SET NULL;
