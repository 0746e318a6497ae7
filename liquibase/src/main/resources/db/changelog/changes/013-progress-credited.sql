--liquibase formatted sql

--changeset spark:013-progress-credited-at
--comment: when a finish of a reading, video or audio first counted for XP. A finish flagged as implausible (an offline
--comment: device's clock) completes the activity but earns nothing until a teacher accepts it, so XP replayed under new
--comment: rules must start from this, not from completed_at. Existing completions: credited when they completed, unless
--comment: a flagged finish of the activity still waits for review or was dismissed; then when the ledger's completion
--comment: award was earned (a plausible finish), if it was.
ALTER TABLE student_progress ADD COLUMN credited_at timestamptz;
UPDATE student_progress p
   SET credited_at = CASE
       WHEN NOT EXISTS (SELECT 1 FROM sync_events e
                         WHERE e.user_id = p.student_id AND e.type = 'PROGRESS' AND e.review IN ('PENDING', 'DISMISSED')
                           AND e.payload LIKE '%' || p.activity_id::text || '%' AND e.payload ~ '"percent"\s*:\s*100\M')
       THEN p.completed_at
       ELSE (SELECT min(x.created_at) FROM xp_events x
              WHERE x.student_id = p.student_id AND x.source_id = p.activity_id AND x.reason = 'COMPLETION') END
  FROM activities a
 WHERE a.id = p.activity_id AND a.type IN ('READING', 'VIDEO', 'AUDIO') AND p.completed_at IS NOT NULL;
