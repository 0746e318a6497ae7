package org.projectspark.media.service;

import jakarta.persistence.EntityManager;
import org.projectspark.media.domain.ContentHash;

/**
 * Serializes, per content hash, recording a new file of a content with deleting that content once no file names it
 * (held to the end of the transaction). Without it an upload finding the content already stored could record its
 * file just after the cleanup deleted the bytes.
 */
final class ContentLock {

    private ContentLock() {
    }

    static void hold(EntityManager em, ContentHash hash) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('spark:content'), hashtext(?1))) lock")
                .setParameter(1, hash.hex()).getSingleResult();
    }
}
