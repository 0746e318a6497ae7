package org.projectspark.sync.service;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.projectspark.sync.domain.SyncEventType;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one event of an upload. A malformed event becomes an {@link IncomingEvent} with its problem, so the
 * batch goes on; an event without a usable id cannot be kept, and is only reported.
 */
public final class SyncEventReader {

    /** Device ids are made by the app at install: letters, digits and {@code -_.:}, at most 64. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final int MAX_EVENT_CHARS = 64 * 1024;

    private SyncEventReader() {
    }

    /**
     * @param batchDevice the device the batch comes from; an event naming another device is rejected (a bundle
     *                    carries several devices and passes each event's own)
     */
    public static IncomingEvent read(int index, JsonValue value, String batchDevice) {
        String raw = value.toString();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return problem(index, null, batchDevice, 0, null, null, raw, "an event must be a JSON object");
        }
        JsonObject o = value.asJsonObject();
        UUID id = uuid(o, "id");
        if (id == null) {
            return problem(index, null, batchDevice, 0, null, null, raw, "id must be a UUID made by the device");
        }
        String device = o.containsKey("deviceId") ? string(o, "deviceId") : batchDevice;
        long sequence = o.get("sequence") instanceof JsonNumber n && n.isIntegral() ? n.longValue() : -1;
        String typeName = string(o, "type");
        OffsetDateTime deviceTime = time(o, "deviceTime");
        if (raw.length() > MAX_EVENT_CHARS) {
            return problem(index, id, batchDevice, Math.max(sequence, 0), typeName, deviceTime, null,
                    "the event is larger than " + MAX_EVENT_CHARS + " characters");
        }
        if (device == null || !DEVICE_ID.matcher(device).matches()) {
            return problem(index, id, batchDevice, Math.max(sequence, 0), typeName, deviceTime, raw,
                    "deviceId must be 1 to 64 letters, digits or . _ : -");
        }
        if (batchDevice != null && !device.equals(batchDevice)) {
            return problem(index, id, batchDevice, Math.max(sequence, 0), typeName, deviceTime, raw,
                    "deviceId '" + device + "' is not the device of the batch ('" + batchDevice + "')");
        }
        if (sequence < 1) {
            return problem(index, id, device, 0, typeName, deviceTime, raw, "sequence must be a whole number from 1 (the device's own event counter)");
        }
        if (deviceTime == null) {
            return problem(index, id, device, sequence, typeName, null, raw, "deviceTime must be a date-time with offset, e.g. 2026-11-25T08:30:00+03:00");
        }
        SyncEventType type;
        try {
            type = SyncEventType.valueOf(typeName == null ? "" : typeName);
        } catch (IllegalArgumentException e) {
            return problem(index, id, device, sequence, typeName, deviceTime, raw, "type must be one of " + java.util.Arrays.toString(SyncEventType.values()));
        }
        JsonValue data = o.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            return problem(index, id, device, sequence, typeName, deviceTime, raw, "data must be a JSON object");
        }
        return new IncomingEvent(index, id, device, sequence, type, type.name(), deviceTime, data.asJsonObject(), raw, null);
    }

    private static IncomingEvent problem(int index, UUID id, String device, long sequence, String typeName,
                                         OffsetDateTime time, String raw, String problem) {
        String safeDevice = device != null && DEVICE_ID.matcher(device).matches() ? device : "unknown";
        String safeType = typeName == null ? "UNKNOWN" : typeName.length() > 32 ? typeName.substring(0, 32) : typeName;
        return new IncomingEvent(index, id, safeDevice, sequence, null, safeType, time, null, raw, problem);
    }

    static UUID uuid(JsonObject o, String name) {
        String s = string(o, name);
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static OffsetDateTime time(JsonObject o, String name) {
        String s = string(o, name);
        try {
            return s == null ? null : OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
