-- Bench data for the learning benchmarks (bench/learning.sh): one school of 10,000 students with 90 days of
-- quiz history, written set-based so it loads in about a minute. Run it through bench/data/load.sh, or:
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f bench/data/bench-data.sql
-- Idempotent: when "Bench School" (its fixed id) exists, it does nothing. bench/data/drop-bench-data.sql removes it all.
--
-- What it makes, the way the server itself would have written it:
--   * school "Bench School" (be4c0000-0000-4000-8000-000000000001), time zone UTC, locale en
--   * students bench-student-00001 ... 10000 and teachers bench-teacher-1 ... 4, all with the password
--     "bench password" (Argon2id m=65536,t=3,p=4, made once with argon2-jvm and verified), profiles in the school
--   * classes of 60 (Bench Class 001 ... 167), each taught by one of the teachers, every student enrolled in one
--   * two published courses (be4c0000-0000-4000-8000-0000000c0001 and ...c0002), each 2 units x 5 lessons, each
--     lesson one QUIZ of 3 SINGLE_CHOICE (options a-d) and 2 TRUE_FALSE questions, in the JSON shapes of
--     LocalizedTextConverter, ChoiceOptionsConverter and AnswerKeyConverter
--   * for each student, a random subset of the last 90 days (yesterday back) with 1-3 graded quiz submissions
--     on each (answers and feedback JSON as SubmissionService writes them), student_progress following
--     StudentProgress.recordAttempt, the XP ledger per XpRules' defaults (COMPLETION 20 at >= 50, SCORE_70 10,
--     SCORE_90 15, PERFECT 10, each once per student and activity; STREAK_DAY 5 on the first learning of a day
--     that extends a streak to 2+ days, source = UUID.nameUUIDFromBytes("streak-day:" + day)), streaks per
--     Streak.recordActivity (one grace day per 8), badges per Badge.earnedBy, and profiles.xp_points = the ledger's
--     sum with the level of LevelCurve (base 100, exponent 1.5).
-- Sizes can be changed with psql variables: -v students=2000 -v days=30 -v class_size=60.
-- The data uses the default gamification settings (XP_* and LEVEL_XP_*); a server with others still reads it.

\set ON_ERROR_STOP on
\if :{?students}
\else
  \set students 10000
\endif
\if :{?days}
\else
  \set days 90
\endif
\if :{?class_size}
\else
  \set class_size 60
\endif
\set school_id be4c0000-0000-4000-8000-000000000001
\set course_1 be4c0000-0000-4000-8000-0000000c0001
\set course_2 be4c0000-0000-4000-8000-0000000c0002

SELECT to_regclass('public.schools') IS NOT NULL AND to_regclass('public.xp_events') IS NOT NULL AS has_schema \gset
\if :has_schema
\else
  DO $$ BEGIN RAISE EXCEPTION 'bench data: the database has no Project Spark schema (schools, xp_events); run ./spark migrate first'; END $$;
\endif
SELECT EXISTS (SELECT 1 FROM schools WHERE id = :'school_id') AS bench_loaded \gset
\if :bench_loaded
  \echo 'bench data: already loaded (Bench School exists); nothing to do'
  \quit
\endif

BEGIN;
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';
SET LOCAL max_parallel_workers_per_gather = 0;  -- one plan shape, so setseed makes the same data each time
SELECT setseed(0.4242) AS seeded \gset

-- the rules the history follows: XpRules' defaults (GamificationSettings), LevelCurve(100, 1.5)
CREATE TEMP TABLE bench_rule (reason text, points int, min_score numeric, position int) ON COMMIT DROP;
INSERT INTO bench_rule VALUES ('COMPLETION', 20, 50, 1), ('SCORE_70', 10, 70, 2), ('SCORE_90', 15, 90, 3), ('PERFECT', 10, 100, 4);
CREATE TEMP TABLE bench_level ON COMMIT DROP AS
  SELECT l AS level, floor(100 * power((l - 1)::float8, 1.5) + 0.5)::bigint AS xp_needed FROM generate_series(1, 5000) l;  -- Math.round(Math.pow)
CREATE UNIQUE INDEX ON bench_level (xp_needed);

-- ---------------------------------------------------------------------------------------------------------
-- school, people, classes
-- ---------------------------------------------------------------------------------------------------------
INSERT INTO schools (id, name, time_zone, default_locale, created_at)
VALUES (:'school_id', 'Bench School', 'UTC', 'en', now() - interval '120 days');

