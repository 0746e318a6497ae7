import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bench's HTTP/1.1 client (LoadGen, SyncRush): one keep-alive connection per client thread, requests written as
 * prepared bytes. java.net.http cost about as much CPU per request as the server's own work (for a sync upload,
 * 3 ms a batch: a seventh of the machine during the rush), and on a 2-core machine every cycle the generator burns is
 * taken from the server and the database it measures.
 */
public final class Http1 {

    private Http1() {
    }

    /** A request as bytes on the wire: its head (request line and headers) and body. */
    public record Req(byte[] head, byte[] body) {
        public static Req get(URI url, List<String> headers) {
            return new Req(head("GET", url, headers, -1), null);
        }

        public static Req post(URI url, List<String> headers, String json) {
            List<String> h = new ArrayList<>(headers);
            h.add("Content-Type: application/json");
            return post(url, h, json.getBytes(StandardCharsets.UTF_8));
        }

        /** A POST of {@code body} as it is: {@code headers} name its type (and encoding). */
        public static Req post(URI url, List<String> headers, byte[] body) {
            return new Req(head("POST", url, headers, body.length), body);
        }

        private static byte[] head(String method, URI url, List<String> headers, int length) {
            StringBuilder b = new StringBuilder(512).append(method).append(' ').append(url.getRawPath());
            if (url.getRawQuery() != null) {
                b.append('?').append(url.getRawQuery());
            }
            b.append(" HTTP/1.1\r\nHost: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
            for (String h : headers) {
                int colon = h.indexOf(':');
                b.append(h, 0, colon).append(": ").append(h.substring(colon + 1).trim()).append("\r\n");
            }
            if (length >= 0) {
                b.append("Content-Length: ").append(length).append("\r\n");
            }
            return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * An answer: its status; its body when the status is 400 or more, or when asked for (null otherwise); its
     * Retry-After header (null when absent).
     */
    public record Answer(int status, byte[] body, String retryAfter) {
        public String errorBody() {
            return status >= 400 && body != null ? new String(body, StandardCharsets.UTF_8) : null;
        }
    }

    /**
     * One client's keep-alive HTTP/1.1 connection: writes a request, reads the answer (Content-Length or chunked).
     * A connection the server closed is opened again and the request sent once more, only when no byte of its
     * answer had arrived.
     */
    public static final class Wire {
        private final String host;
        private final int port;
        private final int timeoutMillis;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        public Wire(URI base) {
            this(base, 30_000);
        }

        public Wire(URI base, int timeoutMillis) {
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
            this.timeoutMillis = timeoutMillis;
        }

        /** Sends the request; the answer keeps its body only for errors. */
        public Answer send(Req r) throws IOException {
            return send(r, false);
        }

        /** Sends the request; the answer keeps its body always when {@code keepBody}, else only for errors. */
        public Answer send(Req r, boolean keepBody) throws IOException {
            for (int attempt = 0; ; attempt++) {
                boolean answered = false;
                try {
                    if (socket == null) {
                        socket = new Socket(host, port);
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(timeoutMillis);
                        in = new BufferedInputStream(socket.getInputStream(), 16_384);
                        out = socket.getOutputStream();
                    }
                    if (r.body() == null) {
                        out.write(r.head());
                    } else {
                        byte[] both = new byte[r.head().length + r.body().length];
                        System.arraycopy(r.head(), 0, both, 0, r.head().length);
                        System.arraycopy(r.body(), 0, both, r.head().length, r.body().length);
                        out.write(both);
                    }
                    out.flush();
                    int first = in.read();
                    if (first < 0) {
                        throw new IOException("connection closed before an answer");
                    }
                    answered = true;
                    return read(first, keepBody);
                } catch (IOException e) {
                    close();
                    if (answered || attempt >= 1) {
                        throw e;
                    }
                }
            }
        }

        private Answer read(int first, boolean keepBody) throws IOException {
            String statusLine = (char) first + line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String retryAfter = null;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                } else if (name.equalsIgnoreCase("Retry-After")) {
                    retryAfter = value;
                }
            }
            ByteArrayOutputStream kept = keepBody || status >= 400 ? new ByteArrayOutputStream(length > 0 ? (int) length : 8192) : null;
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    body(size, kept, false);
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length > 0) {
                body(length, kept, false);
            } else if (length < 0 && status != 204 && status != 304) {
                close = true;
                body(Long.MAX_VALUE, kept, true);
            }
            if (close) {
                close();
            }
            return new Answer(status, kept == null ? null : kept.toByteArray(), retryAfter);
        }

        /** Reads {@code n} bytes of body, or up to the end of the connection ({@code untilClose}, no length given). */
        private void body(long n, ByteArrayOutputStream kept, boolean untilClose) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int got = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (got < 0) {
                    if (untilClose) {
                        return;
                    }
                    throw new IOException("answer cut short");
                }
                if (kept != null) {
                    kept.write(buf, 0, got);
                }
                n -= got;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
        }
    }
}
