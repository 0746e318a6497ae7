package org.projectspark.sync.service;

import jakarta.json.JsonObject;
import org.projectspark.sync.domain.SyncEvent;

import java.util.Arrays;
import java.util.List;

/** The first result of an event the server holds, as it was answered when the event was applied or rejected. */
final class SyncResults {

    private SyncResults() {
    }

    static EventResult of(int index, SyncEvent held) {
        List<String> flags = held.flags().map(f -> Arrays.asList(f.split(","))).orElse(List.of());
        JsonObject result = held.result().map(EventApplier::parse).orElse(null);
        EventResult.Status status = held.outcome() == SyncEvent.Outcome.APPLIED ? EventResult.Status.APPLIED : EventResult.Status.REJECTED;
        return new EventResult(index, held.id(), status, null, held.reason().orElse(null), flags, result);
    }
}
