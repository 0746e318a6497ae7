package org.projectspark.media.domain;

import org.projectspark.platform.error.InvalidRequestException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A width a device may ask an image at. A small fixed set, so each image has at most a few kept variants and a cache
 * in front of the server holds them well; any other value is refused with the set named.
 */
public record ImageWidth(int pixels) {

    /** Phones' thumbnails, phone screens, tablets and large screens. */
    static final int[] ALLOWED = {160, 320, 640, 1280};

    public ImageWidth {
        if (Arrays.stream(ALLOWED).noneMatch(w -> w == pixels)) {
            throw refused(String.valueOf(pixels));
        }
    }

    /** The width the query parameter {@code w} names. */
    public static ImageWidth of(String w) {
        try {
            return new ImageWidth(Integer.parseInt(w.trim()));
        } catch (NumberFormatException e) {
            throw refused(w);
        }
    }

    public static String allowed() {
        return Arrays.stream(ALLOWED).mapToObj(String::valueOf).collect(Collectors.joining(", "));
    }

    private static InvalidRequestException refused(String w) {
        String shown = w.length() > 20 ? w.substring(0, 20) + "..." : w;
        return new InvalidRequestException("w=" + shown + " is not a width images are served at; ask for one of " + allowed() + " (pixels)");
    }
}
