package org.projectspark.platform.error;

public class InvalidRequestException extends SparkException {

    public InvalidRequestException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid-request";
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
