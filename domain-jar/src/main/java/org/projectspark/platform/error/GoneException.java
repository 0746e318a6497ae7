package org.projectspark.platform.error;

/** Something the client held on to is no longer served (a sync cursor older than the change log): 410. */
public class GoneException extends SparkException {

    public GoneException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 410;
    }

    @Override
    public String type() {
        return "gone";
    }

    @Override
    public String title() {
        return "No longer available";
    }
}
