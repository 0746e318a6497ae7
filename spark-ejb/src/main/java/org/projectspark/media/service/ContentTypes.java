package org.projectspark.media.service;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a file is, from its bytes alone: Apache Tika's magic-byte detector, never given the file's name or declared
 * type (a PHP script named photo.jpg sent as image/jpeg is text/x-php here). Office containers, which the detector
 * alone sees only as "a zip" or "an OLE file", are told apart by what they hold.
 */
final class ContentTypes {

    /** How many leading bytes the detector reads. */
    static final int PREFIX = 64 * 1024;

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String DOC = "application/msword";
    private static final Set<String> ZIP_CONTAINERS = Set.of("application/zip", "application/x-tika-ooxml", DOCX);
    private static final Set<String> OLE_CONTAINERS = Set.of("application/x-tika-msoffice", DOC);
    private static final MimeTypes DETECTOR = MimeTypes.getDefaultMimeTypes();

    private ContentTypes() {
    }

    /** The media type of content starting with {@code prefix}. */
    static String detect(byte[] prefix, int length) {
        try (InputStream in = new ByteArrayInputStream(prefix, 0, length)) {
            MediaType type = DETECTOR.detect(in, new Metadata());
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the detected type may turn out to be one of {@code allowed}'s once the whole file is seen. */
    static boolean isContainer(String detected) {
        return ZIP_CONTAINERS.contains(detected) || OLE_CONTAINERS.contains(detected);
    }

    /** The exact type of a whole file whose first bytes were {@code detected}. */
    static String refine(String detected, Path file) throws IOException {
        if (ZIP_CONTAINERS.contains(detected)) {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                boolean word = false;
                boolean contentTypes = false;
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    word |= name.equals("word/document.xml");
                    contentTypes |= name.equals("[Content_Types].xml");
                }
                return word && contentTypes ? DOCX : "application/zip";
            } catch (java.util.zip.ZipException e) {
                return "application/octet-stream";
            }
        }
        if (OLE_CONTAINERS.contains(detected)) {
            // a Word 97-2003 file is an OLE container with a "WordDocument" stream, named in its directory in UTF-16LE
            return contains(file, "WordDocument".getBytes(StandardCharsets.UTF_16LE)) ? DOC : "application/x-tika-msoffice";
        }
        return detected;
    }

    private static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] buf = new byte[64 * 1024 + needle.length];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, carried, buf.length - carried)) > 0) {
                int end = carried + n;
                outer:
                for (int i = 0; i + needle.length <= end; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (buf[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
                carried = Math.min(needle.length - 1, end);
                System.arraycopy(buf, end - carried, buf, 0, carried);
            }
        }
        return false;
    }
}
