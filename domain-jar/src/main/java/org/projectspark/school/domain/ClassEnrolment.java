package org.projectspark.school.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A student in a class, since when. */
@Entity
@Table(name = "class_enrolments")
@IdClass(ClassEnrolment.Key.class)
@NamedQuery(name = ClassEnrolment.CLASS_IDS_OF_STUDENT, query = "SELECT e.classId FROM ClassEnrolment e WHERE e.studentId = :student")
@NamedQuery(name = ClassEnrolment.STUDENT_IDS_OF_CLASS, query = "SELECT e.studentId FROM ClassEnrolment e WHERE e.classId = :class")
public class ClassEnrolment {

    public static final String CLASS_IDS_OF_STUDENT = "ClassEnrolment.classIdsOfStudent";
    public static final String STUDENT_IDS_OF_CLASS = "ClassEnrolment.studentIdsOfClass";

    @Id
    @Column(name = "class_id")
    private UUID classId;

    @Id
    @Column(name = "student_id")
    private UUID studentId;

    @Column(name = "enrolled_at", nullable = false)
    private OffsetDateTime enrolledAt;

    protected ClassEnrolment() {
    }

    public ClassEnrolment(UUID classId, UUID studentId) {
        this.classId = classId;
        this.studentId = studentId;
        this.enrolledAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID classId() { return classId; }
    public UUID studentId() { return studentId; }
    public OffsetDateTime enrolledAt() { return enrolledAt; }

    /** Primary key: class, student. */
    public static class Key implements Serializable {
        private UUID classId;
        private UUID studentId;

        public Key() {
        }

        public Key(UUID classId, UUID studentId) {
            this.classId = classId;
            this.studentId = studentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(classId, k.classId) && Objects.equals(studentId, k.studentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classId, studentId);
        }
    }
}
