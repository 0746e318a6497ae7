package org.projectspark.media.service;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountService;
import org.projectspark.media.domain.ImageVariant;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.school.service.AccessChecks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading files. Lesson media is public; its rows, which never change, are kept on each instance for a while
 * ({@link InstanceCopies}), so a class streaming one recording does not ask the database on every range it reads, and
 * dropped everywhere when the cleanup deletes the file. A private file (an assignment answer) is read by its owner and by those who
 * see the owner's work ({@link org.projectspark.school.service.SchoolAccess#seesStudent}: the teachers of the owner's
 * classes, the admins of the owner's school, the owner's guardians, admins); to anyone else it does not exist (404).
 */
@ApplicationScoped
public class FileReads {

    /** How long an instance keeps a public file's row when no deletion is announced (without a Data Grid). */
    private static final Duration PUBLIC_FILE_TIME = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks access;

    @EJB
    AccountService accounts;

    @Inject
    FileStorage storage;

    @Inject
    MediaSettings settings;

    @Inject
    InstanceCopies copies;

    /** Public files' rows (detached, only read). */
    private Copies<UUID, StoredFile> publicFiles;

    @PostConstruct
    void init() {
        publicFiles = copies.byId("public-files", PUBLIC_FILE_TIME, 10_000);
    }

    /** The file, if {@code callerId} (empty: an anonymous reader) may read it. */
    public StoredFile readable(Optional<UUID> callerId, UUID fileId) {
        Optional<StoredFile> known = publicFiles.find(fileId);
        if (known.isPresent()) {
            return known.get();
        }
        NotFoundException hidden = new NotFoundException("No file with id " + fileId + " among the files you may read");
        StoredFile file = Optional.ofNullable(em.find(StoredFile.class, fileId)).orElseThrow(() -> hidden);
        if (file.isPublic()) {
            publicFiles.put(fileId, file);
            return file;
        }
        UUID caller = callerId.orElseThrow(() -> hidden);
        if (file.isOwnedBy(caller)) {
            return file;
        }
        User owner = accounts.find(file.ownerId());
        if (!access.accessOf(caller).seesStudent(owner.id(), owner.profile().schoolId(), access.classesOf(owner.id()))) {
            throw hidden;
        }
        return file;
    }

    /**
     * Where the reader gets the bytes when not from this server: the CDN for public media when CDN_URL is set, a
     * short-lived pre-signed address on S3; empty when the server sends them itself.
     */
    public Optional<Elsewhere> elsewhere(StoredFile file) {
        return elsewhere(file, file.storageKey(), file.mediaType());
    }

    /** As {@link #elsewhere(StoredFile)}, for the file's image at a width. */
    public Optional<Elsewhere> elsewhere(StoredFile file, ImageVariant variant) {
        return elsewhere(file, variant.storageKey(), variant.mediaType());
    }

    private Optional<Elsewhere> elsewhere(StoredFile file, String key, String mediaType) {
        if (file.isPublic() && settings.cdnUrl().isPresent()) {
            return Optional.of(new Elsewhere(URI.create(settings.cdnUrl().get() + "/" + key), true));
        }
        return storage.temporaryUrl(key, settings.fileUrlExpiry(), mediaType, file.displayName()).map(u -> new Elsewhere(u, false));
    }

    /** An address of the bytes; {@code lasting} when it names the content itself (a CDN's), not a signature that expires. */
    public record Elsewhere(URI uri, boolean lasting) {
    }

    void deleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) FileDeleted deleted) {
        publicFiles.drop(deleted.fileId());
    }

    /** {@code length} bytes of the file from {@code offset}. */
    public InputStream open(StoredFile file, long offset, long length) {
        try {
            return storage.read(file.storageKey(), offset, length);
        } catch (IOException e) {
            throw new RetryLaterException("The file store could not be reached; try again in a moment", 10);
        }
    }
}
