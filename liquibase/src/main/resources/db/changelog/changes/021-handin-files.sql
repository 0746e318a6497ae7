--liquibase formatted sql

--changeset spark:021-handin-files
--comment: a hand-in names a file the server issued to the student (files.id). No ON DELETE: a file a hand-in names is
--comment: never deleted while the hand-in stands. Handing the same file in for the same activity again is the same
--comment: hand-in (online retries, two events of one photo); the index also serves the foreign key when a file is deleted.
--comment: Hand-ins recorded before (file_ref chosen by the device) keep file_id NULL.
ALTER TABLE assignment_handins ADD COLUMN file_id uuid REFERENCES files (id);
CREATE UNIQUE INDEX ux_assignment_handins_file ON assignment_handins (file_id, activity_id) WHERE file_id IS NOT NULL;

--changeset spark:021-sync-waiting-events
--comment: an offline event held until the file it names arrives (a resumable upload still in progress): kept in
--comment: sync_events as WAITING under its id (so a retry is a duplicate), and here with what applying it needs. The row
--comment: is deleted by the transaction that applies or rejects the event. upload_id has no foreign key: an upload that
--comment: expires or is ended is forgotten by media, and the waiting event is then rejected with the reason.
ALTER TABLE sync_events DROP CONSTRAINT sync_events_outcome_check;
ALTER TABLE sync_events ADD CONSTRAINT sync_events_outcome_check CHECK (outcome IN ('APPLIED', 'WAITING', 'REJECTED')) NOT VALID;
ALTER TABLE sync_events VALIDATE CONSTRAINT sync_events_outcome_check;
ALTER TABLE sync_logs ADD COLUMN events_waiting integer NOT NULL DEFAULT 0;
CREATE TABLE sync_waiting_events (
    event_id    uuid          PRIMARY KEY REFERENCES sync_events (id) ON DELETE CASCADE,
    user_id     uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    upload_id   uuid          NOT NULL,
    activity_id uuid          NOT NULL,
    flags       varchar(100),
    since       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX ix_sync_waiting_events_upload ON sync_waiting_events (upload_id);
CREATE INDEX ix_sync_waiting_events_user ON sync_waiting_events (user_id);
