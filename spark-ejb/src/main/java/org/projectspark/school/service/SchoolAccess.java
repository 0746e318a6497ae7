package org.projectspark.school.service;

import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.school.domain.SchoolClass;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see and manage what, in the users' terms: an admin everything; a school admin their school;
 * a teacher their school and the classes they teach (and those classes' students); a student their school,
 * the classes they are in, and themselves; a guardian their children.
 */
public record SchoolAccess(User user, Set<UUID> enrolledClasses, Set<UUID> children) {

    public boolean isAdmin() {
        return user.hasRole(Role.ADMIN);
    }

    public boolean belongsTo(UUID schoolId) {
        return user.profile().schoolId().filter(schoolId::equals).isPresent();
    }

    public boolean managesSchool(UUID schoolId) {
        return isAdmin() || (user.hasRole(Role.SCHOOL_ADMIN) && belongsTo(schoolId));
    }

    public boolean seesSchool(UUID schoolId) {
        return isAdmin() || belongsTo(schoolId);
    }

    /** Teaches or manages the class: may enrol students and read the class's data. */
    public boolean teaches(SchoolClass c) {
        return managesSchool(c.schoolId()) || (user.hasRole(Role.TEACHER) && c.isTaughtBy(user.id()));
    }

    public boolean seesClass(SchoolClass c) {
        return teaches(c) || enrolledClasses.contains(c.id());
    }

    /**
     * May read this student's progress and reports.
     *
     * @param school  the student's school
     * @param classes the classes the student is in
     */
    public boolean seesStudent(UUID studentId, Optional<UUID> school, List<SchoolClass> classes) {
        return isAdmin() || user.id().equals(studentId)
                || (user.hasRole(Role.GUARDIAN) && children.contains(studentId))
                || (user.hasRole(Role.SCHOOL_ADMIN) && school.filter(this::belongsTo).isPresent())
                || (user.hasRole(Role.TEACHER) && classes.stream().anyMatch(c -> c.isTaughtBy(user.id())));
    }
}
