--liquibase formatted sql

--changeset spark:014-sync-changes-changed-brin runInTransaction:false
--comment: the change log is appended in time order and its changed_at is read only by the daily purge (older than
--comment: 90 days): a BRIN index serves that range for a few pages, where the b-tree took an entry for every change
--comment: of every student's learning. Built before the b-tree goes, so the purge always has one; concurrently, so a
--comment: rolling deploy does not stop the writers.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_sync_changes_changed_brin ON sync_changes USING brin (changed_at);
DROP INDEX CONCURRENTLY IF EXISTS ix_sync_changes_changed;

--changeset spark:014-sync-events-no-receipt-index runInTransaction:false
--comment: nothing reads uploaded events by receipt (a receipt is its sync_logs row; a device asks for its events by
--comment: device and sequence), and every uploaded event paid a random-key b-tree entry for it
DROP INDEX CONCURRENTLY IF EXISTS ix_sync_events_receipt;
