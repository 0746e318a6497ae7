package org.projectspark.progress.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.platform.persistence.OptionalUuid;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A file a student handed in for an assignment, for a teacher to grade. It names a file the server issued to the
 * student; its name, size and hash are the file's, not what a device said about it. Handing the same file in for the
 * same activity again is this hand-in again.
 */
@Entity
@Table(name = "assignment_handins")
@NamedQuery(name = Handin.OF_FILE, query = "SELECT h FROM Handin h WHERE h.fileId = :file AND h.activityId = :activity")
public class Handin {

    public static final String OF_FILE = "Handin.ofFile";

    @Id
    private UUID id;

    @Column(name = "student_id", nullable = false, updatable = false)
    private UUID studentId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private UUID activityId;

    /** The file's id as text (hand-ins recorded before files were issued by the server hold the device's reference). */
    @Column(name = "file_ref", nullable = false, updatable = false)
    private String fileRef;

    @Column(name = "file_id", updatable = false)
    @Convert(converter = OptionalUuid.class)
    private UUID fileId;

    @Column(name = "file_name", updatable = false)
    private String fileName;

    @Column(name = "size_bytes", updatable = false)
    private Long sizeBytes;

    @Column(updatable = false)
    private String sha256;

    @Column(name = "handed_in_at", nullable = false, updatable = false)
    private OffsetDateTime handedInAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    protected Handin() {
    }

    /**
     * @param id the hand-in's id (an offline event's id, so the device knows it before it syncs)
     * @param at when the student handed it in (an offline one at its device time)
     */
    public Handin(UUID id, UUID studentId, Activity assignment, StoredFile file, OffsetDateTime at) {
        this.id = id;
        this.studentId = studentId;
        this.activityId = assignment.id();
        this.fileId = file.id();
        this.fileRef = file.id().toString();
        this.fileName = file.displayName();
        this.sizeBytes = file.sizeBytes();
        this.sha256 = file.hash().hex();
        this.handedInAt = at;
        this.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public UUID studentId() { return studentId; }
    public UUID activityId() { return activityId; }
    public Optional<UUID> fileId() { return Optional.ofNullable(fileId); }
    public String fileName() { return fileName; }
    public Long sizeBytes() { return sizeBytes; }
    public OffsetDateTime handedInAt() { return handedInAt; }
}
