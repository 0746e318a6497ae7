--liquibase formatted sql

--changeset spark:013-progress-credited-at
--comment: when a finish of an activity first counted for XP (a reading, video or audio finished, a quiz passed). An
--comment: offline finish flagged as implausible (the device's clock) completes the activity but earns nothing until a
--comment: teacher accepts it: XP replayed under new rules starts from this, not from completed_at, and the first finish
--comment: that counts checks the lesson's and course's badges. Existing completions: credited when they completed,
--comment: unless a flagged finish of the activity still waits for review or was dismissed; then, for a reading, video or
--comment: audio, when the ledger's completion award was earned (by a plausible finish), if it was.
ALTER TABLE student_progress ADD COLUMN credited_at timestamptz;
UPDATE student_progress p
   SET credited_at = CASE
       WHEN NOT EXISTS (SELECT 1 FROM sync_events e
                         WHERE e.user_id = p.student_id AND e.review IN ('PENDING', 'DISMISSED')
                           AND e.payload LIKE '%' || p.activity_id::text || '%'
                           AND (e.type = 'QUIZ_SUBMITTED' OR (e.type = 'PROGRESS' AND e.payload ~ '"percent"\s*:\s*100\M')))
       THEN p.completed_at
       WHEN a.type <> 'QUIZ'
       THEN (SELECT min(x.created_at) FROM xp_events x
              WHERE x.student_id = p.student_id AND x.source_id = p.activity_id AND x.reason = 'COMPLETION') END
  FROM activities a
 WHERE a.id = p.activity_id AND a.type IN ('READING', 'VIDEO', 'AUDIO', 'QUIZ') AND p.completed_at IS NOT NULL;
