package org.projectspark.media.domain;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A file's SHA-256, in lower-case hex: its ETag and, through {@link #storageKey()}, where its bytes are kept. */
public record ContentHash(String hex) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ContentHash {
        if (hex == null || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
        }
    }

    public static ContentHash of(byte[] digest) {
        return new ContentHash(HexFormat.of().formatHex(digest));
    }

    /** The same bytes have the same key, so a file uploaded twice is stored once; two levels of folders keep each small. */
    public String storageKey() {
        return "blobs/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
    }

    /** Where the widths made of this content are kept ({@link ImageVariant}); deleted with the content. */
    public String variantsPrefix() {
        return "variants/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex + "/";
    }

    public String etag() {
        return "\"" + hex + "\"";
    }
}
