package org.projectspark.school.api;

import org.projectspark.school.domain.CourseAssignment;
import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;

import org.projectspark.school.service.RosterOutcome;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** Schools and classes as the API shows them. The join code only to those who teach the class. */
public final class SchoolViews {

    private SchoolViews() {
    }

    public record SchoolView(String id, String name, String timeZone, String defaultLocale) {
        static SchoolView of(School s) {
            return new SchoolView(s.id().toString(), s.name(), s.zone().getId(), s.defaultLocale());
        }
    }

    public record ClassView(String id, String schoolId, String name, String grade, String subject, String joinCode,
                            List<String> teacherIds) {
        static ClassView of(SchoolClass c, boolean teaches) {
            return new ClassView(c.id().toString(), c.schoolId().toString(), c.name(), c.grade().orElse(null),
                    c.subject().orElse(null), teaches ? c.joinCode() : null,
                    c.teachers().stream().map(Object::toString).sorted().toList());
        }
    }

    public record AssignmentView(String classId, String courseId, OffsetDateTime assignedAt, OffsetDateTime dueAt) {
        static AssignmentView of(CourseAssignment a) {
            return new AssignmentView(a.classId().toString(), a.courseId().toString(), a.assignedAt(), a.dueAt().orElse(null));
        }
    }

    /** Every roster line's outcome, with counts. */
    public record RosterReport(int lines, int created, int enrolled, int alreadyEnrolled, int failed, List<RosterLine> results) {
        static RosterReport of(List<RosterOutcome> outcomes) {
            Map<RosterOutcome.Result, Long> counts = outcomes.stream().collect(Collectors.groupingBy(RosterOutcome::result, Collectors.counting()));
            ToIntFunction<RosterOutcome.Result> n = r -> counts.getOrDefault(r, 0L).intValue();
            return new RosterReport(outcomes.size(), n.applyAsInt(RosterOutcome.Result.CREATED), n.applyAsInt(RosterOutcome.Result.ENROLLED),
                    n.applyAsInt(RosterOutcome.Result.ALREADY_ENROLLED), n.applyAsInt(RosterOutcome.Result.FAILED),
                    outcomes.stream().map(RosterLine::of).toList());
        }
    }

    public record RosterLine(int line, String username, String result, String reason, String studentId, String temporaryPassword) {
        static RosterLine of(RosterOutcome o) {
            return new RosterLine(o.line(), o.username(), o.result().name(), o.reason(), o.studentId() == null ? null : o.studentId().toString(),
                    o.temporaryPassword());
        }
    }
}
