package org.projectspark.gamification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A badge a student holds, since when, and which submission earned it. */
@Entity
@Table(name = "student_badges")
@IdClass(StudentBadge.Key.class)
@NamedQuery(name = StudentBadge.OF_STUDENT, query = "SELECT b FROM StudentBadge b WHERE b.studentId = :student ORDER BY b.earnedAt, b.badge")
@NamedQuery(name = StudentBadge.OF_SUBMISSION, query = "SELECT b FROM StudentBadge b WHERE b.submissionId = :submission ORDER BY b.badge")
public class StudentBadge {

    public static final String OF_STUDENT = "StudentBadge.ofStudent";
    public static final String OF_SUBMISSION = "StudentBadge.ofSubmission";
    /** The scope of badges that are held once overall (not per course). */
    public static final UUID EVERYWHERE = new UUID(0, 0);

    @Id
    @Column(name = "student_id")
    private UUID studentId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private Badge badge;

    @Id
    @Column(name = "scope_id")
    private UUID scopeId;

    @Column(name = "earned_at", nullable = false)
    private OffsetDateTime earnedAt;

    @jakarta.persistence.Convert(converter = org.projectspark.platform.persistence.OptionalUuid.class)
    @Column(name = "submission_id")
    private UUID submissionId;

    protected StudentBadge() {
    }

    public StudentBadge(UUID studentId, Badge badge, OffsetDateTime earnedAt, UUID submissionId) {
        this(studentId, badge, EVERYWHERE, earnedAt, submissionId);
    }

    /** A badge held once per scope (a course, for {@link Badge#COURSE_COMPLETE}). */
    public StudentBadge(UUID studentId, Badge badge, UUID scopeId, OffsetDateTime earnedAt, UUID submissionId) {
        this.studentId = studentId;
        this.badge = badge;
        this.scopeId = scopeId;
        this.earnedAt = earnedAt;
        this.submissionId = submissionId;
    }

    public Badge badge() { return badge; }
    public UUID scopeId() { return scopeId; }
    public OffsetDateTime earnedAt() { return earnedAt; }
    public Optional<UUID> submissionId() { return Optional.ofNullable(submissionId); }

    /** Primary key: student, badge, scope. */
    public static class Key implements Serializable {
        private UUID studentId;
        private Badge badge;
        private UUID scopeId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(studentId, k.studentId) && badge == k.badge && Objects.equals(scopeId, k.scopeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(studentId, badge, scopeId);
        }
    }
}
