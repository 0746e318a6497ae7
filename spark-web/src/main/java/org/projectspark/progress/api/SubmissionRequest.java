package org.projectspark.progress.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Body of POST /activities/{id}/submissions. {@code clientSubmissionId} is made by the device once per
 * attempt: sending the same attempt again returns its first result instead of grading it twice. There is no
 * score field: the server grades.
 */
public record SubmissionRequest(@NotNull UUID clientSubmissionId,
                                @NotNull @Size(max = 200) List<@NotNull @Valid AnswerRequest> answers) {

    /** One answer: {@code options} for choice questions, {@code value} for true/false, {@code number}, or {@code text}. */
    public record AnswerRequest(@NotNull UUID questionId, @Size(max = 20) List<@NotNull @Size(max = 32) String> options,
                                Boolean value, Double number, @Size(max = 500) String text) {
    }
}
