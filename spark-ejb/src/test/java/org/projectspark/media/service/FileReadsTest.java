package org.projectspark.media.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projectspark.media.domain.ContentHash;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.StoredFile;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Where readers are sent: the CDN for public media when CDN_URL is set, the storage's own address (S3) otherwise. */
class FileReadsTest {

    @TempDir
    Path dir;

    private final ContentHash hash = new ContentHash("ab" + "c".repeat(62));
    private final StoredFile media = new StoredFile(UUID.randomUUID(), null, FilePurpose.LESSON_MEDIA, hash, "somo.mp3", "audio/mpeg", 10);
    private final StoredFile answer = new StoredFile(UUID.randomUUID(), null, FilePurpose.ASSIGNMENT, hash, "insha.pdf", "application/pdf", 10);

    @Test
    void publicMediaGoesToTheCdnUnderItsContentKey() {
        FileReads reads = reads(Optional.of("https://cdn.example.org/spark/"), new LocalFileStorage(dir));
        FileReads.Elsewhere there = reads.elsewhere(media).orElseThrow();
        assertThat(there.uri()).isEqualTo(URI.create("https://cdn.example.org/spark/blobs/ab/cc/" + hash.hex()));
        assertThat(there.lasting()).isTrue();
        assertThat(reads.elsewhere(answer)).as("a private file never goes to the CDN").isEmpty();
    }

    @Test
    void onS3EveryOtherReadIsAShortLivedAddress() {
        FileStorage s3 = new SignedStorage(dir);
        FileReads reads = reads(Optional.empty(), s3);
        FileReads.Elsewhere there = reads.elsewhere(answer).orElseThrow();
        assertThat(there.lasting()).isFalse();
        assertThat(there.uri().toString()).contains(hash.storageKey()).contains("ttl=PT5M");
        assertThat(reads(Optional.empty(), new LocalFileStorage(dir)).elsewhere(answer)).as("local: the server sends the bytes").isEmpty();
    }

    private FileReads reads(Optional<String> cdn, FileStorage storage) {
        FileReads reads = new FileReads();
        reads.settings = IntakeTest.settings(dir);
        reads.settings.cdnUrl = cdn;
        reads.storage = storage;
        return reads;
    }

    /** A storage that signs addresses, as S3 does. */
    private static final class SignedStorage extends LocalFileStorage {
        SignedStorage(Path root) {
            super(root);
        }

        @Override
        public Optional<URI> temporaryUrl(String key, Duration ttl, String mediaType, String downloadName) {
            return Optional.of(URI.create("https://bucket.example.org/" + key + "?ttl=" + ttl));
        }

        @Override
        public InputStream read(String key, long offset, long length) {
            throw new UnsupportedOperationException();
        }
    }
}
