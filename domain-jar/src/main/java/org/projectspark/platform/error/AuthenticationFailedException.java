package org.projectspark.platform.error;

public class AuthenticationFailedException extends SparkException {

    public AuthenticationFailedException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String type() {
        return "unauthorized";
    }

    @Override
    public String title() {
        return "Unauthorized";
    }
}
