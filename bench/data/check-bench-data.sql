-- Invariants of the data, checked with SQL (bench/data/load.sh --check, or psql -f). Each line prints
-- the number of rows that break a rule: all must be 0. The ledger and level rules cover every student;
-- the others the bench school, whose history bench-data.sql wrote without the server.

\set ON_ERROR_STOP on
\set school_id be4c0000-0000-4000-8000-000000000001

CREATE TEMP TABLE check_student AS
  SELECT p.user_id AS id FROM profiles p WHERE p.school_id = :'school_id'
    AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = p.user_id AND r.role = 'STUDENT');
ALTER TABLE check_student ADD PRIMARY KEY (id);
ANALYZE check_student;

-- LevelCurve(100, 1.5): level n from round(100 x (n - 1)^1.5) XP, in doubles like Math.pow and Math.round
CREATE TEMP TABLE check_level AS
  SELECT l AS level, floor(100 * power((l - 1)::float8, 1.5) + 0.5)::bigint AS xp_needed FROM generate_series(1, 5000) l;
CREATE UNIQUE INDEX ON check_level (xp_needed);

-- a submission graded again from its answers JSON against the questions' answer keys (AnswerKeyConverter's shape)
CREATE TEMP TABLE check_regrade AS
  SELECT s.id, s.correct_count, s.question_count, s.score,
         count(*) FILTER (WHERE CASE q.type
             WHEN 'TRUE_FALSE' THEN (a.answer -> 'value') IS NOT NULL AND (a.answer ->> 'value')::boolean = (q.answer_key::json ->> 'correctBoolean')::boolean
             ELSE (a.answer -> 'options')::jsonb = (q.answer_key::json -> 'correctOptions')::jsonb END) AS regraded,
         count(*) AS answered,
         (SELECT count(*) FROM json_array_elements(s.feedback::json) f WHERE (f ->> 'correct')::boolean) AS feedback_right
  FROM submissions s JOIN check_student c ON c.id = s.student_id
  CROSS JOIN LATERAL json_array_elements(s.answers::json) a(answer)
  JOIN questions q ON q.id = (a.answer ->> 'questionId')::uuid AND q.activity_id = s.activity_id
  GROUP BY s.id, s.correct_count, s.question_count, s.score, s.feedback;

