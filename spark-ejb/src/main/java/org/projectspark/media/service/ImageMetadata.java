package org.projectspark.media.service;

import org.projectspark.media.domain.FileRefusedException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Takes what a camera writes about a photo out of it, pixels untouched: photos of children's work must not carry
 * where they were taken. JPEG loses its Exif, XMP and IPTC segments, comments and anything after the image (a phone's
 * second picture with its own Exif), keeping only the orientation, in a minimal Exif of its own, so the page is not
 * shown on its side. PNG loses its eXIf, text and time chunks.
 */
final class ImageMetadata {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> PNG_DROPPED = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private ImageMetadata() {
    }

    static boolean handles(String mediaType) {
        return "image/jpeg".equals(mediaType) || "image/png".equals(mediaType);
    }

    static void strip(String mediaType, InputStream in, OutputStream out) throws IOException {
        try {
            if ("image/jpeg".equals(mediaType)) {
                jpeg(new DataInputStream(in), out);
            } else {
                png(new DataInputStream(in), out);
            }
        } catch (EOFException e) {
            throw FileRefusedException.typeNotAllowed("a damaged " + mediaType + " image", "whole images");
        }
    }

    private static void jpeg(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            throw FileRefusedException.typeNotAllowed("not a JPEG image", "whole images");
        }
        out.write(0xFF);
        out.write(0xD8);
        boolean orientationWritten = false;
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                throw FileRefusedException.typeNotAllowed("a damaged image/jpeg image", "whole images");
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) { // fill bytes
                type = in.readUnsignedByte();
            }
            if (type == 0xD9) { // end of image: whatever follows is not this picture
                out.write(0xFF);
                out.write(0xD9);
                return;
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                out.write(0xFF);
                out.write(type);
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw FileRefusedException.typeNotAllowed("a damaged image/jpeg image", "whole images");
            }
            byte[] data = new byte[length - 2];
            in.readFully(data);
            boolean keep = type < 0xE0 || type == 0xE0 || type == 0xEE || (type == 0xE2 && startsWith(data, ICC));
            if (type == 0xE1 && startsWith(data, EXIF) && !orientationWritten) {
                int orientation = orientation(data);
                if (orientation > 1 && orientation <= 8) {
                    out.write(minimalExif(orientation));
                }
                orientationWritten = true;
            }
            if (keep) {
                out.write(0xFF);
                out.write(type);
                out.write(length >> 8);
                out.write(length & 0xFF);
                out.write(data);
            }
            if (type == 0xDA) { // start of scan: entropy-coded data up to the end of the image
                copyScan(in, out);
                return;
            }
        }
    }

    /** Copies the scans to the end-of-image marker, which ends the copy; nothing after it is kept. */
    private static void copyScan(DataInputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int prev = -1;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                int b = buf[i] & 0xFF;
                if (prev == 0xFF && b == 0xD9) {
                    out.write(buf, 0, i + 1);
                    return;
                }
                prev = b;
            }
            out.write(buf, 0, n);
        }
        // a photo cut short by the phone still shows; close it properly
        out.write(0xFF);
        out.write(0xD9);
    }

    /**
     * The Exif orientation (1-8) of a JPEG whose first bytes are {@code head}, 0 when it has none: what a stored photo
     * kept of its Exif, so a width made of it stands the right way up without any Exif of its own.
     */
    static int orientationOfJpeg(byte[] head) {
        int at = 2;
        while (at + 4 <= head.length && (head[at] & 0xFF) == 0xFF) {
            int type = head[at + 1] & 0xFF;
            if (type == 0xDA || type == 0xD9) {
                return 0;
            }
            int length = ((head[at + 2] & 0xFF) << 8) | (head[at + 3] & 0xFF);
            if (length < 2 || at + 2 + length > head.length) {
                return 0;
            }
            if (type == 0xE1) {
                byte[] data = Arrays.copyOfRange(head, at + 4, at + 2 + length);
                if (startsWith(data, EXIF)) {
                    return orientation(data);
                }
            }
            at += 2 + length;
        }
        return 0;
    }

    /** The Exif orientation (1-8) in an APP1 segment's data, 0 when it has none. */
    static int orientation(byte[] app1) {
        int tiff = EXIF.length;
        if (app1.length < tiff + 8) {
            return 0;
        }
        boolean little = app1[tiff] == 'I';
        int ifd = tiff + (int) read(app1, tiff + 4, 4, little);
        if (ifd < tiff || ifd + 2 > app1.length) {
            return 0;
        }
        int entries = (int) read(app1, ifd, 2, little);
        for (int i = 0; i < entries; i++) {
            int e = ifd + 2 + i * 12;
            if (e + 12 > app1.length) {
                return 0;
            }
            if (read(app1, e, 2, little) == 0x0112) {
                return (int) read(app1, e + 8, 2, little);
            }
        }
        return 0;
    }

    private static long read(byte[] b, int at, int n, boolean little) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int x = b[little ? at + n - 1 - i : at + i] & 0xFF;
            v = (v << 8) | x;
        }
        return v;
    }

    /** An APP1 Exif segment holding one tag, the orientation (big-endian TIFF, one IFD, one entry). */
    static byte[] minimalExif(int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = 2 + EXIF.length + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(EXIF, 0, segment, 4, EXIF.length);
        System.arraycopy(tiff, 0, segment, 4 + EXIF.length, tiff.length);
        return segment;
    }

    private static void png(DataInputStream in, OutputStream out) throws IOException {
        byte[] signature = new byte[8];
        in.readFully(signature);
        if (!Arrays.equals(signature, PNG_SIGNATURE)) {
            throw FileRefusedException.typeNotAllowed("not a PNG image", "whole images");
        }
        out.write(signature);
        byte[] buf = new byte[64 * 1024];
        while (true) {
            int length = in.readInt();
            byte[] type = new byte[4];
            in.readFully(type);
            String name = new String(type, StandardCharsets.ISO_8859_1);
            if (length < 0) {
                throw FileRefusedException.typeNotAllowed("a damaged image/png image", "whole images");
            }
            boolean keep = !PNG_DROPPED.contains(name);
            if (keep) {
                out.write(length >>> 24);
                out.write(length >>> 16);
                out.write(length >>> 8);
                out.write(length);
                out.write(type);
            }
            long left = length + 4L; // data and CRC
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException();
                }
                if (keep) {
                    out.write(buf, 0, n);
                }
                left -= n;
            }
            if (name.equals("IEND")) {
                return;
            }
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