CREATE TEMP TABLE bench_student ON COMMIT DROP AS
  SELECT n,
         md5('bench-student:' || n)::uuid AS id,
         'bench-student-' || lpad(n::text, 5, '0') AS username,
         0.03 + 0.72 * power(random(), 2) AS engagement,   -- chance of learning on a given day (mean ~0.27)
         0.45 + 0.5 * random() AS ability,                 -- chance of each answer being right
         (n - 1) / :class_size + 1 AS class_no
  FROM generate_series(1, :students) n;
ALTER TABLE bench_student ADD PRIMARY KEY (n);

CREATE TEMP TABLE bench_teacher ON COMMIT DROP AS
  SELECT t, md5('bench-teacher:' || t)::uuid AS id, 'bench-teacher-' || t AS username FROM generate_series(1, 4) t;

INSERT INTO users (id, username, email, password_hash, is_active, created_at, updated_at)
SELECT id, username, NULL,
       '$argon2id$v=19$m=65536,t=3,p=4$yEg4H5QH4L16LBDP2/a8YA$Bh05Vm7+5G02KdSA4bOxJ66RwNShg7l7bZyReMG51YY',
       true, now() - interval '120 days', now() - interval '120 days'
FROM (SELECT id, username FROM bench_student UNION ALL SELECT id, username FROM bench_teacher) p;

INSERT INTO user_roles (user_id, role)
SELECT id, 'STUDENT' FROM bench_student UNION ALL SELECT id, 'TEACHER' FROM bench_teacher;

-- xp_points and level are set from the ledger at the end; ranked as the triggers would compute it
INSERT INTO profiles (id, user_id, display_name, locale, xp_points, level, time_zone, school_id, ranked, created_at, updated_at)
SELECT md5('bench-profile:' || id)::uuid, id, display_name, 'en', 0, 1, 'UTC', :'school_id', ranked,
       now() - interval '120 days', now() - interval '120 days'
FROM (SELECT id, 'Bench Student ' || lpad(n::text, 5, '0') AS display_name, true AS ranked FROM bench_student
      UNION ALL SELECT id, 'Bench Teacher ' || t, false FROM bench_teacher) p;

-- join codes as SchoolClass makes them: 7 characters of ABCDEFGHJKMNPQRSTUVWXYZ23456789 ("BNCH" + the class number)
INSERT INTO classes (id, school_id, name, grade, subject, join_code, created_at)
SELECT md5('bench-class:' || c)::uuid, :'school_id', 'Bench Class ' || lpad(c::text, 3, '0'), 'Grade ' || (6 + c % 4),
       CASE WHEN c % 2 = 0 THEN 'mathematics' ELSE 'science' END,
       'BNCH' || substr(a, (c / 961) % 31 + 1, 1) || substr(a, (c / 31) % 31 + 1, 1) || substr(a, c % 31 + 1, 1),
       now() - interval '120 days'
