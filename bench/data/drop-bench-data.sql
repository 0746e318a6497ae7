-- Removes everything bench/data/bench-data.sql made: Bench School, its classes, the bench students and teachers
-- with their sessions, submissions, progress, XP ledger, streaks and badges, and the two bench courses.
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f bench/data/drop-bench-data.sql      (or: bench/data/load.sh --drop)
-- Children are deleted set-based first, so the users go without a cascade per row. Submissions other users made
-- on the bench quizzes go with the courses (ON DELETE CASCADE); their XP ledger rows stay, like their totals.
-- A server that cached leaderboards or dashboards (Redis) still has them: load.sh --drop clears spark:lb:*.

\set ON_ERROR_STOP on
\set school_id be4c0000-0000-4000-8000-000000000001
\set course_1 be4c0000-0000-4000-8000-0000000c0001
\set course_2 be4c0000-0000-4000-8000-0000000c0002

BEGIN;
SET LOCAL synchronous_commit = off;
CREATE TEMP TABLE bench_user ON COMMIT DROP AS
  SELECT id FROM users WHERE username ~ '^bench-(student-[0-9]{5}|teacher-[0-9]+)$';
ALTER TABLE bench_user ADD PRIMARY KEY (id);
ANALYZE bench_user;

DELETE FROM student_badges WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM submissions WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM student_progress WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM xp_events WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM streaks WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM class_enrolments WHERE student_id IN (SELECT id FROM bench_user);
DELETE FROM class_teachers WHERE teacher_id IN (SELECT id FROM bench_user);
DELETE FROM refresh_tokens WHERE session_id IN (SELECT s.id FROM auth_sessions s JOIN bench_user b ON b.id = s.user_id);
DELETE FROM auth_sessions WHERE user_id IN (SELECT id FROM bench_user);
DELETE FROM courses WHERE id IN (:'course_1', :'course_2');          -- units, lessons, activities, questions cascade
DELETE FROM courses WHERE created_by IN (SELECT id FROM bench_user);  -- anything else a bench teacher authored
DELETE FROM classes WHERE school_id = :'school_id';
DELETE FROM schools WHERE id = :'school_id';
DELETE FROM profiles WHERE user_id IN (SELECT id FROM bench_user);
DELETE FROM user_roles WHERE user_id IN (SELECT id FROM bench_user);
DELETE FROM users WHERE id IN (SELECT id FROM bench_user);
SELECT count(*) AS "bench users removed" FROM bench_user;
COMMIT;
