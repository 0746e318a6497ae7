--liquibase formatted sql

--changeset spark:009-guardians
--comment: a guardian reads the progress of the students linked to them, and of no one else
CREATE TABLE guardian_links (
    guardian_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    student_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at   timestamptz NOT NULL DEFAULT now(),
    linked_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (guardian_id, student_id)
);
CREATE INDEX ix_guardian_links_student ON guardian_links (student_id);

--changeset spark:009-class-courses
--comment: a course assigned to a class, with an optional due date; completion rates are counted over these courses
CREATE TABLE class_courses (
    class_id    uuid        NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    course_id   uuid        NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    assigned_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    due_at      timestamptz,
    PRIMARY KEY (class_id, course_id)
);
CREATE INDEX ix_class_courses_course ON class_courses (course_id);

--changeset spark:009-user-notifications
--comment: in-app notifications (the guide's user_notifications); read ones older than 30 days are deleted nightly
CREATE TABLE user_notifications (
    id         uuid         PRIMARY KEY,
    user_id    uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       varchar(32)  NOT NULL,
    title      varchar(200) NOT NULL,
    body       text         NOT NULL DEFAULT '',
    is_read    boolean      NOT NULL DEFAULT false,
    read_at    timestamptz,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_user_notifications_user ON user_notifications (user_id, created_at DESC);
CREATE INDEX ix_user_notifications_read_created ON user_notifications (created_at) WHERE is_read;

--changeset spark:009-sync-logs
--comment: one row per device sync session (the guide's sync_logs); finished ones older than 7 days are deleted nightly
CREATE TABLE sync_logs (
    id                uuid        PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id         varchar(64) NOT NULL,
    status            varchar(16) NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
    events_applied    integer     NOT NULL DEFAULT 0,
    events_duplicate  integer     NOT NULL DEFAULT 0,
    events_rejected   integer     NOT NULL DEFAULT 0,
    bytes_received    bigint      NOT NULL DEFAULT 0,
    duration_ms       bigint,
    error             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz
);
CREATE INDEX ix_sync_logs_user_device ON sync_logs (user_id, device_id, created_at DESC);
CREATE INDEX ix_sync_logs_created ON sync_logs (created_at) WHERE status IN ('COMPLETED', 'FAILED');

--changeset spark:009-class-performance-summary
--comment: per class, refreshed concurrently every night (and on demand): students, active in the last 7 days, average quiz score, completion rate over the class's assigned courses, XP this week (the school's week), lessons completed. The unique index on class_id is what REFRESH ... CONCURRENTLY needs.
CREATE MATERIALIZED VIEW class_performance_summary AS
WITH enrolled AS (
    SELECT e.class_id, e.student_id FROM class_enrolments e
),
last_seen AS (
    SELECT p.student_id, max(p.last_accessed) AS at
      FROM student_progress p GROUP BY p.student_id
),
scores AS (
    SELECT s.student_id, sum(s.score) AS total, count(*) AS n
      FROM submissions s GROUP BY s.student_id
),
lessons_done AS (
    SELECT d.student_id, count(*) AS n
      FROM (SELECT p.student_id, a.lesson_id, count(*) AS completed
              FROM student_progress p JOIN activities a ON a.id = p.activity_id AND a.type <> 'ASSIGNMENT'
             WHERE p.status = 'COMPLETED'
             GROUP BY p.student_id, a.lesson_id) d
      JOIN (SELECT a.lesson_id, count(*) AS activities FROM activities a WHERE a.type <> 'ASSIGNMENT' GROUP BY a.lesson_id) l
        ON l.lesson_id = d.lesson_id AND l.activities = d.completed
     GROUP BY d.student_id
),
class_activities AS (
    SELECT cc.class_id, a.id AS activity_id
      FROM class_courses cc
      JOIN course_units u ON u.course_id = cc.course_id
      JOIN lessons l ON l.unit_id = u.id
      JOIN activities a ON a.lesson_id = l.id AND a.type <> 'ASSIGNMENT'
),
completions AS (
    SELECT e.class_id, count(*) AS n
      FROM enrolled e
      JOIN class_activities ca ON ca.class_id = e.class_id
      JOIN student_progress p ON p.student_id = e.student_id AND p.activity_id = ca.activity_id AND p.status = 'COMPLETED'
     GROUP BY e.class_id
),
week_xp AS (
    SELECT e.class_id, sum(x.points) AS xp
      FROM enrolled e
      JOIN classes c ON c.id = e.class_id
      JOIN schools sc ON sc.id = c.school_id
      JOIN xp_events x ON x.student_id = e.student_id AND x.reason <> 'RULES_ADJUSTMENT'
       AND x.created_at >= date_trunc('week', now() AT TIME ZONE sc.time_zone) AT TIME ZONE sc.time_zone
     GROUP BY e.class_id
),
per_class AS (
    SELECT e.class_id,
           count(*) AS students,
           count(*) FILTER (WHERE ls.at >= now() - interval '7 days') AS active,
           sum(sc.total) AS score_total,
           sum(sc.n) AS score_n,
           COALESCE(sum(ld.n), 0) AS lessons_completed
      FROM enrolled e
      LEFT JOIN last_seen ls ON ls.student_id = e.student_id
      LEFT JOIN scores sc ON sc.student_id = e.student_id
      LEFT JOIN lessons_done ld ON ld.student_id = e.student_id
     GROUP BY e.class_id
)
SELECT c.id AS class_id,
       c.school_id,
       COALESCE(pc.students, 0) AS students,
       COALESCE(pc.active, 0) AS active_last_7_days,
       round(pc.score_total / NULLIF(pc.score_n, 0), 2) AS average_score,
       CASE WHEN COALESCE(pc.students, 0) = 0 OR NOT EXISTS (SELECT 1 FROM class_activities ca WHERE ca.class_id = c.id) THEN NULL
            ELSE round(100.0 * COALESCE(cp.n, 0)
                       / (pc.students * (SELECT count(*) FROM class_activities ca WHERE ca.class_id = c.id)), 2) END AS completion_rate,
       COALESCE(wx.xp, 0) AS xp_this_week,
       COALESCE(pc.lessons_completed, 0) AS lessons_completed,
       now() AS refreshed_at
FROM classes c
LEFT JOIN per_class pc ON pc.class_id = c.id
LEFT JOIN completions cp ON cp.class_id = c.id
LEFT JOIN week_xp wx ON wx.class_id = c.id;
CREATE UNIQUE INDEX ux_class_performance_summary ON class_performance_summary (class_id);
CREATE INDEX ix_class_performance_summary_school ON class_performance_summary (school_id);

--changeset spark:009-class-monthly-analytics
--comment: the past month per class, aggregated on the 1st and kept for trend reports (the live tables keep changing; these do not)
CREATE TABLE class_monthly_analytics (
    class_id             uuid          NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    month                date          NOT NULL CHECK (extract(day FROM month) = 1),
    students             integer       NOT NULL,
    active_students      integer       NOT NULL,
    submissions          integer       NOT NULL,
    average_score        numeric(5, 2),
    activities_completed integer       NOT NULL,
    xp_earned            bigint        NOT NULL,
    aggregated_at        timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (class_id, month)
);

--changeset spark:009-maintenance-runs
--comment: each maintenance job's last run (once per cluster: an instance claims a scheduled slot by moving last_slot forward)
CREATE TABLE maintenance_runs (
    job              varchar(48)  PRIMARY KEY,
    last_slot        timestamptz,
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    last_duration_ms bigint,
    last_outcome     varchar(16)  CHECK (last_outcome IN ('SUCCEEDED', 'FAILED', 'SKIPPED')),
    last_detail      text,
    last_instance    varchar(128),
    runs             bigint       NOT NULL DEFAULT 0,
    failures         bigint       NOT NULL DEFAULT 0
);
