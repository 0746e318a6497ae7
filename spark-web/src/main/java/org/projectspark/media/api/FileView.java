package org.projectspark.media.api;

import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.StoredFile;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A file as the API shows it: the server's id, the sanitized name, what the content is, where to read it. */
public record FileView(UUID id, String name, String mediaType, long size, String sha256, FilePurpose purpose, boolean isPublic,
                       OffsetDateTime createdAt, String contentUrl) {

    static FileView of(StoredFile f) {
        return new FileView(f.id(), f.displayName(), f.mediaType(), f.sizeBytes(), f.hash().hex(), f.purpose(), f.isPublic(),
                f.createdAt(), "/api/v1/files/" + f.id() + "/content");
    }
}
