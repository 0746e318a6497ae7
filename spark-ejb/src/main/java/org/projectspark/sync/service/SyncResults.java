package org.projectspark.sync.service;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.projectspark.progress.service.ProgressResult;
import org.projectspark.progress.service.SubmissionResult;
import org.projectspark.sync.domain.SyncEvent;

import java.util.Arrays;
import java.util.List;

/**
 * Results of applied events as the device reads them: the first result of an event the server holds, and the
 * results of the learning acts, in the same shape as the online API answers them (docs/api.md), so an app reads a quiz
 * answered offline as it reads one answered online.
 */
final class SyncResults {

    private SyncResults() {
    }

    /** A quiz answered: as {@code POST /activities/{id}/submissions} answers it. */
    static JsonObject of(SubmissionResult r) {
        JsonArrayBuilder feedback = Json.createArrayBuilder();
        r.feedback().forEach(q -> feedback.add(Json.createObjectBuilder().add("questionId", q.questionId().toString()).add("correct", q.correct())));
        return Json.createObjectBuilder().add("submissionId", r.submissionId().toString())
                .add("clientSubmissionId", r.clientSubmissionId().toString()).add("activityId", r.activityId().toString())
                .add("attempt", r.attempt()).add("score", r.score()).add("correct", r.correct()).add("total", r.total())
                .add("feedback", feedback).add("xpEarned", r.xpEarned()).add("xpTotal", r.xpTotal()).add("level", r.level())
                .add("badgesEarned", Json.createArrayBuilder(r.badgesEarned())).add("streakDays", r.streakDays())
                .add("submittedAt", r.submittedAt().toString()).add("replayed", r.replayed()).build();
    }

    /** Progress recorded (a lesson opened, an activity read, an assignment handed in): as {@code PUT /activities/{id}/progress} answers it. */
    static JsonObjectBuilder of(ProgressResult r) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("activityId", r.activityId().toString()).add("status", r.status())
                .add("percent", r.percent());
        if (r.bestScore() != null) {
            b.add("bestScore", r.bestScore());
        }
        b.add("attempts", r.attempts()).add("lastAccessed", r.lastAccessed().toString());
        if (r.completedAt() != null) {
            b.add("completedAt", r.completedAt().toString());
        }
        return b.add("xpEarned", r.xpEarned()).add("xpTotal", r.xpTotal()).add("level", r.level())
                .add("badgesEarned", Json.createArrayBuilder(r.badgesEarned()));
    }

    static EventResult of(int index, SyncEvent held) {
        List<String> flags = held.flags().map(f -> Arrays.asList(f.split(","))).orElse(List.of());
        JsonObject result = held.result().map(EventApplier::parse).orElse(null);
        EventResult.Status status = held.outcome() == SyncEvent.Outcome.APPLIED ? EventResult.Status.APPLIED : EventResult.Status.REJECTED;
        return new EventResult(index, held.id(), status, null, held.reason().orElse(null), flags, result);
    }
}