FROM generate_series(1, (:students + :class_size - 1) / :class_size) c, (SELECT 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'::text AS a) alphabet;

INSERT INTO class_teachers (class_id, teacher_id)
SELECT md5('bench-class:' || c)::uuid, md5('bench-teacher:' || ((c - 1) % 4 + 1))::uuid
FROM generate_series(1, (:students + :class_size - 1) / :class_size) c;

INSERT INTO class_enrolments (class_id, student_id, enrolled_at)
SELECT md5('bench-class:' || class_no)::uuid, id, now() - interval '100 days' FROM bench_student;

-- ---------------------------------------------------------------------------------------------------------
-- two published courses: 2 units x 5 lessons, one QUIZ per lesson, 5 questions per quiz
-- ---------------------------------------------------------------------------------------------------------
INSERT INTO courses (id, subject, default_locale, status, content_version, title, description, created_by,
                     created_at, updated_at, published_at)
VALUES (:'course_1', 'mathematics', 'en', 'PUBLISHED', 1, '{"en":"Bench Mathematics"}',
        '{"en":"Fractions, decimals and percentages: the bench course"}', md5('bench-teacher:1')::uuid,
        now() - interval '110 days', now() - interval '100 days', now() - interval '100 days'),
       (:'course_2', 'science', 'en', 'PUBLISHED', 1, '{"en":"Bench Science"}',
        '{"en":"Plants, water and energy: the bench course"}', md5('bench-teacher:2')::uuid,
        now() - interval '110 days', now() - interval '100 days', now() - interval '100 days');

CREATE TEMP TABLE bench_activity ON COMMIT DROP AS
  SELECT c AS course_no, (l - 1) / 5 AS unit_pos, (l - 1) % 5 AS lesson_pos, (c - 1) * 10 + l AS act_no,
         CASE c WHEN 1 THEN :'course_1'::uuid ELSE :'course_2'::uuid END AS course_id,
         md5('bench-unit:' || c || ':' || (l - 1) / 5)::uuid AS unit_id,
         md5('bench-lesson:' || c || ':' || l)::uuid AS lesson_id,
         md5('bench-activity:' || c || ':' || l)::uuid AS id
  FROM generate_series(1, 2) c, generate_series(1, 10) l;

INSERT INTO course_units (id, course_id, position, title)
SELECT DISTINCT unit_id, course_id, unit_pos, '{"en":"Unit ' || (unit_pos + 1) || '"}' FROM bench_activity;
INSERT INTO lessons (id, unit_id, position, title, summary)
SELECT lesson_id, unit_id, lesson_pos, '{"en":"Lesson ' || (unit_pos * 5 + lesson_pos + 1) || '"}',
       '{"en":"Five questions on lesson ' || (unit_pos * 5 + lesson_pos + 1) || '"}' FROM bench_activity;
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url)
SELECT id, lesson_id, 0, 'QUIZ', '{"en":"Quiz ' || act_no || '"}', '{"en":"Answer the five questions."}', NULL
FROM bench_activity;

-- questions 0-2 SINGLE_CHOICE with options a-d, 3-4 TRUE_FALSE; each keeps a right and a wrong answer for the history
CREATE TEMP TABLE bench_question ON COMMIT DROP AS
  SELECT a.act_no, a.id AS activity_id, q AS position,
         md5('bench-question:' || a.act_no || ':' || q)::uuid AS id,
         CASE WHEN q < 3 THEN 'SINGLE_CHOICE' ELSE 'TRUE_FALSE' END AS type,
         substr('abcd', 1 + (a.act_no * 3 + q) % 4, 1) AS right_option,
         substr('abcd', 1 + (a.act_no * 3 + q + 1) % 4, 1) AS wrong_option,
         (a.act_no + q) % 2 = 0 AS right_bool
  FROM bench_activity a, generate_series(0, 4) q;

INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key)
SELECT id, activity_id, position, type,
       '{"en":"Bench question ' || (position + 1) || ' of quiz ' || act_no || '"}',
       CASE WHEN type = 'SINGLE_CHOICE'
            THEN '[{"id":"a","text":{"en":"Answer A"}},{"id":"b","text":{"en":"Answer B"}},'
                 || '{"id":"c","text":{"en":"Answer C"}},{"id":"d","text":{"en":"Answer D"}}]'
            ELSE '[]' END,
       CASE WHEN type = 'SINGLE_CHOICE' THEN '{"correctOptions":["' || right_option || '"]}'
            ELSE '{"correctBoolean":' || right_bool || '}' END
FROM bench_question;

-- every way a quiz can be answered, as bits (bit q set: question q right): the answers and feedback JSON
-- SubmissionService stores for it, built once and joined to the history
CREATE TEMP TABLE bench_answer_set ON COMMIT DROP AS
  SELECT q.act_no, m.mask,
         '[' || string_agg('{"questionId":"' || q.id || '",' ||
                CASE WHEN q.type = 'SINGLE_CHOICE'
                     THEN '"options":["' || CASE WHEN (m.mask >> q.position) & 1 = 1 THEN q.right_option ELSE q.wrong_option END || '"]'
                     ELSE '"value":' || CASE WHEN (m.mask >> q.position) & 1 = 1 THEN q.right_bool ELSE NOT q.right_bool END END
                || '}', ',' ORDER BY q.position) || ']' AS answers,
         '[' || string_agg('{"questionId":"' || q.id || '","correct":' || ((m.mask >> q.position) & 1 = 1) || '}', ','
                ORDER BY q.position) || ']' AS feedback,
         sum((m.mask >> q.position) & 1)::int AS correct
  FROM bench_question q, generate_series(0, 31) m(mask)
  GROUP BY q.act_no, m.mask;
