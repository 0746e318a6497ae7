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
import org.projectspark.curriculum.domain.Course;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.CourseAssignment;
import org.projectspark.school.domain.GuardianLink;
import org.projectspark.school.domain.School;
import org.projectspark.school.domain.SchoolClass;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    @Inject
    Event<ClassTeachingChanged> teachingChanged;

    /** What {@code userId} may see and manage. */
    public SchoolAccess accessOf(UUID userId) {
        User user = Optional.ofNullable(em.find(User.class, userId)).orElseThrow(() -> new NotFoundException("No user with id " + userId));
        Set<UUID> children = user.hasRole(Role.GUARDIAN)
                ? new HashSet<>(em.createNamedQuery(GuardianLink.CHILDREN_OF, UUID.class).setParameter("guardian", userId).getResultList())
                : Set.of();
        return new SchoolAccess(user, new HashSet<>(em.createNamedQuery(ClassEnrolment.CLASS_IDS_OF_STUDENT, UUID.class)
                .setParameter("student", userId).getResultList()), children);
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

    /** A teacher of the class (or the school's admin) adds a co-teacher of the same school. */
    public SchoolClass addTeacher(UUID callerId, UUID classId, UUID teacherId) {
        SchoolClass c = classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins add teachers to it");
        User teacher = Optional.ofNullable(em.find(User.class, teacherId)).orElseThrow(() -> new NotFoundException("No user with id " + teacherId));
        if (!teacher.hasRole(Role.TEACHER)) {
            throw new InvalidRequestException("User " + teacherId + " is not a teacher");
        }
        if (teacher.profile().schoolId().filter(c.schoolId()::equals).isEmpty()) {
            throw new ConflictException("The teacher is not a member of this class's school; add them to the school first");
        }
        c.addTeacher(teacherId);
        teachingChanged.fire(new ClassTeachingChanged(teacherId, classId));
        return c;
    }

    public SchoolClass removeTeacher(UUID callerId, UUID classId, UUID teacherId) {
        SchoolClass c = classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins remove teachers from it");
        if (c.removeTeacher(teacherId)) {
            teachingChanged.fire(new ClassTeachingChanged(teacherId, classId));
        }
        return c;
    }

    /** The classes the caller teaches (all of their school's for a school admin). */
    public List<SchoolClass> classesTaughtBy(UUID callerId) {
        SchoolAccess caller = accessOf(callerId);
        if (caller.user().hasRole(Role.SCHOOL_ADMIN) && caller.user().profile().schoolId().isPresent()) {
            return em.createNamedQuery(SchoolClass.OF_SCHOOL, SchoolClass.class)
                    .setParameter("school", caller.user().profile().schoolId().get()).getResultList();
        }
        return em.createNamedQuery(SchoolClass.TAUGHT_BY, SchoolClass.class).setParameter("teacher", callerId).getResultList();
    }

    /** Assigns a published course to a class, or moves its due date when it is assigned already. */
    public CourseAssignment assignCourse(UUID callerId, UUID classId, UUID courseId, OffsetDateTime dueAt) {
        classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins assign courses to it");
        Course course = Optional.ofNullable(em.find(Course.class, courseId)).orElseThrow(() -> new NotFoundException("No course with id " + courseId));
        if (!course.isPublished()) {
            throw new ConflictException("Course " + courseId + " is not published; publish it before assigning it");
        }
        CourseAssignment assignment = em.find(CourseAssignment.class, new CourseAssignment.Key(classId, courseId));
        if (assignment == null) {
            assignment = new CourseAssignment(classId, courseId, callerId, dueAt);
            em.persist(assignment);
        } else {
            assignment.dueBy(dueAt);
        }
        return assignment;
    }

    public void unassignCourse(UUID callerId, UUID classId, UUID courseId) {
        classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins remove courses from it");
        CourseAssignment assignment = em.find(CourseAssignment.class, new CourseAssignment.Key(classId, courseId));
        if (assignment != null) {
            em.remove(assignment);
        }
    }

    /** The class's courses, for everyone who sees the class. */
    public List<CourseAssignment> assignments(UUID callerId, UUID classId) {
        schoolClass(callerId, classId);
        return em.createNamedQuery(CourseAssignment.OF_CLASS, CourseAssignment.class).setParameter("class", classId).getResultList();
    }

    /** The student's school admin (or an admin) links a guardian to the student. */
    public void linkGuardian(UUID callerId, UUID studentId, UUID guardianId) {
        User student = guardedStudent(callerId, studentId);
        User guardian = Optional.ofNullable(em.find(User.class, guardianId)).orElseThrow(() -> new NotFoundException("No user with id " + guardianId));
        if (!guardian.hasRole(Role.GUARDIAN)) {
            throw new InvalidRequestException("User " + guardianId + " is not a guardian");
        }
        if (em.find(GuardianLink.class, new GuardianLink.Key(guardianId, student.id())) == null) {
            em.persist(new GuardianLink(guardianId, student.id(), callerId));
        }
    }

    public void unlinkGuardian(UUID callerId, UUID studentId, UUID guardianId) {
        guardedStudent(callerId, studentId);
        GuardianLink link = em.find(GuardianLink.class, new GuardianLink.Key(guardianId, studentId));
        if (link != null) {
            em.remove(link);
        }
    }

    /** The guardian's children. */
    public List<User> childrenOf(UUID guardianId) {
        return em.createNamedQuery(GuardianLink.CHILDREN_OF, UUID.class).setParameter("guardian", guardianId).getResultList()
                .stream().map(id -> em.find(User.class, id)).filter(u -> u != null).toList();
    }

    /**
     * The student, if the caller may read their progress (see {@link SchoolAccess#seesStudent}). Anyone else
     * is told there is no such student: whether a user id exists is not theirs to learn.
     */
    public User studentVisibleTo(UUID callerId, UUID studentId) {
        NotFoundException hidden = new NotFoundException("No student with id " + studentId + " among the students you may see");
        User student = Optional.ofNullable(em.find(User.class, studentId)).filter(u -> u.hasRole(Role.STUDENT)).orElseThrow(() -> hidden);
        if (!accessOf(callerId).seesStudent(studentId, student.profile().schoolId(), classesOf(studentId))) {
            throw hidden;
        }
        return student;
    }

    /** The class, if the caller teaches it (or manages its school): 404 when missing, 403 when not theirs. */
    public SchoolClass classTaughtBy(UUID callerId, UUID classId, String refusal) {
        SchoolClass c = findClass(classId);
        if (!accessOf(callerId).teaches(c)) {
            throw new AccessDeniedException(refusal);
        }
        return c;
    }

    private User guardedStudent(UUID callerId, UUID studentId) {
        User student = Optional.ofNullable(em.find(User.class, studentId)).filter(u -> u.hasRole(Role.STUDENT))
                .orElseThrow(() -> new NotFoundException("No student with id " + studentId));
        SchoolAccess caller = accessOf(callerId);
        boolean schoolAdmin = student.profile().schoolId().filter(caller::managesSchool).isPresent();
        if (!caller.isAdmin() && !schoolAdmin) {
            throw new AccessDeniedException("Only an admin or the student's school admin links guardians");
        }
        return student;
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
