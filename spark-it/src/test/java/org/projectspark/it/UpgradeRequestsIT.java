package org.projectspark.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that ask for a protocol upgrade on paths that offer none are answered at once as plain requests, so idle
 * clients holding such requests open cannot take the server's worker threads from everyone else.
 */
@ExtendWith(ArquillianExtension.class)
class UpgradeRequestsIT extends DeployedEar {

    private static final URI BASE = URI.create(Api.BASE);

    @Test
    void twoHundredHeldUpgradeRequestsLeaveOtherRequestsTheirNormalTime() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String path = List.of("/api/v1/health", "/api/v1/courses", "/api/v1/auth/login", "/api/v1/users/me").get(i % 4);
                held.add(upgradeRequest(i % 4 == 2 ? "POST" : "GET", path));
            }
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertThat(Api.get("/api/v1/health", null).status()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms for /api/v1/health with 200 upgrade requests open").isLessThan(2_000);
            }
            // each upgrade request was answered too, while its client still held the connection
            for (Socket s : held) {
                s.setSoTimeout(5_000);
                String statusLine = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                assertThat(statusLine).startsWith("HTTP/1.1 ").doesNotContain(" 5");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anUpgradeRequestOnAnApiPathGetsItsPlainAnswerAtOnce() throws Exception {
        try (Socket s = upgradeRequest("GET", "/api/v1/health")) {
            s.setSoTimeout(3_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
        try (Socket s = upgradeRequest("POST", "/api/v1/auth/login")) {
            s.setSoTimeout(3_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            // no body came with it: the login's body is missing, said at once
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    /** Sends a request asking for a WebSocket upgrade and leaves the connection open. */
    private static Socket upgradeRequest(String method, String path) throws Exception {
        Socket s = new Socket(BASE.getHost(), BASE.getPort());
        OutputStream out = s.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + BASE.getHost() + ":" + BASE.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Forwarded-For: " + Api.freshAddress() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }
}
