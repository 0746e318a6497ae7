package org.projectspark.assignment.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.projectspark.assignment.service.HandInRecord;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A hand-in as JSON: the file (its server id and where to read it, when it is an uploaded file of the student's; else
 * the reference the device sent), when it was handed in, whether it is the student's newest for the assignment, and the
 * grade when there is one.
 */
@JsonbPropertyOrder({"handinId", "studentId", "displayName", "activityId", "fileId", "fileName", "sizeBytes", "mediaType", "contentUrl",
        "fileRef", "handedInAt", "latest", "grade"})
public record HandInView(String handinId, String studentId, String displayName, String activityId, String fileId, String fileName,
                         Long sizeBytes, String mediaType, String contentUrl, String fileRef, OffsetDateTime handedInAt, boolean latest,
                         GradeView grade) {

    @JsonbPropertyOrder({"score", "feedback", "gradedBy", "gradedByName", "firstGradedAt", "gradedAt", "revision"})
    public record GradeView(int score, String feedback, String gradedBy, String gradedByName, OffsetDateTime firstGradedAt,
                            OffsetDateTime gradedAt, int revision) {
    }

    /** A page of hand-ins. */
    @Schema(name = "HandInPage")
    public record Page(List<HandInView> items, long total, int offset, int limit) {
    }

    static HandInView of(HandInRecord h) {
        String fileId = h.fileId().map(UUID::toString).orElse(null);
        return new HandInView(h.handInId().toString(), h.studentId().toString(), h.displayName(), h.activityId().toString(), fileId,
                h.fileName(), h.sizeBytes(), h.mediaType(), fileId == null ? null : "/api/v1/files/" + fileId + "/content",
                fileId == null ? h.fileRef() : null, h.handedInAt(), h.latest(),
                h.grade().map(g -> new GradeView(g.score(), g.feedback(), g.gradedBy() == null ? null : g.gradedBy().toString(),
                        g.gradedByName(), g.firstGradedAt(), g.gradedAt(), g.revision())).orElse(null));
    }
}
