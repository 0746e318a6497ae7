package org.projectspark.translation.service;

import java.util.UUID;

/** A translation job was committed with texts to send: its provider calls start after the request's commit. */
public record TranslationRequested(UUID jobId) {
}
