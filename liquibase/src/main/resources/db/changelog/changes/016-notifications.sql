--liquibase formatted sql

--changeset spark:016-notification-details
--comment: a notification is written once per trigger (natural_key, unique per recipient: a replayed batch, a timer that runs twice or a retried transaction finds it there), in the recipient's language (locale), with the ids an app needs to open the right screen (data), numbered in the order it was written (seq: what a live client says it saw last)
ALTER TABLE user_notifications ADD COLUMN natural_key varchar(200);
UPDATE user_notifications SET natural_key = 'earlier:' || id WHERE natural_key IS NULL;
ALTER TABLE user_notifications ALTER COLUMN natural_key SET NOT NULL;
-- a row written without a trigger's key (by hand, by a support script) is its own trigger
ALTER TABLE user_notifications ALTER COLUMN natural_key SET DEFAULT ('unkeyed:' || gen_random_uuid());
ALTER TABLE user_notifications ADD COLUMN locale varchar(35) NOT NULL DEFAULT 'en';
ALTER TABLE user_notifications ADD COLUMN data jsonb NOT NULL DEFAULT '{}';
ALTER TABLE user_notifications ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX ux_user_notifications_natural_key ON user_notifications (user_id, natural_key);
CREATE INDEX ix_user_notifications_user_seq ON user_notifications (user_id, seq);
CREATE INDEX ix_user_notifications_unread ON user_notifications (user_id) WHERE NOT is_read;
DROP INDEX ix_user_notifications_user;
