package org.projectspark.platform.error;

public class AccessDeniedException extends SparkException {

    public AccessDeniedException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "forbidden";
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
