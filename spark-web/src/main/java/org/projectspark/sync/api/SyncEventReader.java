package org.projectspark.sync.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.sync.domain.SyncEventType;
import org.projectspark.sync.service.EventData;
import org.projectspark.sync.service.IncomingEvent;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one event of an upload (docs/sync.md): its envelope and its data, checked as far as the JSON alone can be.
 * A malformed event becomes an {@link IncomingEvent} with its problem, so the batch goes on; an event without a
 * usable id cannot be kept, and is only reported.
 */
final class SyncEventReader {

    /** Device ids are made by the app at install: letters, digits and {@code -_.:}, at most 64. */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final int MAX_EVENT_CHARS = 64 * 1024;

    private SyncEventReader() {
    }

    /**
     * @param batchDevice the device the batch comes from; an event naming another device is rejected (a bundle
     *                    carries several devices and passes each event's own)
     */
    static IncomingEvent read(int index, JsonValue value, String batchDevice) {
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
            return problem(index, id, device, sequence, typeName, deviceTime, raw, "type must be one of " + Arrays.toString(SyncEventType.values()));
        }
        JsonValue data = o.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        if (data.getValueType() != JsonValue.ValueType.OBJECT) {
            return problem(index, id, device, sequence, typeName, deviceTime, raw, "data must be a JSON object");
        }
        try {
            return new IncomingEvent(index, id, device, sequence, type.name(), deviceTime, data(type, id, deviceTime, data.asJsonObject()), raw, null);
        } catch (Invalid invalid) {
            return problem(index, id, device, sequence, typeName, deviceTime, raw, invalid.getMessage());
        }
    }

    private static IncomingEvent problem(int index, UUID id, String device, long sequence, String typeName,
                                         OffsetDateTime time, String raw, String problem) {
        String safeDevice = device != null && DEVICE_ID.matcher(device).matches() ? device : "unknown";
        String safeType = typeName == null ? "UNKNOWN" : typeName.length() > 32 ? typeName.substring(0, 32) : typeName;
        return new IncomingEvent(index, id, safeDevice, sequence, safeType, time, null, raw, problem);
    }

    // --- data, by type (docs/sync.md, "Event types") ---

    private static EventData data(SyncEventType type, UUID eventId, OffsetDateTime deviceTime, JsonObject data) {
        return switch (type) {
            case LESSON_OPENED -> new EventData.LessonOpened(requiredUuid(data, "lessonId"));
            case PROGRESS -> {
                UUID activity = requiredUuid(data, "activityId");
                if (!(data.get("percent") instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 0 || n.intValue() > 100) {
                    throw new Invalid("data.percent must be a whole number from 0 to 100");
                }
                yield new EventData.ProgressMade(activity, n.intValue());
            }
            case QUIZ_SUBMITTED -> {
                UUID activity = requiredUuid(data, "activityId");
                OffsetDateTime startedAt = time(data, "startedAt");
                if (startedAt == null || startedAt.isAfter(deviceTime)) {
                    throw new Invalid("data.startedAt must be the device time the quiz was opened, not after deviceTime");
                }
                UUID client = uuid(data, "clientSubmissionId");
                yield new EventData.QuizAnswered(activity, startedAt, client == null ? eventId : client, answers(data));
            }
            case ASSIGNMENT_FILE -> assignment(data);
            case BADGE_SEEN -> {
                String badge = string(data, "badge");
                if (badge == null || badge.isBlank() || badge.length() > 32) {
                    throw new Invalid("data.badge must name a badge the student earned");
                }
                yield new EventData.BadgeSeen(badge, uuid(data, "scopeId"));
            }
            case NOTIFICATION_READ -> new EventData.NotificationRead(requiredUuid(data, "notificationId"));
        };
    }

    /** {@code fileName}, {@code sizeBytes} and {@code sha256}, which older apps send, are not read: the file says them. */
    private static EventData.AssignmentHandedIn assignment(JsonObject data) {
        UUID activity = requiredUuid(data, "activityId");
        UUID fileRef = uuid(data, "fileRef");
        if (fileRef == null) {
            throw new Invalid("data.fileRef must be the id the server gave the student's upload (a UUID: a file's id, or a resumable"
                    + " upload's)");
        }
        return new EventData.AssignmentHandedIn(activity, fileRef);
    }

    private static List<Answer> answers(JsonObject data) {
        if (!(data.get("answers") instanceof JsonArray array) || array.size() > 200) {
            throw new Invalid("data.answers must be an array of at most 200 answers");
        }
        List<Answer> answers = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Invalid("each answer must be an object with questionId");
            }
            JsonObject a = v.asJsonObject();
            UUID question = uuid(a, "questionId");
            if (question == null) {
                throw new Invalid("each answer needs questionId (a UUID)");
            }
            Set<String> options = new HashSet<>();
            if (a.get("options") instanceof JsonArray opts) {
                for (JsonValue o : opts) {
                    if (!(o instanceof JsonString s) || s.getString().length() > 32 || options.size() >= 20) {
                        throw new Invalid("answer options must be at most 20 option ids of at most 32 characters");
                    }
                    options.add(s.getString());
                }
            }
            JsonValue value = a.get("value");
            Boolean bool = value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
            Double number = a.get("number") instanceof JsonNumber n ? n.doubleValue() : null;
            String text = string(a, "text");
            if (text != null && text.length() > 500) {
                throw new Invalid("a text answer must be at most 500 characters");
            }
            answers.add(new Answer(question, options, bool, number, text));
        }
        return answers;
    }

    /** The event's data does not say what its type needs: it is rejected with this reason. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private static UUID requiredUuid(JsonObject data, String name) {
        UUID id = uuid(data, name);
        if (id == null) {
            throw new Invalid("data." + name + " must be a UUID");
        }
        return id;
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
