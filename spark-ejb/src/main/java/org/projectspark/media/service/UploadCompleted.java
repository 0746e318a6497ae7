package org.projectspark.media.service;

import java.util.UUID;

/**
 * A resumable upload's last byte arrived and its file was made (and committed): what waited for the upload (an
 * offline hand-in synced before its file) can go on. Fired after the file's transaction, on the instance that made it.
 */
public record UploadCompleted(UUID uploadId, UUID ownerId, UUID fileId) {
}
