package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.User;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.school.domain.ClassEnrolment;
import org.projectspark.school.domain.GuardianLink;
import org.projectspark.school.service.AccessChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A teacher's message to a class they teach, or to one student of it, and a copy to each of those students'
 * guardians (who read it by email or SMS: the children's phones are often shared or offline). The message id makes
 * a resend (a teacher's app retrying on a dropped link) a no-op: each student and each guardian gets one notification
 * per message id, a guardian of two children in the class too.
 */
@Stateless
public class TeacherMessages {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @EJB
    Inbox inbox;

    /**
     * What was sent: the message id, how many students it is for, how many of them it reached this time (0 for a
     * resend) and how many guardians it reached this time.
     */
    public record Sent(UUID messageId, int recipients, int delivered, int guardians) {
    }

    public Sent send(UUID teacherId, UUID classId, Optional<UUID> studentId, UUID messageId, String text) {
        checks.classTaughtBy(teacherId, classId, "Only the class's teachers send messages to it");
        List<UUID> students = em.createNamedQuery(ClassEnrolment.STUDENT_IDS_OF_CLASS, UUID.class).setParameter("class", classId).getResultList();
        if (studentId.isPresent()) {
            if (!students.contains(studentId.get())) {
                throw new NotFoundException("No student with id " + studentId.get() + " in class " + classId);
            }
            students = List.of(studentId.get());
        }
        String from = em.find(User.class, teacherId).profile().displayName();
        NotificationData data = NotificationData.of("classId", classId.toString(), "messageId", messageId.toString(), "fromId", teacherId.toString());
        String key = "message:" + teacherId + "/" + messageId;
        List<Notice> notices = new ArrayList<>(students.stream()
                .map(s -> Notice.of(s, NotificationKind.TEACHER_MESSAGE, key, data, from, text)).toList());
        if (!students.isEmpty()) {
            for (GuardianLink link : em.createNamedQuery(GuardianLink.OF_STUDENTS, GuardianLink.class).setParameter("students", students).getResultList()) {
                String child = Optional.ofNullable(em.find(User.class, link.studentId())).map(u -> u.profile().displayName()).orElse("");
                NotificationData about = NotificationData.of("classId", classId.toString(), "messageId", messageId.toString(),
                        "fromId", teacherId.toString(), "studentId", link.studentId().toString());
                notices.add(Notice.of(link.guardianId(), NotificationKind.TEACHER_MESSAGE, key, about, from, text, child).worded("teacher-message-guardian"));
            }
        }
        Set<UUID> forStudents = Set.copyOf(students);
        List<NotificationRaised> written = inbox.raise(notices);
        int reachedStudents = (int) written.stream().filter(w -> forStudents.contains(w.userId())).count();
        return new Sent(messageId, students.size(), reachedStudents, written.size() - reachedStudents);
    }
}
