--liquibase formatted sql

--changeset spark:011-sync-devices
--comment: a device a student syncs from (phones and shared tablets; one row per student and device)
CREATE TABLE sync_devices (
    user_id         uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id       varchar(64)  NOT NULL,
    label           varchar(100),
    registered_at   timestamptz  NOT NULL DEFAULT now(),
    last_synced_at  timestamptz,
    last_receipt_id uuid,
    held_through    bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, device_id)
);

--changeset spark:011-sync-events
--comment: every event a device uploaded, once: the primary key on the client's event id is what makes upload exactly-once
CREATE TABLE sync_events (
    id          uuid         PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id   varchar(64)  NOT NULL,
    sequence    bigint       NOT NULL CHECK (sequence >= 0),
    type        varchar(32)  NOT NULL,
    device_time timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL,
    receipt_id  uuid         NOT NULL,
    outcome     varchar(16)  NOT NULL CHECK (outcome IN ('APPLIED', 'REJECTED')),
    reason      text,
    flags       varchar(100),
    review      varchar(16)  CHECK (review IN ('PENDING', 'ACCEPTED', 'DISMISSED')),
    reviewed_by uuid         REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at timestamptz,
    result      text,
    payload     text
);
CREATE INDEX ix_sync_events_device ON sync_events (user_id, device_id, sequence);
CREATE INDEX ix_sync_events_receipt ON sync_events (receipt_id);
CREATE INDEX ix_sync_events_attention ON sync_events (user_id, received_at DESC) WHERE review = 'PENDING' OR outcome = 'REJECTED';

--changeset spark:011-sync-logs-receipts
--comment: a sync session's receipt says where it came from (the API or a bundle on a USB stick) and which instance ran it
ALTER TABLE sync_logs ADD COLUMN source varchar(16) NOT NULL DEFAULT 'API' CHECK (source IN ('API', 'BUNDLE'));
ALTER TABLE sync_logs ADD COLUMN events_received integer NOT NULL DEFAULT 0;
ALTER TABLE sync_logs ADD COLUMN instance varchar(200);

--changeset spark:011-badges-seen
--comment: when the student first saw a badge (a BADGE_SEEN event), so no device shows it as new again
ALTER TABLE student_badges ADD COLUMN seen_at timestamptz;

--changeset spark:011-assignment-handins
--comment: a file handed in for an assignment activity; a teacher grades it later
CREATE TABLE assignment_handins (
    id           uuid          PRIMARY KEY,
    student_id   uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id  uuid          NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_ref     varchar(512)  NOT NULL,
    file_name    varchar(255),
    size_bytes   bigint        CHECK (size_bytes >= 0),
    sha256       char(64),
    handed_in_at timestamptz   NOT NULL,
    received_at  timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX ix_assignment_handins_student ON assignment_handins (student_id, activity_id);

--changeset spark:011-sync-bundles
--comment: class bundles exported for schools with no connection; an import bundle is signed with its export's key
CREATE TABLE sync_bundles (
    id          uuid         PRIMARY KEY,
    class_id    uuid         NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    exported_by uuid         REFERENCES users (id) ON DELETE SET NULL,
    exported_at timestamptz  NOT NULL DEFAULT now(),
    imports     integer      NOT NULL DEFAULT 0,
    last_import_at timestamptz
);
CREATE INDEX ix_sync_bundles_class ON sync_bundles (class_id, exported_at DESC);

--changeset spark:011-sync-changes splitStatements:false
--comment: what changed for whom, written by triggers so that no write path can forget it. A reader's cursor is a
--comment: transaction-id watermark: every transaction it could not see yet has an id at or above the watermark.
CREATE TABLE sync_changes (
    seq        bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid       xid8         NOT NULL DEFAULT pg_current_xact_id(),
    scope_id   uuid         NOT NULL,
    entity     varchar(16)  NOT NULL,
    entity_key varchar(80)  NOT NULL,
    changed_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX ix_sync_changes_scope ON sync_changes (scope_id, seq);
CREATE INDEX ix_sync_changes_changed ON sync_changes (changed_at);

CREATE FUNCTION spark_sync_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF TG_TABLE_NAME = 'student_progress' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.student_id, 'progress', r.activity_id::text);
    ELSIF TG_TABLE_NAME = 'profiles' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.user_id, 'profile', r.user_id::text);
    ELSIF TG_TABLE_NAME = 'streaks' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.student_id, 'profile', r.student_id::text);
    ELSIF TG_TABLE_NAME = 'student_badges' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.student_id, 'badge', r.badge || '/' || r.scope_id);
    ELSIF TG_TABLE_NAME = 'submissions' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.student_id, 'submission', r.id::text);
    ELSIF TG_TABLE_NAME = 'user_notifications' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.user_id, 'notification', r.id::text);
    ELSIF TG_TABLE_NAME = 'class_enrolments' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.student_id, 'class', r.class_id::text);
    ELSIF TG_TABLE_NAME = 'classes' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.id, 'class', r.id::text);
    ELSIF TG_TABLE_NAME = 'class_courses' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.class_id, 'class', r.class_id::text);
    ELSIF TG_TABLE_NAME = 'courses' THEN
        INSERT INTO sync_changes (scope_id, entity, entity_key) VALUES (r.id, 'course', r.id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sync_change_progress AFTER INSERT OR UPDATE ON student_progress
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_profile AFTER UPDATE ON profiles
    FOR EACH ROW WHEN (OLD.xp_points IS DISTINCT FROM NEW.xp_points OR OLD.level IS DISTINCT FROM NEW.level
                       OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.locale IS DISTINCT FROM NEW.locale
                       OR OLD.time_zone IS DISTINCT FROM NEW.time_zone)
    EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_streak AFTER INSERT OR UPDATE ON streaks
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_badge AFTER INSERT OR UPDATE ON student_badges
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_submission AFTER INSERT ON submissions
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_notification AFTER INSERT OR UPDATE OR DELETE ON user_notifications
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_enrolment AFTER INSERT OR DELETE ON class_enrolments
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_class AFTER UPDATE ON classes
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_class_course AFTER INSERT OR UPDATE OR DELETE ON class_courses
    FOR EACH ROW EXECUTE FUNCTION spark_sync_change();
CREATE TRIGGER sync_change_course AFTER UPDATE ON courses
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.content_version IS DISTINCT FROM NEW.content_version)
    EXECUTE FUNCTION spark_sync_change();

--changeset spark:011-learning-days
--comment: each day a student learned, in their zone: offline days arrive out of order, and the streak is counted
--comment: again from these when an earlier day arrives late. Seeded with each student's current run of days.
CREATE TABLE learning_days (
    student_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day        date NOT NULL,
    PRIMARY KEY (student_id, day)
);
INSERT INTO learning_days (student_id, day)
SELECT s.student_id, d::date
  FROM streaks s, generate_series(s.last_active_on - (GREATEST(s.current_days, 1) - 1), s.last_active_on, interval '1 day') d
 WHERE s.last_active_on IS NOT NULL AND d::date IS DISTINCT FROM s.grace_used_on
ON CONFLICT DO NOTHING;

--changeset spark:011-sync-changes-by-transaction
--comment: a delta round reads a scope's changes from a transaction watermark: by (scope, txid) it reads only those,
--comment: not the scope's whole 90 days of history
DROP INDEX ix_sync_changes_scope;
CREATE INDEX ix_sync_changes_scope_txid ON sync_changes (scope_id, txid, seq);
