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
import java.util.UUID;

/** A guardian and one of their children: the guardian reads this student's progress, and no one else's. */
@Entity
@Table(name = "guardian_links")
@IdClass(GuardianLink.Key.class)
@NamedQuery(name = GuardianLink.CHILDREN_OF, query = "SELECT g.studentId FROM GuardianLink g WHERE g.guardianId = :guardian")
@NamedQuery(name = GuardianLink.OF_STUDENTS, query = "SELECT g FROM GuardianLink g WHERE g.studentId IN :students ORDER BY g.studentId, g.guardianId")
public class GuardianLink {

    public static final String CHILDREN_OF = "GuardianLink.childrenOf";
    public static final String OF_STUDENTS = "GuardianLink.ofStudents";

    @Id
    @Column(name = "guardian_id")
    private UUID guardianId;

    @Id
    @Column(name = "student_id")
    private UUID studentId;

    @Column(name = "linked_at", nullable = false)
    private OffsetDateTime linkedAt;

    @Column(name = "linked_by")
    @Convert(converter = OptionalUuid.class)
    private UUID linkedBy;

    protected GuardianLink() {
    }

    public GuardianLink(UUID guardianId, UUID studentId, UUID linkedBy) {
        this.guardianId = guardianId;
        this.studentId = studentId;
        this.linkedBy = linkedBy;
        this.linkedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID guardianId() { return guardianId; }
    public UUID studentId() { return studentId; }
    public OffsetDateTime linkedAt() { return linkedAt; }

    /** Primary key: guardian, student. */
    public static class Key implements Serializable {
        private UUID guardianId;
        private UUID studentId;

        public Key() {
        }

        public Key(UUID guardianId, UUID studentId) {
            this.guardianId = guardianId;
            this.studentId = studentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(guardianId, k.guardianId) && Objects.equals(studentId, k.studentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(guardianId, studentId);
        }
    }
}
