package org.projectspark.media.service;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileRefusedException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeTest {

    @TempDir
    Path dir;

    private Intake intake;

    static MediaSettings settings(Path dir) {
        MediaSettings s = new MediaSettings();
        s.provider = "local";
        s.uploadDir = dir.toString();
        s.maxFileSize = 100_000;
        s.maxLessonMediaSize = 300_000;
        s.allowedFileTypes = "jpg,jpeg,png,pdf,doc,docx";
        s.allowedLessonMediaTypes = "mp3,m4a,ogg,wav,mp4,webm";
        s.studentQuota = 0;
        s.schoolQuota = 0;
        s.uploadExpiry = "24h";
        s.unreferencedGrace = "30d";
        s.fileUrlExpiry = "5m";
        s.cdnUrl = Optional.empty();
        s.awsRegion = "us-east-1";
        s.awsBucket = Optional.empty();
        s.awsEndpoint = Optional.empty();
        s.awsAccessKeyId = Optional.empty();
        s.awsSecretAccessKey = Optional.empty();
        s.validate();
        return s;
    }

    @BeforeEach
    void setUp() {
        intake = new Intake();
        intake.settings = settings(dir);
        intake.storage = new LocalFileStorage(dir);
    }

    @Test
    void aPdfIsReceivedWithItsHash() throws Exception {
        byte[] pdf = TestFiles.pdf();
        Intake.Received r = intake.receive(new ByteArrayInputStream(pdf), FilePurpose.ASSIGNMENT, pdf.length);
        assertThat(r.mediaType()).isEqualTo("application/pdf");
        assertThat(r.size()).isEqualTo(pdf.length);
        assertThat(r.hash().hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(Files.readAllBytes(r.file())).isEqualTo(pdf);
    }

    @Test
    void aWordDocumentIsToldFromAnyZip() throws Exception {
        assertThat(intake.receive(new ByteArrayInputStream(TestFiles.docx()), FilePurpose.ASSIGNMENT, -1).mediaType()).isEqualTo(ContentTypes.DOCX);
        byte[] zip = TestFiles.docx();
        zip = new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1).replace("word/document.xml", "evil/payload.xml")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] plainZip = zip;
        assertThatThrownBy(() -> intake.receive(new ByteArrayInputStream(plainZip), FilePurpose.ASSIGNMENT, -1))
                .isInstanceOf(FileRefusedException.class).extracting(e -> ((FileRefusedException) e).status()).isEqualTo(415);
    }

    @Test
    void aScriptNamedAsAPhotoIsRefusedWhateverItsName() throws IOException {
        assertThatThrownBy(() -> intake.receive(new ByteArrayInputStream(TestFiles.php()), FilePurpose.ASSIGNMENT, -1))
                .isInstanceOf(FileRefusedException.class).hasMessageContaining("text/x-php")
                .extracting(e -> ((FileRefusedException) e).status()).isEqualTo(415);
        assertThat(workFiles()).isZero();
    }

    @Test
    void aPhotoIsStoredWithoutItsLocationAndHashedAsStored() throws Exception {
        Intake.Received r = intake.receive(new ByteArrayInputStream(TestFiles.photoWithLocation()), FilePurpose.ASSIGNMENT, -1);
        byte[] stored = Files.readAllBytes(r.file());
        assertThat(TestFiles.contains(stored, TestFiles.GPS_MARK)).isFalse();
        assertThat(r.size()).isEqualTo(stored.length);
        assertThat(r.hash().hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        assertThat(workFiles()).isEqualTo(1);
    }

    @Test
    void aBodyPastTheLimitIsRefusedWithoutReadingOn() throws IOException {
        CountingStream endless = new CountingStream(TestFiles.pdf());
        assertThatThrownBy(() -> intake.receive(endless, FilePurpose.ASSIGNMENT, -1))
                .isInstanceOf(FileRefusedException.class).extracting(e -> ((FileRefusedException) e).status()).isEqualTo(413);
        assertThat(endless.read).isLessThan(100_000 + 2 * 64 * 1024);
        assertThatThrownBy(() -> intake.receive(endless, FilePurpose.ASSIGNMENT, 2_000_000_000L)).isInstanceOf(FileRefusedException.class);
        assertThat(workFiles()).isZero();
    }

    @Test
    void lessonMediaMayBeLargerAndAudio() throws Exception {
        byte[] mp3 = TestFiles.concat("ID3".getBytes(), new byte[]{3, 0, 0, 0, 0, 0, 0}, new byte[150_000]);
        assertThat(intake.receive(new ByteArrayInputStream(mp3), FilePurpose.LESSON_MEDIA, mp3.length).mediaType()).isEqualTo("audio/mpeg");
        assertThatThrownBy(() -> intake.receive(new ByteArrayInputStream(mp3), FilePurpose.ASSIGNMENT, -1)).isInstanceOf(FileRefusedException.class);
    }

    @Test
    void anEmptyBodyIsNoFile() {
        assertThatThrownBy(() -> intake.receive(InputStream.nullInputStream(), FilePurpose.ASSIGNMENT, 0))
                .isInstanceOf(FileRefusedException.class).extracting(e -> ((FileRefusedException) e).status()).isEqualTo(400);
    }

    private long workFiles() throws IOException {
        try (var files = Files.list(dir.resolve("tmp"))) {
            return files.count();
        }
    }

    /** A PDF header, then zeros without end, counting what was read. */
    static final class CountingStream extends InputStream {
        private final byte[] head;
        long read;

        CountingStream(byte[] head) {
            this.head = head;
        }

        @Override
        public int read() {
            return read < head.length ? head[(int) read++] : (int) (0 * read++);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
