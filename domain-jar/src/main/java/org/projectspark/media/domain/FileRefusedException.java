package org.projectspark.media.domain;

import org.projectspark.platform.error.SparkException;

/** A file the server will not keep, with the reason the client can act on. */
public class FileRefusedException extends SparkException {

    private final int status;
    private final String type;
    private final String title;

    private FileRefusedException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static FileRefusedException tooLarge(long limit) {
        return new FileRefusedException(413, "file-too-large", "File too large",
                "The file is larger than " + limit + " bytes, the most this kind of upload may hold");
    }

    /** 413, not 507: the client's allowance is full, not the server's disk, and a client must not retry it as a server failure. */
    public static FileRefusedException quotaFull(String whose, long used, long quota, long size) {
        return new FileRefusedException(413, "quota-exceeded", "Storage quota exceeded",
                whose + " uses " + used + " of " + quota + " bytes; this file (" + size + " bytes) does not fit. Delete files or ask an admin for a larger quota");
    }

    public static FileRefusedException typeNotAllowed(String detected, String allowed) {
        return new FileRefusedException(415, "file-type-not-allowed", "File type not allowed",
                "The file's content is " + detected + ", which is not accepted here; accepted: " + allowed
                        + " (the content decides, not the name or the declared type)");
    }

    public static FileRefusedException empty() {
        return new FileRefusedException(400, "empty-file", "Empty file", "The request carries no file: send the file's bytes as the body");
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }
}
