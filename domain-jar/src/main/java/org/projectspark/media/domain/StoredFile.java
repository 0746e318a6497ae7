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
import org.projectspark.platform.persistence.OptionalUuid;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A file someone uploaded: the server's id, whose it is, what it is for, and the content it names by hash. Several
 * files may name one content (the same photo sent twice, by one student or by two), which is stored once.
 */
@Entity
@Table(name = "files")
@NamedQueries({
        @NamedQuery(name = StoredFile.SAME_CONTENT,
                query = "SELECT f FROM StoredFile f WHERE f.ownerId = :owner AND f.contentHash = :hash AND f.purpose = :purpose ORDER BY f.createdAt"),
        @NamedQuery(name = StoredFile.BYTES_OF_OWNER,
                query = "SELECT COALESCE(SUM(f.sizeBytes), 0) FROM StoredFile f WHERE f.ownerId = :owner AND f.purpose = :purpose"),
        @NamedQuery(name = StoredFile.BYTES_OF_SCHOOL,
                query = "SELECT COALESCE(SUM(f.sizeBytes), 0) FROM StoredFile f WHERE f.schoolId = :school"),
        @NamedQuery(name = StoredFile.FILES_OF_CONTENT,
                query = "SELECT COUNT(f) FROM StoredFile f WHERE f.contentHash = :hash")
})
public class StoredFile {

    public static final String SAME_CONTENT = "StoredFile.sameContent";
    public static final String BYTES_OF_OWNER = "StoredFile.bytesOfOwner";
    public static final String BYTES_OF_SCHOOL = "StoredFile.bytesOfSchool";
    public static final String FILES_OF_CONTENT = "StoredFile.filesOfContent";

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private UUID ownerId;

    @Column(name = "school_id", updatable = false)
    @Convert(converter = OptionalUuid.class)
    private UUID schoolId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private FilePurpose purpose;

    @Column(name = "content_hash", nullable = false, updatable = false)
    private String contentHash;

    @Column(name = "display_name", nullable = false, updatable = false)
    private String displayName;

    @Column(name = "media_type", nullable = false, updatable = false)
    private String mediaType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected StoredFile() {
    }

    public StoredFile(UUID ownerId, UUID schoolId, FilePurpose purpose, ContentHash hash, String displayName, String mediaType, long sizeBytes) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.schoolId = schoolId;
        this.purpose = purpose;
        this.contentHash = hash.hex();
        this.displayName = displayName;
        this.mediaType = mediaType;
        this.sizeBytes = sizeBytes;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public UUID ownerId() { return ownerId; }
    public Optional<UUID> schoolId() { return Optional.ofNullable(schoolId); }
    public FilePurpose purpose() { return purpose; }
    public ContentHash hash() { return new ContentHash(contentHash); }
    public String displayName() { return displayName; }
    public String mediaType() { return mediaType; }
    public long sizeBytes() { return sizeBytes; }
    public OffsetDateTime createdAt() { return createdAt; }

    public boolean isPublic() {
        return purpose.isPublic();
    }

    public boolean isOwnedBy(UUID userId) {
        return ownerId.equals(userId);
    }

    public String storageKey() {
        return hash().storageKey();
    }
}
