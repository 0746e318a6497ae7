package org.projectspark.platform.error;

public class ConflictException extends SparkException {

    public ConflictException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "conflict";
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
