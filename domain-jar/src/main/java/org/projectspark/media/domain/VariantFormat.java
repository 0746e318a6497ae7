package org.projectspark.media.domain;

/** What an image made at a width is encoded as: WebP where the device accepts it (a third smaller), else JPEG. */
public enum VariantFormat {
    WEBP("image/webp", "webp"),
    JPEG("image/jpeg", "jpeg");

    private final String mediaType;
    private final String label;

    VariantFormat(String mediaType, String label) {
        this.mediaType = mediaType;
        this.label = label;
    }

    public String mediaType() { return mediaType; }

    String label() { return label; }
}
