package org.projectspark.sync.api;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.projectspark.sync.domain.EventOutcome;
import org.projectspark.sync.domain.SyncEventType;
import org.projectspark.sync.service.EventData;
import org.projectspark.sync.service.EventResult;
import org.projectspark.sync.service.IncomingEvent;
import org.projectspark.sync.service.SyncUpload;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEventReaderTest {

    private static final String ID = "6f1c0a52-8d3e-4b7a-9c11-2f5d6e7a8b90";
    private static final String ACTIVITY = "0b7e4c1d-2a3f-4e5d-8c9b-1a2b3c4d5e6f";

    private static IncomingEvent read(String type, String data) {
        String json = "{\"id\":\"" + ID + "\",\"deviceId\":\"tab-1\",\"sequence\":3,\"type\":\"" + type
                + "\",\"deviceTime\":\"2026-11-25T08:30:00+03:00\",\"data\":" + data + "}";
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        return SyncEventReader.read(0, value, "tab-1");
    }

    @Test
    void eachTypesDataIsReadTyped() {
        IncomingEvent progress = read("PROGRESS", "{\"activityId\":\"" + ACTIVITY + "\",\"percent\":40}");
        assertThat(progress.malformed()).isFalse();
        assertThat(progress.type()).isEqualTo(SyncEventType.PROGRESS);
        assertThat(progress.data()).isEqualTo(new EventData.ProgressMade(UUID.fromString(ACTIVITY), 40));
        assertThat(progress.raw()).contains("\"percent\":40");

        IncomingEvent quiz = read("QUIZ_SUBMITTED", "{\"activityId\":\"" + ACTIVITY + "\",\"startedAt\":\"2026-11-25T08:20:00+03:00\","
                + "\"answers\":[{\"questionId\":\"" + ACTIVITY + "\",\"options\":[\"a\"]},{\"questionId\":\"" + ACTIVITY + "\",\"value\":true}]}");
        EventData.QuizAnswered answered = (EventData.QuizAnswered) quiz.data();
        assertThat(answered.clientSubmissionId()).as("the event id when the device sent none").isEqualTo(UUID.fromString(ID));
        assertThat(answered.answers()).hasSize(2);
        assertThat(answered.answers().get(1).bool()).isTrue();

        assertThat(read("BADGE_SEEN", "{\"badge\":\"FIRST_LESSON\",\"scopeId\":\"nope\"}").data())
                .isEqualTo(new EventData.BadgeSeen("FIRST_LESSON", null));
        assertThat(read("ASSIGNMENT_FILE", "{\"activityId\":\"" + ACTIVITY + "\",\"fileRef\":\"" + ID + "\",\"sizeBytes\":12}").data())
                .as("what the device says of the file is not read: the file says it")
                .isEqualTo(new EventData.AssignmentHandedIn(UUID.fromString(ACTIVITY), UUID.fromString(ID)));
    }

    @Test
    void dataThatDoesNotSayWhatItsTypeNeedsIsTheEventsProblem() {
        assertThat(read("PROGRESS", "{\"activityId\":\"" + ACTIVITY + "\",\"percent\":300}").problem())
                .isEqualTo("data.percent must be a whole number from 0 to 100");
        assertThat(read("LESSON_OPENED", "{}").problem()).isEqualTo("data.lessonId must be a UUID");
        assertThat(read("QUIZ_SUBMITTED", "{\"activityId\":\"" + ACTIVITY + "\",\"startedAt\":\"2026-11-25T08:40:00+03:00\",\"answers\":[]}").problem())
                .isEqualTo("data.startedAt must be the device time the quiz was opened, not after deviceTime");
        assertThat(read("ASSIGNMENT_FILE", "{\"activityId\":\"" + ACTIVITY + "\",\"fileRef\":\"photos/kazi.jpg\"}").problem())
                .as("a reference the device made up").startsWith("data.fileRef must be the id the server gave the student's upload");
        IncomingEvent bad = read("PROGRESS", "[]");
        assertThat(bad.problem()).isEqualTo("data must be a JSON object");
        assertThat(bad.data()).isNull();
        assertThat(bad.typeName()).as("kept with its type as sent").isEqualTo("PROGRESS");
        assertThat(bad.id()).isEqualTo(UUID.fromString(ID));
    }

    @Test
    void aReceiptIsWrittenWithItsResultsAsTheyWereGiven() {
        EventOutcome outcome = EventOutcome.builder().with("activityId", ACTIVITY).with("bestScore", new BigDecimal("80.00"))
                .with("completedAt", null).with("badgesEarned", List.of("FIRST_LESSON")).build();
        UUID receipt = UUID.fromString(ID);
        SyncUpload.Receipt r = new SyncUpload.Receipt(receipt, "tab-1", 2, 1, 0, 1, 0, 7, List.of(
                new EventResult(0, receipt, EventResult.Status.APPLIED, null, null, List.of("FUTURE"), outcome),
                new EventResult(1, null, EventResult.Status.REJECTED, null, "id must be a UUID made by the device", List.of(), null)));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.createGenerator(out)) {
            SyncViews.receipt(g, r);
        }
        assertThat(out.toString()).isEqualTo("{\"receiptId\":\"" + ID + "\",\"deviceId\":\"tab-1\",\"received\":2,\"applied\":1,"
                + "\"duplicate\":0,\"rejected\":1,\"waiting\":0,\"heldThroughSequence\":7,\"results\":[{\"index\":0,\"eventId\":\"" + ID + "\","
                + "\"status\":\"APPLIED\",\"flags\":[\"FUTURE\"],\"result\":{\"activityId\":\"" + ACTIVITY + "\",\"bestScore\":80.00,"
                + "\"badgesEarned\":[\"FIRST_LESSON\"]}},{\"index\":1,\"status\":\"REJECTED\",\"reason\":\"id must be a UUID made by the device\"}]}");
    }
}
