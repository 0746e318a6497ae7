package org.projectspark.school.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Schools, their members and classes, enrolment. Every method checks the caller's right first. */
@Stateless
public class SchoolService {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    Event<AccountChanged> accountChanged;

    /** What {@code userId} may see and manage. */
    public SchoolAccess accessOf(UUID userId) {
        User user = Optional.ofNullable(em.find(User.class, userId)).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        return new SchoolAccess(user, new HashSet<>(em.createNamedQuery(ClassEnrolment.CLASS_IDS_OF_STUDENT, UUID.class)
                .setParameter("student", userId).getResultList()));
    }

    public School createSchool(String name, String timeZone, String defaultLocale) {
        School school = new School(name.trim(), zone(timeZone), defaultLocale);
        em.persist(school);
        return school;
    }

    public School school(UUID callerId, UUID schoolId) {
        School school = findSchool(schoolId);
        if (!accessOf(callerId).seesSchool(schoolId)) {
            throw new AccessDeniedException("You are not a member of this school");
        }
        return school;
    }

    /** Puts a student, teacher or school admin into a school (moving them out of their previous one). */
    public void addMember(UUID callerId, UUID schoolId, UUID userId) {
        findSchool(schoolId);
        if (!accessOf(callerId).managesSchool(schoolId)) {
            throw new AccessDeniedException("Only an admin or this school's admin adds members to it");
        }
        User user = Optional.ofNullable(em.find(User.class, userId)).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        if (!user.hasRole(Role.STUDENT) && !user.hasRole(Role.TEACHER) && !user.hasRole(Role.SCHOOL_ADMIN)) {
            throw new InvalidRequestException("Only students, teachers and school admins belong to a school");
        }
        Optional<UUID> previous = user.profile().schoolId();
        if (previous.filter(schoolId::equals).isPresent()) {
            return;
        }
        previous.ifPresent(old -> em.createQuery("DELETE FROM ClassEnrolment e WHERE e.studentId = :student AND e.classId IN "
                + "(SELECT c.id FROM SchoolClass c WHERE c.schoolId = :school)").setParameter("student", userId).setParameter("school", old).executeUpdate());
        user.profile().joinSchool(schoolId);
        em.flush();
        membershipChanged.fire(new MembershipChanged(userId, previous, Optional.empty()));
        accountChanged.fire(new AccountChanged(userId));
    }

    /** A class in a school; a teacher who creates one teaches it. */
    public SchoolClass createClass(UUID callerId, UUID schoolId, String name, String grade, String subject) {
        findSchool(schoolId);
        SchoolAccess caller = accessOf(callerId);
        boolean teacherHere = caller.user().hasRole(Role.TEACHER) && caller.belongsTo(schoolId);
        if (!caller.managesSchool(schoolId) && !teacherHere) {
            throw new AccessDeniedException("Only this school's teachers and admins create its classes");
        }
        SchoolClass c = new SchoolClass(schoolId, name.trim(), grade, subject);
        if (teacherHere) {
            c.addTeacher(callerId);
        }
        em.persist(c);
        return c;
    }

    public SchoolClass schoolClass(UUID callerId, UUID classId) {
        SchoolClass c = findClass(classId);
        if (!accessOf(callerId).seesClass(c)) {
            throw new AccessDeniedException("You neither teach nor attend this class");
        }
        return c;
    }

    /** A teacher of the class (or the school's admin) enrols a student of the same school. */
    public void enrol(UUID callerId, UUID classId, UUID studentId) {
        SchoolClass c = findClass(classId);
        if (!accessOf(callerId).teaches(c)) {
            throw new AccessDeniedException("Only the class's teachers and the school's admins enrol students");
        }
        User student = Optional.ofNullable(em.find(User.class, studentId)).orElseThrow(() -> new NotFoundException("No user with id " + studentId));
        if (!student.hasRole(Role.STUDENT)) {
            throw new InvalidRequestException("User " + studentId + " is not a student");
        }
        if (student.profile().schoolId().filter(c.schoolId()::equals).isEmpty()) {
            throw new ConflictException("The student is not a member of this class's school; add them to the school first");
        }
        join(student.id(), c);
    }

    /** A student joins a class of their school (or, without a school yet, of the class's school) by its code. */
    public SchoolClass joinByCode(UUID studentId, String code) {
        SchoolClass c = em.createNamedQuery(SchoolClass.BY_JOIN_CODE, SchoolClass.class).setParameter("code", code.trim().toUpperCase())
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("No class has the join code " + code));
        User student = em.find(User.class, studentId);
        Optional<UUID> school = student.profile().schoolId();
        if (school.isPresent() && !school.get().equals(c.schoolId())) {
            throw new ConflictException("This class belongs to another school; ask your teacher to move you");
        }
        if (school.isEmpty()) {
            student.profile().joinSchool(c.schoolId());
            accountChanged.fire(new AccountChanged(studentId));
        }
        join(studentId, c);
        return c;
    }

    public void unenrol(UUID callerId, UUID classId, UUID studentId) {
        SchoolClass c = findClass(classId);
        if (!accessOf(callerId).teaches(c)) {
            throw new AccessDeniedException("Only the class's teachers and the school's admins remove students");
        }
        ClassEnrolment e = em.find(ClassEnrolment.class, new ClassEnrolment.Key(classId, studentId));
        if (e != null) {
            em.remove(e);
            em.flush();
            membershipChanged.fire(new MembershipChanged(studentId, Optional.empty(), Optional.of(classId)));
        }
    }

    public List<SchoolClass> classesOf(UUID studentId) {
        return em.createNamedQuery(SchoolClass.OF_STUDENT, SchoolClass.class).setParameter("student", studentId).getResultList();
    }

    private void join(UUID studentId, SchoolClass c) {
        if (em.find(ClassEnrolment.class, new ClassEnrolment.Key(c.id(), studentId)) == null) {
            em.persist(new ClassEnrolment(c.id(), studentId));
            em.flush();
            membershipChanged.fire(new MembershipChanged(studentId, Optional.empty(), Optional.empty()));
        }
    }

    private School findSchool(UUID id) {
        return Optional.ofNullable(em.find(School.class, id)).orElseThrow(() -> new NotFoundException("No school with id " + id));
    }

    private SchoolClass findClass(UUID id) {
        return Optional.ofNullable(em.find(SchoolClass.class, id)).orElseThrow(() -> new NotFoundException("No class with id " + id));
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidRequestException("timeZone '" + timeZone + "' is not a time zone such as Africa/Nairobi");
        }
    }
}
