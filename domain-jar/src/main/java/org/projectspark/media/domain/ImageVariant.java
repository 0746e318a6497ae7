package org.projectspark.media.domain;

/**
 * An image's content made at one width in one format. It belongs to the content (the hash), not to a file: files of
 * the same content share it, and it goes when the content goes. Made from the content alone, so its ETag is named
 * by the content's hash, the width and the format.
 */
public record ImageVariant(ContentHash content, ImageWidth width, VariantFormat format) {

    /** The images widths are made of (what an upload may be among the image types). */
    public static boolean madeOf(String mediaType) {
        return "image/jpeg".equals(mediaType) || "image/png".equals(mediaType);
    }

    /** Beside its content's key: {@code variants/ab/cd/<hash>/320-webp}. */
    public String storageKey() {
        return content.variantsPrefix() + width.pixels() + "-" + format.label();
    }

    public String etag() {
        return "\"" + content.hex() + "-" + width.pixels() + "-" + format.label() + "\"";
    }

    public String mediaType() {
        return format.mediaType();
    }
}
