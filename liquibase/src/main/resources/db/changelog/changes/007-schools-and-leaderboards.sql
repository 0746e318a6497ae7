--liquibase formatted sql

--changeset spark:007-schools
--comment: a school has its own time zone and language; students, teachers and school admins belong to one school (profiles.school_id)
CREATE TABLE schools (
    id             uuid         PRIMARY KEY,
    name           varchar(200) NOT NULL,
    time_zone      varchar(64)  NOT NULL DEFAULT 'UTC',
    default_locale varchar(35)  NOT NULL DEFAULT 'en',
    created_at     timestamptz  NOT NULL DEFAULT now(),
    version        bigint       NOT NULL DEFAULT 0
);
ALTER TABLE profiles ADD COLUMN school_id uuid REFERENCES schools (id) ON DELETE SET NULL;
CREATE INDEX ix_profiles_school ON profiles (school_id) WHERE school_id IS NOT NULL;

--changeset spark:007-classes
--comment: a class of one school, taught by one or more teachers; students enrol by join code or by their teacher
CREATE TABLE classes (
    id         uuid         PRIMARY KEY,
    school_id  uuid         NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name       varchar(100) NOT NULL,
    grade      varchar(32),
    subject    varchar(64),
    join_code  varchar(16)  UNIQUE,
    created_at timestamptz  NOT NULL DEFAULT now(),
    version    bigint       NOT NULL DEFAULT 0
);
CREATE INDEX ix_classes_school ON classes (school_id);

CREATE TABLE class_teachers (
    class_id   uuid NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    teacher_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (class_id, teacher_id)
);
CREATE INDEX ix_class_teachers_teacher ON class_teachers (teacher_id);

CREATE TABLE class_enrolments (
    class_id    uuid        NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    student_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (class_id, student_id)
);
CREATE INDEX ix_class_enrolments_student ON class_enrolments (student_id);

--changeset spark:007-global-board-name
--comment: a student may hide their name on the global boards (they still count; others see "a learner")
ALTER TABLE profiles ADD COLUMN hide_name_on_global_boards boolean NOT NULL DEFAULT false;

--changeset spark:007-ranked-profiles splitStatements:false
--comment: only active students are ranked (not staff who also hold the student role). The guide's index predicate (a sub-select on users) is not allowed in PostgreSQL, so triggers keep profiles.ranked in step with users.is_active and the STUDENT role, and the leaderboard index is partial on it.
ALTER TABLE profiles ADD COLUMN ranked boolean NOT NULL DEFAULT false;
UPDATE profiles p SET ranked = u.is_active AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
      AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('TEACHER', 'SCHOOL_ADMIN', 'ADMIN'))
  FROM users u WHERE u.id = p.user_id;

CREATE FUNCTION spark_refresh_ranked(target uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE profiles p SET ranked = u.is_active AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
      AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('TEACHER', 'SCHOOL_ADMIN', 'ADMIN'))
    FROM users u WHERE u.id = target AND p.user_id = target
      AND p.ranked IS DISTINCT FROM (u.is_active AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'STUDENT')
      AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('TEACHER', 'SCHOOL_ADMIN', 'ADMIN')));
$$;

CREATE FUNCTION spark_ranked_from_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM spark_refresh_ranked(COALESCE(NEW.user_id, OLD.user_id));
  RETURN NULL;
END $$;

CREATE FUNCTION spark_ranked_from_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.is_active IS DISTINCT FROM OLD.is_active THEN
    PERFORM spark_refresh_ranked(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION spark_ranked_from_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM spark_refresh_ranked(NEW.user_id);
  RETURN NULL;
END $$;

CREATE TRIGGER trg_user_roles_ranked AFTER INSERT OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION spark_ranked_from_roles();
CREATE TRIGGER trg_users_ranked AFTER UPDATE OF is_active ON users FOR EACH ROW EXECUTE FUNCTION spark_ranked_from_users();
CREATE TRIGGER trg_profiles_ranked AFTER INSERT ON profiles FOR EACH ROW EXECUTE FUNCTION spark_ranked_from_profiles();

DROP INDEX idx_profiles_leaderboard;
CREATE INDEX idx_leaderboard_performance ON profiles (xp_points DESC, level DESC) WHERE ranked;

--changeset spark:007-xp-events-day
--comment: weekly boards sum the ledger by time across all students
CREATE INDEX ix_xp_events_created ON xp_events (created_at);
