package org.projectspark.progress.service;

import org.projectspark.progress.domain.Handin;

/**
 * A file handed in for an assignment (online or from an offline event): the hand-in, and the student's progress in the
 * assignment after it, as {@code PUT /activities/{id}/progress} answers it. {@code replayed}: this file was handed in
 * for this activity before, and this is that hand-in.
 */
public record HandinResult(Handin handin, ProgressResult progress, boolean replayed) {

    public boolean earnedAnything() {
        return progress.earnedAnything();
    }
}