ALTER TABLE bench_answer_set ADD PRIMARY KEY (act_no, mask);

-- ---------------------------------------------------------------------------------------------------------
-- history: active days, submissions, progress, ledger, streaks, badges
-- ---------------------------------------------------------------------------------------------------------
CREATE TEMP TABLE bench_day ON COMMIT DROP AS
  SELECT n, student_id, ability, day, 1 + floor(random() * 3)::int AS k,
         7 * 3600 + floor(random() * 10 * 3600)::int AS first_second
  FROM (SELECT s.n, s.id AS student_id, s.ability, s.engagement, current_date - :days + d AS day,
               random() AS draw   -- in the select list, so it is drawn per student and day (a WHERE would be pushed down to the student)
        FROM bench_student s CROSS JOIN generate_series(0, :days - 1) d) x
  WHERE draw < engagement;

CREATE TEMP TABLE bench_sub ON COMMIT DROP AS
  SELECT gen_random_uuid() AS id, gen_random_uuid() AS client_id, x.student_id, x.day, x.j,
         1 + floor(random() * 20)::int AS act_no,
         ((random() < x.ability)::int) | ((random() < x.ability)::int << 1) | ((random() < x.ability)::int << 2)
           | ((random() < x.ability)::int << 3) | ((random() < x.ability)::int << 4) AS mask,
         (x.day + make_interval(secs => x.first_second + (x.j - 1) * 720 + floor(random() * 300)::int)
           + make_interval(secs => random()))::timestamp AT TIME ZONE 'UTC' AS submitted_at
  FROM (SELECT d.*, j FROM bench_day d, generate_series(1, d.k) j) x;

CREATE TEMP TABLE bench_graded ON COMMIT DROP AS
  SELECT s.id, s.client_id, s.student_id, s.day, s.j, a.id AS activity_id, s.submitted_at,
         aset.answers, aset.feedback, aset.correct, (aset.correct * 20)::numeric(5, 2) AS score,
         row_number() OVER (PARTITION BY s.student_id, a.id ORDER BY s.submitted_at)::int AS attempt
  FROM bench_sub s JOIN bench_activity a ON a.act_no = s.act_no JOIN bench_answer_set aset ON aset.act_no = s.act_no AND aset.mask = s.mask;
CREATE INDEX ON bench_graded (id);

-- awards: each reason once per student and activity, on the first submission that reaches it
CREATE TEMP TABLE bench_award ON COMMIT DROP AS
  SELECT DISTINCT ON (g.student_id, g.activity_id, r.reason)
         g.student_id, g.activity_id, g.id AS submission_id, g.submitted_at, r.reason, r.points, r.position
  FROM bench_graded g JOIN bench_rule r ON g.score >= r.min_score
  ORDER BY g.student_id, g.activity_id, r.reason, g.submitted_at;

-- streaks, day by day as Streak.recordActivity counts them: state {current, longest, last day, grace day}
CREATE FUNCTION pg_temp.bench_streak_step(st int[], day date) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  cur int := st[1]; lng int := st[2]; last int := st[3]; grace int := st[4];
  d int := day - date '2000-01-01';
BEGIN
  IF last IS NOT NULL AND d <= last THEN
    RETURN st;
  ELSIF last IS NOT NULL AND d = last + 1 THEN
    cur := cur + 1;
  ELSIF last IS NOT NULL AND d = last + 2 AND (grace IS NULL OR grace <= d - 8) THEN
    grace := last + 1;   -- the missed day is forgiven, once in 8 days
    cur := cur + 1;
  ELSE
    cur := 1;
  END IF;
  RETURN ARRAY[cur, greatest(lng, cur), d, grace];
END $$;
CREATE AGGREGATE pg_temp.bench_streak(date) (SFUNC = pg_temp.bench_streak_step, STYPE = int[], INITCOND = '{0,0,NULL,NULL}');

CREATE TEMP TABLE bench_streak_day ON COMMIT DROP AS
  SELECT student_id, day, st[1] AS current_days, st[2] AS longest_days, st[4] AS grace_day,
         row_number() OVER (PARTITION BY student_id ORDER BY day DESC) = 1 AS is_last,
         count(*) OVER (PARTITION BY student_id) AS active_days
  FROM (SELECT student_id, day, pg_temp.bench_streak(day) OVER (PARTITION BY student_id ORDER BY day) AS st
        FROM bench_day) x;

