package org.projectspark.sync.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.projectspark.sync.service.EventResult;
import org.projectspark.sync.service.SyncStatus;
import org.projectspark.sync.service.SyncUpload;

import java.time.OffsetDateTime;
import java.util.List;

/** The JSON the sync endpoints answer, built directly: a 5,000-event receipt is written once, without a bean copy. */
final class SyncViews {

    private SyncViews() {
    }

    static JsonObject receipt(SyncUpload.Receipt r) {
        JsonArrayBuilder results = Json.createArrayBuilder();
        r.results().forEach(e -> results.add(result(e)));
        return Json.createObjectBuilder().add("receiptId", r.receiptId().toString()).add("deviceId", r.deviceId())
                .add("received", r.received()).add("applied", r.applied()).add("duplicate", r.duplicate())
                .add("rejected", r.rejected()).add("heldThroughSequence", r.heldThrough()).add("results", results).build();
    }

    static JsonObjectBuilder result(EventResult e) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("index", e.index());
        if (e.eventId() != null) {
            b.add("eventId", e.eventId().toString());
        }
        b.add("status", e.status().name());
        if (e.original() != null) {
            b.add("original", e.original());
        }
        if (e.reason() != null) {
            b.add("reason", e.reason());
        }
        if (!e.flags().isEmpty()) {
            JsonArrayBuilder flags = Json.createArrayBuilder();
            e.flags().forEach(flags::add);
            b.add("flags", flags);
        }
        if (e.result() != null) {
            b.add("result", e.result());
        }
        return b;
    }

    static JsonObject device(SyncStatus.Device d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("deviceId", d.deviceId()).add("registeredAt", time(d.registeredAt()))
                .add("heldThroughSequence", d.heldThroughSequence()).add("eventsHeld", d.eventsHeld());
        if (d.label() != null) {
            b.add("label", d.label());
        }
        if (d.lastSyncedAt() != null) {
            b.add("lastSyncedAt", time(d.lastSyncedAt()));
        }
        if (d.lastReceiptId() != null) {
            b.add("lastReceiptId", d.lastReceiptId().toString());
        }
        return b.build();
    }

    static JsonObject receiptStatus(SyncStatus.Receipt r) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("receiptId", r.receiptId().toString()).add("deviceId", r.deviceId())
                .add("source", r.source()).add("status", r.status()).add("received", r.received()).add("applied", r.applied())
                .add("duplicate", r.duplicate()).add("rejected", r.rejected()).add("bytesReceived", r.bytesReceived())
                .add("startedAt", time(r.startedAt()));
        if (r.durationMs() != null) {
            b.add("durationMs", r.durationMs());
        }
        if (r.completedAt() != null) {
            b.add("completedAt", time(r.completedAt()));
        }
        if (r.error() != null) {
            b.add("error", r.error());
        }
        return b.build();
    }

    static JsonObject devices(List<SyncStatus.Device> devices) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        devices.forEach(d -> a.add(device(d)));
        return Json.createObjectBuilder().add("devices", a).build();
    }

    static String time(OffsetDateTime t) {
        return t.toInstant().toString();
    }
}