CREATE TEMP TABLE check_result AS
SELECT ord, rule, broken FROM (
  SELECT 1 AS ord, 'every student: profiles.xp_points = SUM(xp_events.points)' AS rule, count(*) AS broken
  FROM profiles p JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'STUDENT'
  LEFT JOIN (SELECT student_id, sum(points) AS xp FROM xp_events GROUP BY student_id) x ON x.student_id = p.user_id
  WHERE p.xp_points <> coalesce(x.xp, 0)
UNION ALL
  SELECT 2, 'every student: level = LevelCurve(100, 1.5) of xp_points', count(*)
  FROM profiles p JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'STUDENT'
  WHERE p.level <> (SELECT level FROM check_level WHERE xp_needed <= p.xp_points ORDER BY xp_needed DESC LIMIT 1)
UNION ALL
  SELECT 3, 'bench: SUM(submissions.xp_awarded) = ledger sum', count(*)
  FROM check_student c
  LEFT JOIN (SELECT student_id, sum(xp_awarded) AS xp FROM submissions GROUP BY 1) s ON s.student_id = c.id
  LEFT JOIN (SELECT student_id, sum(points) AS xp FROM xp_events GROUP BY 1) x ON x.student_id = c.id
  WHERE coalesce(s.xp, 0) <> coalesce(x.xp, 0)
UNION ALL
  SELECT 4, 'bench: an award per reason exactly when the best score reached it', count(*)
  FROM (SELECT s.student_id, s.activity_id, r.reason, max(s.score) >= r.min_score AS earned
        FROM submissions s JOIN check_student c ON c.id = s.student_id
        CROSS JOIN (VALUES ('COMPLETION', 50), ('SCORE_70', 70), ('SCORE_90', 90), ('PERFECT', 100)) r(reason, min_score)
        GROUP BY 1, 2, 3, r.min_score) e
  WHERE e.earned <> EXISTS (SELECT 1 FROM xp_events x WHERE x.student_id = e.student_id AND x.source_id = e.activity_id AND x.reason = e.reason)
UNION ALL
  SELECT 5, 'bench: award points per the default XpRules', count(*)
  FROM xp_events x JOIN check_student c ON c.id = x.student_id
  WHERE x.points <> CASE x.reason WHEN 'COMPLETION' THEN 20 WHEN 'SCORE_70' THEN 10 WHEN 'SCORE_90' THEN 15
                                  WHEN 'PERFECT' THEN 10 WHEN 'STREAK_DAY' THEN 5 ELSE -1 END
UNION ALL
  SELECT 6, 'bench: no day over the daily cap (500)', count(*)
  FROM (SELECT x.student_id, (x.created_at AT TIME ZONE 'UTC')::date, sum(points) AS pts
        FROM xp_events x JOIN check_student c ON c.id = x.student_id GROUP BY 1, 2) d WHERE pts > 500
UNION ALL
  SELECT 7, 'bench: one STREAK_DAY per active day after the first of a run', count(*)
  FROM (SELECT x.student_id, (x.created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
        FROM xp_events x JOIN check_student c ON c.id = x.student_id WHERE x.reason = 'STREAK_DAY' GROUP BY 1, 2) d
  WHERE n > 1
UNION ALL
  SELECT 8, 'bench: answers regraded against the answer keys = correct_count = feedback', count(*)
  FROM check_regrade WHERE regraded <> correct_count OR feedback_right <> correct_count OR answered <> question_count
UNION ALL
  SELECT 9, 'bench: score = 100 x correct / questions', count(*)
  FROM check_regrade WHERE score <> round(100.0 * correct_count / question_count, 2)
UNION ALL
  SELECT 10, 'bench: attempt numbers 1..n per student and activity, in time order', count(*)
  FROM (SELECT attempt, row_number() OVER (PARTITION BY student_id, activity_id ORDER BY submitted_at) AS rn
        FROM submissions s JOIN check_student c ON c.id = s.student_id) a WHERE attempt <> rn
UNION ALL
  SELECT 11, 'bench: student_progress = its submissions (attempts, best, status, percent, times)', count(*)
  FROM student_progress p JOIN check_student c ON c.id = p.student_id
  LEFT JOIN (SELECT student_id, activity_id, count(*) AS n, max(score) AS best, max(submitted_at) AS last,
                    min(submitted_at) FILTER (WHERE score >= 50) AS done
             FROM submissions GROUP BY 1, 2) s ON s.student_id = p.student_id AND s.activity_id = p.activity_id
  WHERE s.n IS NULL OR p.attempts <> s.n OR p.best_score <> s.best OR p.last_accessed <> s.last
     OR p.completed_at IS DISTINCT FROM s.done
     OR p.status <> CASE WHEN s.done IS NULL THEN 'IN_PROGRESS' ELSE 'COMPLETED' END
     OR p.percent <> CASE WHEN s.done IS NULL THEN floor(s.best)::int ELSE 100 END
UNION ALL
  SELECT 12, 'bench: a progress row for every activity submitted', count(*)
  FROM (SELECT DISTINCT student_id, activity_id FROM submissions s JOIN check_student c ON c.id = s.student_id) s
  WHERE NOT EXISTS (SELECT 1 FROM student_progress p WHERE p.student_id = s.student_id AND p.activity_id = s.activity_id)
UNION ALL
  SELECT 13, 'bench: streak row for every student who learned; last day = last submission day', count(*)
  FROM (SELECT s.student_id, max((s.submitted_at AT TIME ZONE 'UTC')::date) AS last
        FROM submissions s JOIN check_student c ON c.id = s.student_id GROUP BY 1) s
  LEFT JOIN streaks t ON t.student_id = s.student_id
  WHERE t.student_id IS NULL OR t.last_active_on <> s.last OR t.current_days > t.longest_days OR t.current_days < 1
UNION ALL
  SELECT 14, 'bench: badges on a submission of their student that qualifies', count(*)
  FROM student_badges b JOIN check_student c ON c.id = b.student_id
  LEFT JOIN submissions s ON s.id = b.submission_id
  WHERE s.id IS NULL OR s.student_id <> b.student_id OR s.submitted_at <> b.earned_at
     OR (b.badge = 'FIRST_QUIZ' AND s.score < 50) OR (b.badge = 'PERFECT_QUIZ' AND s.correct_count <> s.question_count)
UNION ALL
  SELECT 15, 'bench: students ranked (active, STUDENT role), in the school, locale en, UTC', count(*)
  FROM check_student c JOIN profiles p ON p.user_id = c.id
  WHERE NOT p.ranked OR p.locale <> 'en' OR p.time_zone <> 'UTC'
UNION ALL
  SELECT 16, 'bench: every student in exactly one class of at most 60', count(*)
  FROM check_student c
  WHERE (SELECT count(*) FROM class_enrolments e WHERE e.student_id = c.id) <> 1
     OR (SELECT count(*) FROM class_enrolments e2 WHERE e2.class_id = (SELECT class_id FROM class_enrolments e WHERE e.student_id = c.id LIMIT 1)) > 60
) r;
SELECT rule, broken FROM check_result ORDER BY ord;
SELECT coalesce(sum(broken), 0) = 0 AS all_hold FROM check_result \gset

DROP TABLE check_result;
DROP TABLE check_regrade;
DROP TABLE check_level;
DROP TABLE check_student;

\if :all_hold
  \echo 'bench data: every invariant holds'
\else
  \echo 'bench data: INVARIANTS BROKEN (see the rows above)'
  DO $$ BEGIN RAISE EXCEPTION 'bench data invariants broken'; END $$;
\endif
