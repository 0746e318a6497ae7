package org.projectspark.sync.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.TooLargeException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a sync upload: plain or gzip ({@code Content-Encoding: gzip}, which slow links should use), counted
 * before and after inflating so that neither a huge body nor a small zip bomb gets past the limit.
 */
final class SyncBodies {

    /** The JSON object sent, and how many bytes came over the wire. */
    record Body(JsonObject json, long wireBytes) {
    }

    /** A text body (a bundle file), and how many bytes came over the wire. */
    record Text(String text, long wireBytes) {
    }

    private SyncBodies() {
    }

    static Text readText(InputStream in, String contentEncoding, long limit) {
        if (in == null) {
            throw new InvalidRequestException("the body must be the bundle file");
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        Counted wire = new Counted(in, Long.MAX_VALUE);
        try {
            InputStream body = switch (encoding) {
                case "identity", "" -> new Counted(wire, limit);
                case "gzip", "x-gzip" -> new Counted(new GZIPInputStream(wire, 16 * 1024), limit);
                default -> throw new InvalidRequestException("Content-Encoding " + contentEncoding + " is not supported; send gzip or nothing");
            };
            String text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new InvalidRequestException("the body must be the bundle file");
            }
            return new Text(text, wire.count);
        } catch (ZipException e) {
            throw new InvalidRequestException("the body is not valid gzip: " + e.getMessage());
        } catch (TooLargeRead e) {
            throw new TooLargeException("the bundle is larger than " + limit + " bytes once inflated");
        } catch (IOException e) {
            throw new InvalidRequestException("the body could not be read (connection cut?): " + e.getMessage());
        }
    }

    static Body read(InputStream in, String contentEncoding, long limit) {
        if (in == null) {
            throw new InvalidRequestException("a JSON body is required");
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        Counted wire = new Counted(in, Long.MAX_VALUE);
        try {
            InputStream body = switch (encoding) {
                case "identity", "" -> new Counted(wire, limit);
                case "gzip", "x-gzip" -> new Counted(new GZIPInputStream(wire, 16 * 1024), limit);
                default -> throw new InvalidRequestException("Content-Encoding " + contentEncoding + " is not supported; send gzip or nothing");
            };
            try (JsonReader reader = Json.createReader(body)) {
                return new Body(reader.readObject(), wire.count);
            }
        } catch (JsonParsingException e) {
            throw new InvalidRequestException("the body is not valid JSON: " + e.getMessage());
        } catch (ZipException e) {
            throw new InvalidRequestException("the body is not valid gzip: " + e.getMessage());
        } catch (JsonException e) {
            if (e.getCause() instanceof jakarta.ws.rs.WebApplicationException web) {
                throw web; // the wire limit (BodyLimit) tripped inside the parser
            }
            if (e.getCause() instanceof TooLargeRead) {
                throw new TooLargeException("the batch is larger than " + limit + " bytes once inflated; send fewer events at a time");
            }
            throw new InvalidRequestException("the body must be a JSON object: " + e.getMessage());
        } catch (TooLargeRead e) {
            throw new TooLargeException("the batch is larger than " + limit + " bytes once inflated; send fewer events at a time");
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidRequestException("the body could not be read (connection cut?): " + e.getMessage());
        }
    }

    private static final class TooLargeRead extends UncheckedIOException {
        TooLargeRead() {
            super(new IOException("body too large"));
        }
    }

    private static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > limit) {
                throw new TooLargeRead();
            }
        }
    }
}
