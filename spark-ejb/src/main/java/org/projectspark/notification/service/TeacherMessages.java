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
import org.projectspark.school.service.AccessChecks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A teacher's message to a class they teach, or to one student of it. The message id makes a resend (a teacher's
 * app retrying on a dropped link) a no-op: each student gets one notification per message id.
 */
@Stateless
public class TeacherMessages {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @EJB
    Inbox inbox;

    /** What was sent: the message id and how many students it reached this time (0 for a resend). */
    public record Sent(UUID messageId, int recipients, int delivered) {
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
        List<Notice> notices = students.stream()
                .map(s -> Notice.of(s, NotificationKind.TEACHER_MESSAGE, "message:" + teacherId + "/" + messageId, data, from, text)).toList();
        return new Sent(messageId, students.size(), inbox.raise(notices).size());
    }
}
