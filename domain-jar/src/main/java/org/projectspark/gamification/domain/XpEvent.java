package org.projectspark.gamification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One line of the XP ledger: who earned how many points, why, and for what. Never updated or deleted; when
 * an admin changes the rules, a {@value #RULES_ADJUSTMENT} line moves the total to what the new rules give, and when a
 * teacher's grade changes what an assignment is worth, an {@value #ASSIGNMENT_GRADE} line moves it by the difference.
 */
@Entity
@Table(name = "xp_events")
@IdClass(XpEvent.Key.class)
@NamedQuery(name = XpEvent.REASONS_FOR_SOURCE,
        query = "SELECT e.reason FROM XpEvent e WHERE e.studentId = :student AND e.sourceId = :source")
@NamedQuery(name = XpEvent.SUM_SINCE,
        query = "SELECT COALESCE(SUM(e.points), 0) FROM XpEvent e WHERE e.studentId = :student AND e.createdAt >= :since"
                + " AND e.createdAt < :until AND e.reason <> '" + XpEvent.RULES_ADJUSTMENT + "' AND e.reason <> '" + XpEvent.ASSIGNMENT_GRADE + "'")
@NamedQuery(name = XpEvent.OF_SOURCES_OR_BETWEEN,
        query = "SELECT e FROM XpEvent e WHERE e.studentId = :student AND (e.sourceId IN :sources"
                + " OR (e.createdAt >= :since AND e.createdAt < :until))")
@NamedQuery(name = XpEvent.SUM, query = "SELECT COALESCE(SUM(e.points), 0) FROM XpEvent e WHERE e.studentId = :student")
public class XpEvent {

    public static final String REASONS_FOR_SOURCE = "XpEvent.reasonsForSource";
    public static final String SUM_SINCE = "XpEvent.sumSince";
    public static final String SUM = "XpEvent.sum";
    /** The lines of some sources and those made in a span of time: what rewarding a batch of learning reads at once. */
    public static final String OF_SOURCES_OR_BETWEEN = "XpEvent.ofSourcesOrBetween";
    /** The reason of a correction after a rules change (source: the recompute run); it counts toward no day's cap. */
    public static final String RULES_ADJUSTMENT = "RULES_ADJUSTMENT";
    /**
     * The reason of a change in what a student's graded assignments are worth (source: the grading, per hand-in and
     * revision; negative after a lower regrade). It counts toward no day's cap: the grade is the teacher's act, given on
     * the teacher's day, and the cap bounds what a student's own learning earns in a day.
     */
    public static final String ASSIGNMENT_GRADE = "ASSIGNMENT_GRADE";

    // the ledger's own key (student, reason, source) is unique: writing a line needs no generated id back
    @Id
    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(nullable = false, updatable = false)
    private int points;

    @Id
    @Column(nullable = false, updatable = false, length = 32)
    private String reason;

    @Id
    @Column(name = "source_id", nullable = false, updatable = false)
    private UUID sourceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected XpEvent() {
    }

    public XpEvent(UUID studentId, int points, String reason, UUID sourceId, OffsetDateTime createdAt) {
        this.studentId = studentId;
        this.points = points;
        this.reason = reason;
        this.sourceId = sourceId;
        this.createdAt = createdAt;
    }

    public int points() { return points; }
    public String reason() { return reason; }
    public UUID sourceId() { return sourceId; }
    public OffsetDateTime createdAt() { return createdAt; }

    /** Whether the line counts toward its day's cap (as {@link #SUM_SINCE} counts): every line but rules adjustments and grades. */
    public boolean countsTowardDailyCap() {
        return !RULES_ADJUSTMENT.equals(reason) && !ASSIGNMENT_GRADE.equals(reason);
    }

    /** Primary key as JPA sees it: student, reason, source (unique in the table; its own id column is the database's). */
    public static class Key implements java.io.Serializable {
        private UUID studentId;
        private String reason;
        private UUID sourceId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(studentId, k.studentId) && java.util.Objects.equals(reason, k.reason)
                    && java.util.Objects.equals(sourceId, k.sourceId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(studentId, reason, sourceId);
        }
    }
}