-- the bonus goes with the first submission of a day that extended the streak to 2 days or more
CREATE TEMP TABLE bench_bonus ON COMMIT DROP AS
  SELECT g.student_id, g.id AS submission_id, g.submitted_at, 5 AS points,
         (substr(h, 1, 12) || '3' || substr(h, 14, 3) || to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8)
           || substr(h, 18))::uuid AS source_id   -- UUID.nameUUIDFromBytes("streak-day:" + day)
  FROM bench_graded g
  JOIN bench_streak_day sd ON sd.student_id = g.student_id AND sd.day = g.day AND sd.current_days >= 2
  CROSS JOIN LATERAL (SELECT md5('streak-day:' || to_char(g.day, 'YYYY-MM-DD')) AS h) hash
  WHERE g.j = 1;

-- the daily cap (500) never binds here: at most 3 quizzes x 55 + 5 a day
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT student_id, submitted_at::date, sum(points) AS pts FROM
               (SELECT student_id, submitted_at, points FROM bench_award UNION ALL SELECT student_id, submitted_at, points FROM bench_bonus) e
             GROUP BY 1, 2) d WHERE pts > 500) THEN
    RAISE EXCEPTION 'bench data: a day exceeds the daily XP cap; the generator needs the cap applied';
  END IF;
END $$;

CREATE TEMP TABLE bench_sub_xp ON COMMIT DROP AS
  SELECT submission_id, sum(points)::int AS xp FROM
    (SELECT submission_id, points FROM bench_award UNION ALL SELECT submission_id, points FROM bench_bonus) e
  GROUP BY submission_id;
CREATE INDEX ON bench_sub_xp (submission_id);

INSERT INTO submissions (id, client_submission_id, student_id, activity_id, attempt, answers, feedback, score,
                         correct_count, question_count, xp_awarded, submitted_at)
SELECT g.id, g.client_id, g.student_id, g.activity_id, g.attempt, g.answers, g.feedback, g.score, g.correct, 5,
       coalesce(x.xp, 0), g.submitted_at
FROM bench_graded g LEFT JOIN bench_sub_xp x ON x.submission_id = g.id
ORDER BY g.submitted_at;

-- StudentProgress.recordAttempt, applied to every attempt: best score, COMPLETED from the first pass,
-- percent 100 when completed else the best floor(score), last_accessed the latest
INSERT INTO student_progress (id, student_id, activity_id, status, percent, best_score, attempts, last_accessed, completed_at)
SELECT gen_random_uuid(), student_id, activity_id,
       CASE WHEN max(score) >= 50 THEN 'COMPLETED' ELSE 'IN_PROGRESS' END,
       CASE WHEN max(score) >= 50 THEN 100 ELSE floor(max(score))::int END,
       max(score), count(*), max(submitted_at), min(submitted_at) FILTER (WHERE score >= 50)
FROM bench_graded GROUP BY student_id, activity_id;

INSERT INTO xp_events (student_id, points, reason, source_id, created_at)
SELECT student_id, points, reason, source_id, created_at FROM
  (SELECT student_id, points, reason, activity_id AS source_id, submitted_at AS created_at, position FROM bench_award
   UNION ALL
   SELECT student_id, points, 'STREAK_DAY', source_id, submitted_at, 5 FROM bench_bonus) e
ORDER BY created_at, position;

INSERT INTO streaks (student_id, current_days, longest_days, last_active_on, grace_used_on, version)
SELECT student_id, current_days, longest_days, day, date '2000-01-01' + grace_day, active_days - 1
FROM bench_streak_day WHERE is_last;

-- badges (Badge.earnedBy, held once, scope "everywhere"): on the first submission that qualifies
CREATE TEMP TABLE bench_running ON COMMIT DROP AS
  SELECT g.student_id, g.id, g.submitted_at, g.score, g.correct, sd.current_days,
         sum(coalesce(x.xp, 0)) OVER (PARTITION BY g.student_id ORDER BY g.submitted_at) AS xp_after
  FROM bench_graded g JOIN bench_streak_day sd ON sd.student_id = g.student_id AND sd.day = g.day
  LEFT JOIN bench_sub_xp x ON x.submission_id = g.id;

