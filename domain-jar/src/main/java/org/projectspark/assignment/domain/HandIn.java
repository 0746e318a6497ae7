package org.projectspark.assignment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A file a student handed in for an assignment activity (written by offline sync's {@code ASSIGNMENT_FILE} event; its
 * id is the event's). Never changed: a student who hands in again makes another, and the teacher grades each.
 */
@Entity
@Table(name = "assignment_handins")
public class HandIn {

    @Id
    private UUID id;

    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    @Column(name = "handed_in_at", nullable = false, updatable = false)
    private OffsetDateTime handedInAt;

    protected HandIn() {
    }

    public UUID id() { return id; }
    public UUID studentId() { return studentId; }
    public UUID activityId() { return activityId; }
    public OffsetDateTime handedInAt() { return handedInAt; }
}
