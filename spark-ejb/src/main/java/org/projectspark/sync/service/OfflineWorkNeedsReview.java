package org.projectspark.sync.service;

import java.util.UUID;

/**
 * An upload (receipt {@code receiptId}) had events refused for good, or applied but flagged for a teacher's review;
 * fired after it, outside its transactions. Events answered as duplicates do not count, so a replayed batch does not
 * fire it again.
 */
public record OfflineWorkNeedsReview(UUID studentId, UUID receiptId, int rejected, int flagged) {
}
