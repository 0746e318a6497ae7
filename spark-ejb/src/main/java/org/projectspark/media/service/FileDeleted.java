package org.projectspark.media.service;

import java.util.UUID;

/** A file's row is gone (the cleanup deleted it): fired in the deleting transaction, heard after it commits. */
public record FileDeleted(UUID fileId) {
}
