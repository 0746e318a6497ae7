package org.projectspark.platform.error;

public class NotFoundException extends SparkException {

    public NotFoundException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return "not-found";
    }

    @Override
    public String title() {
        return "Not found";
    }
}
