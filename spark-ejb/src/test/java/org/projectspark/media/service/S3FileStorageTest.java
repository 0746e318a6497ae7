package org.projectspark.media.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 storage through the real AWS SDK against an S3-compatible server on loopback: s3rver (npm), which the build
 * installs into target/s3rver and this test starts on 127.0.0.1 (S3Mock's plain-HTTP connector listens on every
 * interface, which tests here must not). The storage is made from the same settings as in production: endpoint
 * override, path-style addressing, a key pair.
 */
class S3FileStorageTest {

    private static final String BUCKET = "spark-test";
    private static Process server;
    private static S3FileStorage storage;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        Path script = Path.of(System.getProperty("s3rver.script", "target/s3rver/node_modules/s3rver/bin/s3rver.js"));
        Assumptions.assumeTrue(Files.exists(script) || !"false".equals(System.getProperty("s3rver.required", "false")),
                "s3rver is not installed (the build installs it with npm into target/s3rver)");
        int port = Integer.getInteger("s3rver.port", 0);
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
        }
        Path data = Files.createTempDirectory("s3rver");
        work = Files.createTempDirectory("s3-work");
        server = new ProcessBuilder("node", script.toString(), "-d", data.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                "--configure-bucket", BUCKET, "--silent").redirectErrorStream(true).redirectOutput(data.resolve("log").toFile()).start();
        waitForPort(port);
        storage = S3FileStorage.connect(new S3FileStorage.Connection("us-east-1", BUCKET, Optional.of(URI.create("http://127.0.0.1:" + port)),
                true, Optional.of("S3RVER"), Optional.of("S3RVER"), work));
    }

    @AfterAll
    static void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void putsOnceReadsRangesAndDeletes() throws Exception {
        byte[] content = TestFiles.pdf();
        String key = "blobs/aa/bb/aabb" + "1".repeat(60);
        assertThat(storage.exists(key)).isFalse();
        storage.put(key, write(content), "application/pdf");
        assertThat(storage.exists(key)).isTrue();
        try (InputStream in = storage.read(key, 5, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 5, 15));
        }
        Path again = write(content);
        storage.put(key, again, "application/pdf");
        assertThat(again).doesNotExist();
        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void aPreSignedAddressServesTheFileAndItsRanges() throws Exception {
        byte[] content = TestFiles.image("png", 40, 40);
        String key = "blobs/cc/dd/ccdd" + "2".repeat(60);
        storage.put(key, write(content), "image/png");
        URI url = storage.temporaryUrl(key, Duration.ofMinutes(1), "image/png", "picha ya ukurasa.png").orElseThrow();
        assertThat(url.getQuery()).contains("X-Amz-Signature", "X-Amz-Expires=60");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=0-7").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(8);
        assertThat(url.getRawQuery()).contains("response-content-type=image%2Fpng", "response-content-disposition=");
    }

    @Test
    void theAppendedPartsOfAnUploadAreDeletedTogether() throws Exception {
        storage.put("partial/u2/0-a", write(new byte[]{1, 2, 3}), "application/octet-stream");
        storage.put("partial/u2/3-b", write(new byte[]{4}), "application/octet-stream");
        storage.put("partial/u3/0-c", write(new byte[]{5}), "application/octet-stream");
        storage.deleteAll("partial/u2/");
        assertThat(storage.exists("partial/u2/0-a")).isFalse();
        assertThat(storage.exists("partial/u2/3-b")).isFalse();
        assertThat(storage.exists("partial/u3/0-c")).isTrue();
    }

    @Test
    void theWidthsOfAContentAreKeptWithTheirSizeAndGoWithIt() throws Exception {
        org.projectspark.media.domain.ContentHash hash = new org.projectspark.media.domain.ContentHash("e".repeat(64));
        org.projectspark.media.domain.ContentHash other = new org.projectspark.media.domain.ContentHash("f".repeat(64));
        storage.put(hash.variantsPrefix() + "320-webp", write(new byte[1234]), "image/webp");
        storage.put(hash.variantsPrefix() + "320-jpeg", write(new byte[2345]), "image/jpeg");
        storage.put(other.variantsPrefix() + "320-webp", write(new byte[10]), "image/webp");
        assertThat(storage.size(hash.variantsPrefix() + "320-webp")).hasValue(1234L);
        assertThat(storage.size(hash.variantsPrefix() + "640-webp")).isEmpty();
        storage.deleteAll(hash.variantsPrefix());
        assertThat(storage.size(hash.variantsPrefix() + "320-webp")).isEmpty();
        assertThat(storage.size(hash.variantsPrefix() + "320-jpeg")).isEmpty();
        assertThat(storage.size(other.variantsPrefix() + "320-webp")).hasValue(10L);
    }

    private static Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(work, "t", ".part"), content);
    }

    private static void waitForPort(int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                throw new IllegalStateException("s3rver exited with " + server.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3rver did not listen on " + port);
    }
}
