package org.projectspark.platform.error;

/** A request with more in it than the server takes at once (events in a batch, bytes after inflating): 413. */
public class TooLargeException extends SparkException {

    public TooLargeException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String type() {
        return "too-large";
    }

    @Override
    public String title() {
        return "Request too large";
    }
}
