package org.projectspark.media.domain;

import org.projectspark.platform.error.SparkException;

/** An image the server cannot make a width of (too many pixels, an encoding the decoder lacks): the original is still there. */
public class ImageNotResizableException extends SparkException {

    public ImageNotResizableException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String type() {
        return "image-not-resizable";
    }

    @Override
    public String title() {
        return "Image cannot be served at a width";
    }
}