INSERT INTO student_badges (student_id, badge, scope_id, earned_at, submission_id)
SELECT DISTINCT ON (r.student_id, b.badge) r.student_id, b.badge, '00000000-0000-0000-0000-000000000000', r.submitted_at, r.id
FROM bench_running r
JOIN (VALUES ('FIRST_QUIZ'), ('PERFECT_QUIZ'), ('LEVEL_5'), ('LEVEL_10'), ('STREAK_7'), ('STREAK_30')) b(badge)
  ON CASE b.badge WHEN 'FIRST_QUIZ' THEN r.score >= 50
                  WHEN 'PERFECT_QUIZ' THEN r.correct = 5
                  WHEN 'LEVEL_5' THEN r.xp_after >= 800     -- LevelCurve: level 5 at 800 XP
                  WHEN 'LEVEL_10' THEN r.xp_after >= 2700   -- level 10 at 2,700
                  WHEN 'STREAK_7' THEN r.current_days >= 7
                  ELSE r.current_days >= 30 END
ORDER BY r.student_id, b.badge, r.submitted_at;

-- the profile's total is the ledger's sum, its level the curve's
UPDATE profiles p SET xp_points = t.xp,
                      level = (SELECT l.level FROM bench_level l WHERE l.xp_needed <= t.xp ORDER BY l.xp_needed DESC LIMIT 1)
FROM (SELECT student_id, sum(points) AS xp FROM xp_events
      WHERE student_id IN (SELECT id FROM bench_student) GROUP BY student_id) t
WHERE p.user_id = t.student_id;

COMMIT;

ANALYZE users; ANALYZE profiles; ANALYZE user_roles; ANALYZE classes; ANALYZE class_enrolments; ANALYZE questions;
ANALYZE submissions; ANALYZE student_progress; ANALYZE xp_events; ANALYZE streaks; ANALYZE student_badges;

\echo 'bench data: loaded'
SELECT name AS "bench data", rows FROM (
            SELECT 1, 'schools', count(*) FROM schools WHERE id = :'school_id'
  UNION ALL SELECT 2, 'students', count(*) FROM profiles p JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'STUDENT' WHERE p.school_id = :'school_id'
  UNION ALL SELECT 3, 'teachers', count(*) FROM profiles p JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'TEACHER' WHERE p.school_id = :'school_id'
  UNION ALL SELECT 4, 'classes', count(*) FROM classes WHERE school_id = :'school_id'
  UNION ALL SELECT 5, 'class_teachers', count(*) FROM class_teachers t JOIN classes c ON c.id = t.class_id WHERE c.school_id = :'school_id'
  UNION ALL SELECT 6, 'class_enrolments', count(*) FROM class_enrolments e JOIN classes c ON c.id = e.class_id WHERE c.school_id = :'school_id'
  UNION ALL SELECT 7, 'courses (published)', count(*) FROM courses WHERE id IN (:'course_1', :'course_2') AND status = 'PUBLISHED'
  UNION ALL SELECT 8, 'quiz activities', count(*) FROM activities a JOIN lessons l ON l.id = a.lesson_id
                      JOIN course_units u ON u.id = l.unit_id WHERE u.course_id IN (:'course_1', :'course_2')
  UNION ALL SELECT 9, 'questions', count(*) FROM questions q JOIN activities a ON a.id = q.activity_id JOIN lessons l ON l.id = a.lesson_id
                      JOIN course_units u ON u.id = l.unit_id WHERE u.course_id IN (:'course_1', :'course_2')
  UNION ALL SELECT 10, 'submissions', count(*) FROM submissions s JOIN profiles p ON p.user_id = s.student_id WHERE p.school_id = :'school_id'
  UNION ALL SELECT 11, 'student_progress', count(*) FROM student_progress s JOIN profiles p ON p.user_id = s.student_id WHERE p.school_id = :'school_id'
  UNION ALL SELECT 12, 'xp_events', count(*) FROM xp_events x JOIN profiles p ON p.user_id = x.student_id WHERE p.school_id = :'school_id'
  UNION ALL SELECT 13, 'streaks', count(*) FROM streaks s JOIN profiles p ON p.user_id = s.student_id WHERE p.school_id = :'school_id'
  UNION ALL SELECT 14, 'student_badges', count(*) FROM student_badges b JOIN profiles p ON p.user_id = b.student_id WHERE p.school_id = :'school_id'
) c(ord, name, rows) ORDER BY ord;
