package org.projectspark.school.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.projectspark.platform.http.ApiPatterns;

/** Request bodies of the school endpoints. */
public final class SchoolRequests {

    private SchoolRequests() {
    }

    /** A new school; its time zone decides when its days and weeks begin. */
    public record NewSchool(@NotBlank @Size(max = 200) String name,
                            @NotBlank @Size(max = 64) String timeZone,
                            @NotNull @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String defaultLocale) {
    }

    public record NewClass(@NotBlank @Size(max = 100) String name, @Size(max = 32) String grade, @Size(max = 64) String subject) {
    }

    /** A course for a class; {@code dueAt} (ISO-8601 with offset) may be left out. */
    public record CourseAssignment(@jakarta.validation.constraints.Future(message = "must be in the future") java.time.OffsetDateTime dueAt) {
    }

    public record JoinClass(@NotBlank @Size(max = 16) @Pattern(regexp = "[A-Za-z0-9]+", message = "is letters and digits") String joinCode) {
    }
}
