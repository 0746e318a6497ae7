package org.projectspark.media.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Bytes of an {@link Upload} from {@code offset} on, kept in the storage under {@code key} (written before this row). */
@Entity
@Table(name = "file_upload_parts")
@IdClass(UploadPart.Key.class)
public class UploadPart {

    @Id
    @Column(name = "upload_id")
    private UUID uploadId;

    @Id
    @Column(name = "offset_bytes")
    private long offsetBytes;

    @Column(name = "length_bytes", nullable = false)
    private long lengthBytes;

    @Column(name = "part_key", nullable = false)
    private String partKey;

    protected UploadPart() {
    }

    public UploadPart(UUID uploadId, long offsetBytes, long lengthBytes, String partKey) {
        this.uploadId = uploadId;
        this.offsetBytes = offsetBytes;
        this.lengthBytes = lengthBytes;
        this.partKey = partKey;
    }

    public long offsetBytes() { return offsetBytes; }
    public long lengthBytes() { return lengthBytes; }
    public String partKey() { return partKey; }

    public static class Key implements Serializable {
        private UUID uploadId;
        private long offsetBytes;

        public Key() {
        }

        public Key(UUID uploadId, long offsetBytes) {
            this.uploadId = uploadId;
            this.offsetBytes = offsetBytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(uploadId, k.uploadId) && offsetBytes == k.offsetBytes;
        }

        @Override
        public int hashCode() {
            return Objects.hash(uploadId, offsetBytes);
        }
    }
}
