package org.projectspark.media.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileStorageTest {

    @TempDir
    Path dir;

    @Test
    void keepsReadsRangesAndDeletes() throws Exception {
        LocalFileStorage storage = new LocalFileStorage(dir);
        Path work = Files.writeString(storage.workFolder().resolve("a"), "0123456789");
        String key = "blobs/ab/cd/abcd" + "0".repeat(60);
        storage.put(key, work, "text/plain");
        assertThat(work).doesNotExist();
        assertThat(storage.exists(key)).isTrue();
        try (InputStream in = storage.read(key, 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456");
        }
        // the same key again is a no-op that still takes the work file
        Path again = Files.writeString(storage.workFolder().resolve("b"), "0123456789");
        storage.put(key, again, "text/plain");
        assertThat(again).doesNotExist();
        assertThat(storage.temporaryUrl(key, java.time.Duration.ofMinutes(1), "text/plain", "x")).isEmpty();
        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void partsAreDeletedByPrefix() throws Exception {
        LocalFileStorage storage = new LocalFileStorage(dir);
        storage.put("partial/u1/0-a", Files.writeString(storage.workFolder().resolve("p"), "x"), "application/octet-stream");
        storage.put("partial/u1/1-b", Files.writeString(storage.workFolder().resolve("q"), "y"), "application/octet-stream");
        storage.deleteAll("partial/u1/");
        assertThat(dir.resolve("partial/u1")).doesNotExist();
    }

    @Test
    void theWidthsOfAContentAreKeptWithTheirSizeAndGoWithIt() throws Exception {
        LocalFileStorage storage = new LocalFileStorage(dir);
        org.projectspark.media.domain.ContentHash hash = new org.projectspark.media.domain.ContentHash("e".repeat(64));
        org.projectspark.media.domain.ContentHash other = new org.projectspark.media.domain.ContentHash("f".repeat(64));
        storage.put(hash.variantsPrefix() + "320-webp", Files.write(storage.workFolder().resolve("v1"), new byte[1234]), "image/webp");
        storage.put(other.variantsPrefix() + "320-webp", Files.write(storage.workFolder().resolve("v2"), new byte[10]), "image/webp");
        assertThat(storage.size(hash.variantsPrefix() + "320-webp")).hasValue(1234L);
        assertThat(storage.size(hash.variantsPrefix() + "640-webp")).isEmpty();
        storage.deleteAll(hash.variantsPrefix());
        assertThat(storage.size(hash.variantsPrefix() + "320-webp")).isEmpty();
        assertThat(storage.size(other.variantsPrefix() + "320-webp")).hasValue(10L);
    }

    @Test
    void aKeyNeverLeavesTheFolder() {
        LocalFileStorage storage = new LocalFileStorage(dir);
        for (String bad : new String[]{"../etc/passwd", "blobs/../../etc/passwd", "/etc/passwd", "blobs/a/..", "tmp/x", "blobs\\..\\x", "blobs/a b"}) {
            assertThatThrownBy(() -> storage.pathOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
