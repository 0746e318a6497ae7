package org.projectspark.school.service;

import java.util.UUID;

/**
 * What became of one roster line. {@code temporaryPassword} is set only when the server made the password
 * (the line had none): the teacher hands it to the student; it is not stored anywhere readable.
 */
public record RosterOutcome(int line, String username, Result result, String reason, UUID studentId, String temporaryPassword) {

    public enum Result { CREATED, ENROLLED, ALREADY_ENROLLED, FAILED }

    static RosterOutcome failed(RosterRow row, String reason) {
        return new RosterOutcome(row.line(), row.username(), Result.FAILED, reason, null, null);
    }
}
