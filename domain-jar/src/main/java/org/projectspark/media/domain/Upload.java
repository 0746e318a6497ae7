package org.projectspark.media.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.GoneException;
import org.projectspark.platform.persistence.OptionalUuid;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A resumable upload (tus 1.0): the length announced at creation and the offset up to which the server holds the
 * bytes, in parts kept in the shared storage. The offset only moves forward, by a part appended at exactly the offset
 * the client saw; an upload left alone past its expiry is gone. Complete, it becomes a {@link StoredFile}.
 */
@Entity
@Table(name = "file_uploads")
@NamedQueries({
        @NamedQuery(name = Upload.ADVANCE,
                query = "UPDATE Upload u SET u.offsetBytes = :to, u.expiresAt = :expires WHERE u.id = :id AND u.offsetBytes = :from"),
        @NamedQuery(name = Upload.PARTS,
                query = "SELECT p FROM UploadPart p WHERE p.uploadId = :upload ORDER BY p.offsetBytes"),
        @NamedQuery(name = Upload.EXPIRED,
                query = "SELECT u FROM Upload u WHERE u.fileId IS NULL AND u.expiresAt < :now ORDER BY u.expiresAt"),
        @NamedQuery(name = Upload.FORGET_FINISHED,
                query = "DELETE FROM Upload u WHERE u.fileId IS NOT NULL AND u.expiresAt < :before")
})
public class Upload {

    public static final String ADVANCE = "Upload.advance";
    public static final String PARTS = "Upload.parts";
    public static final String EXPIRED = "Upload.expired";
    public static final String FORGET_FINISHED = "Upload.forgetFinished";

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private UUID ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private FilePurpose purpose;

    @Column(name = "display_name", nullable = false, updatable = false)
    private String displayName;

    @Column(name = "length_bytes", nullable = false, updatable = false)
    private long lengthBytes;

    @Column(name = "offset_bytes", nullable = false)
    private long offsetBytes;

    @Column(name = "file_id")
    @Convert(converter = OptionalUuid.class)
    private UUID fileId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected Upload() {
    }

    public Upload(UUID ownerId, FilePurpose purpose, String displayName, long lengthBytes, Duration expiry) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.purpose = purpose;
        this.displayName = displayName;
        this.lengthBytes = lengthBytes;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.expiresAt = createdAt.plus(expiry);
    }

    public UUID id() { return id; }
    public UUID ownerId() { return ownerId; }
    public FilePurpose purpose() { return purpose; }
    public String displayName() { return displayName; }
    public long lengthBytes() { return lengthBytes; }
    public long offsetBytes() { return offsetBytes; }
    public OffsetDateTime expiresAt() { return expiresAt; }
    public Optional<UUID> fileId() { return Optional.ofNullable(fileId); }

    public boolean isComplete() {
        return offsetBytes == lengthBytes;
    }

    public long remaining() {
        return lengthBytes - offsetBytes;
    }

    public boolean isExpired(OffsetDateTime now) {
        return fileId == null && now.isAfter(expiresAt);
    }

    /** Where the storage keeps this upload's parts (deleted with them once the file is made, or the upload expired). */
    public String partsPrefix() {
        return "partial/" + id + "/";
    }

    /**
     * Checks that bytes sent at {@code clientOffset} may be appended now: the upload is live, not finished, and the
     * client saw the offset the server holds (tus: 409 otherwise, and the client asks for the offset again).
     */
    public void checkAppendAt(long clientOffset, OffsetDateTime now) {
        if (isExpired(now)) {
            throw new GoneException("This upload expired at " + expiresAt + "; start a new one");
        }
        if (fileId != null) {
            throw new ConflictException("This upload is complete: its file is " + fileId);
        }
        if (isComplete()) {
            throw new ConflictException("Every byte of this upload arrived; send an empty PATCH at Upload-Offset " + lengthBytes + " to make its file");
        }
        if (clientOffset != offsetBytes) {
            throw new ConflictException("Upload-Offset is " + clientOffset + " but the server holds " + offsetBytes
                    + " bytes of this upload; ask with HEAD and send from there");
        }
    }

    public void completedAs(UUID file) {
        this.fileId = file;
    }
}
