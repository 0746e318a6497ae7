package org.projectspark.sync.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.TooLargeException;
import org.projectspark.sync.service.IncomingEvent;
import org.projectspark.sync.service.SyncBundles;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payload of an events bundle whose signature holds (docs/sync.md, "Bundles"):
 * {@code {"bundleId", "classId", "uploads": [{"studentId", "deviceId", "events": [...]}]}}, each upload's events read
 * as an API upload's are. An upload that cannot be applied carries its reason; the bundle as a whole is refused
 * when it does not answer its export or holds too many events.
 */
final class SyncBundleReader {

    private SyncBundleReader() {
    }

    /** @param maxEvents the events one upload may hold; a bundle holds at most 20 times as many */
    static List<SyncBundles.DeviceUpload> uploads(SyncBundles.Verified bundle, int maxEvents) {
        JsonObject payload = parse(bundle.payload());
        if (!bundle.bundleId().toString().equals(SyncEventReader.string(payload, "bundleId"))
                || !bundle.classId().toString().equals(SyncEventReader.string(payload, "classId"))) {
            throw new InvalidRequestException("the bundle's bundleId and classId must be those of the export it answers");
        }
        if (!(payload.get("uploads") instanceof JsonArray uploads)) {
            throw new InvalidRequestException("uploads must be an array of {studentId, deviceId, events}");
        }
        int total = uploads.stream().filter(u -> u instanceof JsonObject o && o.get("events") instanceof JsonArray)
                .mapToInt(u -> u.asJsonObject().getJsonArray("events").size()).sum();
        if (total > maxEvents * 20) {
            throw new TooLargeException("a bundle holds at most " + maxEvents * 20 + " events; this one has " + total);
        }
        List<SyncBundles.DeviceUpload> read = new ArrayList<>(uploads.size());
        for (JsonValue value : uploads) {
            read.add(upload(value, maxEvents));
        }
        return read;
    }

    private static SyncBundles.DeviceUpload upload(JsonValue value, int maxEvents) {
        JsonObject u = value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        String student = SyncEventReader.string(u, "studentId");
        String device = SyncEventReader.string(u, "deviceId");
        if (device == null || !SyncEventReader.DEVICE_ID.matcher(device).matches() || !(u.get("events") instanceof JsonArray events)) {
            return new SyncBundles.DeviceUpload(student, device, List.of(), "each upload needs deviceId (1 to 64 letters, digits or . _ : -) and events");
        }
        if (events.size() > maxEvents) {
            return new SyncBundles.DeviceUpload(student, device, List.of(), "an upload holds at most " + maxEvents + " events");
        }
        List<IncomingEvent> incoming = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            incoming.add(SyncEventReader.read(i, events.get(i), device));
        }
        return new SyncBundles.DeviceUpload(student, device, incoming, null);
    }

    private static JsonObject parse(String payload) {
        try (JsonReader r = Json.createReader(new StringReader(payload))) {
            return r.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new InvalidRequestException("the bundle's payload is not a JSON object: " + e.getMessage());
        }
    }
}
