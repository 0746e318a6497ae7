package org.projectspark.assignment.service;

import org.projectspark.platform.persistence.SqlValues;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A hand-in as teachers and its student read it: whose, the file (the server's file id when the hand-in names an
 * uploaded file of its student's, with that file's name, size and type; else what the device said), when, whether it
 * is the student's newest for the assignment, and its grade if it has one.
 */
public record HandInRecord(UUID handInId, UUID studentId, String displayName, UUID activityId, String fileRef, Optional<UUID> fileId,
                           String fileName, Long sizeBytes, String mediaType, OffsetDateTime handedInAt, boolean latest,
                           Optional<GradeRecord> grade) {

    /** A grade as shown: score, feedback, who gave it (and their name) and when, and how often it changed. */
    public record GradeRecord(int score, String feedback, UUID gradedBy, String gradedByName, OffsetDateTime firstGradedAt,
                              OffsetDateTime gradedAt, int revision) {
    }

    /**
     * The columns every read of hand-ins selects, in {@link #of}'s order; {@code h} the hand-in, {@code p} its student's
     * profile, joined to the file, the grade and the grader's profile.
     */
    static final String COLUMNS = "CAST(h.id AS text), CAST(h.student_id AS text), p.display_name, CAST(h.activity_id AS text), h.file_ref,"
            + " CAST(f.id AS text), COALESCE(f.display_name, h.file_name), COALESCE(f.size_bytes, h.size_bytes), f.media_type, h.handed_in_at,"
            + " row_number() OVER (PARTITION BY h.student_id, h.activity_id ORDER BY h.handed_in_at DESC, h.received_at DESC, h.id) = 1,"
            + " g.score, g.feedback, CAST(g.graded_by AS text), gp.display_name, g.first_graded_at, g.graded_at, g.revision";
    /**
     * The hand-in's file: the one the server issued ({@code file_id}); a hand-in recorded before files were issued
     * names one by its device's reference, shown only when that is a file the student uploaded.
     */
    static final String JOINS = " JOIN profiles p ON p.user_id = h.student_id"
            + " LEFT JOIN files f ON f.owner_id = h.student_id AND f.id = COALESCE(h.file_id,"
            + " CASE WHEN h.file_ref ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN CAST(h.file_ref AS uuid) END)"
            + " LEFT JOIN assignment_grades g ON g.handin_id = h.id LEFT JOIN profiles gp ON gp.user_id = g.graded_by";

    static HandInRecord of(Object[] row) {
        Optional<GradeRecord> grade = row[11] == null ? Optional.empty() : Optional.of(new GradeRecord(((Number) row[11]).intValue(),
                (String) row[12], row[13] == null ? null : UUID.fromString((String) row[13]), (String) row[14], SqlValues.instant(row[15]),
                SqlValues.instant(row[16]), ((Number) row[17]).intValue()));
        return new HandInRecord(UUID.fromString((String) row[0]), UUID.fromString((String) row[1]), (String) row[2],
                UUID.fromString((String) row[3]), (String) row[4], Optional.ofNullable((String) row[5]).map(UUID::fromString), (String) row[6],
                row[7] == null ? null : ((Number) row[7]).longValue(), (String) row[8], SqlValues.instant(row[9]), (Boolean) row[10], grade);
    }
}
