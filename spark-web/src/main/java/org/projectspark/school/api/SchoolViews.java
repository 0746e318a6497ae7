package org.projectspark.school.api;

import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;

import java.util.List;

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
}
