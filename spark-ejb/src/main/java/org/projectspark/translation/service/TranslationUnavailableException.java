package org.projectspark.translation.service;

import org.projectspark.platform.error.SparkException;

/** Machine translation is not set up on this server (no TRANSLATION_API_KEY): 503, and the rest of the API works. */
public class TranslationUnavailableException extends SparkException {

    public TranslationUnavailableException() {
        super("Machine translation is not configured on this server (TRANSLATION_API_KEY is not set)");
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String type() {
        return "translation-unavailable";
    }

    @Override
    public String title() {
        return "Machine translation unavailable";
    }
}
