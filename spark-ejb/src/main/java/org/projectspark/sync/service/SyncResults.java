package org.projectspark.sync.service;

import org.projectspark.progress.service.HandinResult;
import org.projectspark.progress.service.ProgressResult;
import org.projectspark.progress.service.SubmissionResult;
import org.projectspark.sync.domain.EventOutcome;
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
    static EventOutcome of(SubmissionResult r) {
        List<EventOutcome> feedback = r.feedback().stream()
                .map(q -> EventOutcome.builder().with("questionId", q.questionId().toString()).with("correct", q.correct()).build()).toList();
        return EventOutcome.builder().with("submissionId", r.submissionId().toString())
                .with("clientSubmissionId", r.clientSubmissionId().toString()).with("activityId", r.activityId().toString())
                .with("attempt", r.attempt()).with("score", r.score()).with("correct", r.correct()).with("total", r.total())
                .with("feedback", feedback).with("xpEarned", r.xpEarned()).with("xpTotal", r.xpTotal()).with("level", r.level())
                .with("badgesEarned", r.badgesEarned()).with("streakDays", r.streakDays())
                .with("submittedAt", r.submittedAt().toString()).with("replayed", r.replayed()).build();
    }

    /** Progress recorded (a lesson opened, an activity read, an assignment handed in): as {@code PUT /activities/{id}/progress} answers it. */
    static EventOutcome.Builder of(ProgressResult r) {
        return EventOutcome.builder().with("activityId", r.activityId().toString()).with("status", r.status())
                .with("percent", r.percent()).with("bestScore", r.bestScore()).with("attempts", r.attempts())
                .with("lastAccessed", r.lastAccessed().toString())
                .with("completedAt", r.completedAt() == null ? null : r.completedAt().toString())
                .with("xpEarned", r.xpEarned()).with("xpTotal", r.xpTotal()).with("level", r.level())
                .with("badgesEarned", r.badgesEarned());
    }

    /** A file handed in: the progress result, with the hand-in (as {@code POST /activities/{id}/handins} answers it). */
    static EventOutcome of(HandinResult r) {
        return of(r.progress()).with("handinId", r.handin().id().toString())
                .with("fileId", r.handin().fileId().map(java.util.UUID::toString).orElse(null))
                .with("fileName", r.handin().fileName()).with("sizeBytes", r.handin().sizeBytes())
                .with("handedInAt", r.handin().handedInAt().toString()).with("replayed", r.replayed()).build();
    }

    static EventResult of(int index, SyncEvent held) {
        List<String> flags = held.flags().map(f -> Arrays.asList(f.split(","))).orElse(List.of());
        EventResult.Status status = switch (held.outcome()) {
            case APPLIED -> EventResult.Status.APPLIED;
            case WAITING -> EventResult.Status.WAITING;
            case REJECTED -> EventResult.Status.REJECTED;
        };
        return new EventResult(index, held.id(), status, null, held.reason().orElse(null), flags, held.result().orElse(null));
    }
}
