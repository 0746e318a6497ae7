package org.projectspark.school.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.projectspark.platform.persistence.OptionalUuid;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A course a class is to work through, by when (if the teacher set a due date). */
@Entity
@Table(name = "class_courses")
@IdClass(CourseAssignment.Key.class)
@NamedQuery(name = CourseAssignment.OF_CLASS,
        query = "SELECT a FROM CourseAssignment a WHERE a.classId = :class ORDER BY a.dueAt, a.assignedAt")
@NamedQuery(name = CourseAssignment.COUNT_IN_CLASSES,
        query = "SELECT COUNT(a) FROM CourseAssignment a WHERE a.classId IN :classes AND a.courseId = :course")
public class CourseAssignment {

    public static final String OF_CLASS = "CourseAssignment.ofClass";
    /** How many of some classes have a course: whether its work is theirs to see. */
    public static final String COUNT_IN_CLASSES = "CourseAssignment.countInClasses";

    @Id
    @Column(name = "class_id")
    private UUID classId;

    @Id
    @Column(name = "course_id")
    private UUID courseId;

    @Column(name = "assigned_at", nullable = false)
    private OffsetDateTime assignedAt;

    @Column(name = "assigned_by")
    @Convert(converter = OptionalUuid.class)
    private UUID assignedBy;

    @Column(name = "due_at")
    private OffsetDateTime dueAt;

    protected CourseAssignment() {
    }

    public CourseAssignment(UUID classId, UUID courseId, UUID assignedBy, OffsetDateTime dueAt) {
        this.classId = classId;
        this.courseId = courseId;
        this.assignedBy = assignedBy;
        this.assignedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.dueAt = utc(dueAt);
    }

    /** A teacher moves the due date (or removes it) without re-assigning the course. */
    public void dueBy(OffsetDateTime dueAt) {
        this.dueAt = utc(dueAt);
    }

    /** Stored and shown in UTC, as every other time of the API. */
    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public UUID classId() { return classId; }
    public UUID courseId() { return courseId; }
    public OffsetDateTime assignedAt() { return assignedAt; }
    public Optional<UUID> assignedBy() { return Optional.ofNullable(assignedBy); }
    public Optional<OffsetDateTime> dueAt() { return Optional.ofNullable(dueAt); }

    /** Primary key: class, course. */
    public static class Key implements Serializable {
        private UUID classId;
        private UUID courseId;

        public Key() {
        }

        public Key(UUID classId, UUID courseId) {
            this.classId = classId;
            this.courseId = courseId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(classId, k.classId) && Objects.equals(courseId, k.courseId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classId, courseId);
        }
    }
}
