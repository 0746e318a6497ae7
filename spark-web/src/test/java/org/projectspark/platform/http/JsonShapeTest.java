package org.projectspark.platform.http;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemException;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonShapeTest {

    enum Kind { QUIZ, READING }

    record Inner(String id) {
    }

    record Sample(@Min(0) @Max(100) Integer percent, long big, String name, Boolean flag, UUID id, List<String> tags,
                  Map<String, String> title, Inner inner, Kind kind, OffsetDateTime at, Double number) {
    }

    private static List<Problem.FieldError> check(String json) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        return JsonShape.mismatches(value, Sample.class);
    }

    private static String errors(String json) {
        return check(json).stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Test
    void aBodyOfTheRightTypesFits() {
        assertThat(check("{\"percent\": 50, \"big\": 12345678901, \"name\": \"Amina\", \"flag\": true,"
                + " \"id\": \"3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f\", \"tags\": [\"a\"], \"title\": {\"en\": \"Hi\"},"
                + " \"inner\": {\"id\": \"x\"}, \"kind\": \"QUIZ\", \"at\": \"2026-12-07T08:00:00Z\", \"number\": 3}")).isEmpty();
        assertThat(check("{\"percent\": null, \"name\": null}")).as("null is for Bean Validation to judge").isEmpty();
        assertThat(check("{\"percent\": 5E1}")).as("50 written as 5E1 is a whole number").isEmpty();
    }

    @Test
    void numbersAreStrictAndNeverWrap() {
        assertThat(errors("{\"percent\": \"50\"}")).isEqualTo("percent must be a whole number from 0 to 100");
        assertThat(errors("{\"percent\": 1000000000000}")).isEqualTo("percent must be a whole number from 0 to 100");
        assertThat(errors("{\"percent\": 50.5}")).isEqualTo("percent must be a whole number from 0 to 100");
        assertThat(errors("{\"big\": 99999999999999999999}")).startsWith("big must be a whole number");
        assertThat(errors("{\"big\": 1e999999999}")).as("compared, never expanded").startsWith("big must be a whole number");
        assertThat(errors("{\"number\": \"3\"}")).isEqualTo("number must be a number");
    }

    @Test
    void textFlagsIdsEnumsAndTimesAreTheirOwnType() {
        assertThat(errors("{\"name\": 12345}")).isEqualTo("name must be text (a JSON string)");
        assertThat(errors("{\"flag\": \"true\"}")).isEqualTo("flag must be true or false");
        assertThat(errors("{\"id\": \"not-an-id\"}")).startsWith("id must be an id");
        assertThat(errors("{\"kind\": \"VIDEO\"}")).isEqualTo("kind must be one of QUIZ, READING");
        assertThat(errors("{\"at\": \"yesterday\"}")).startsWith("at must be a date and time");
    }

    @Test
    void nestedValuesAreNamedByTheirPath() {
        assertThat(errors("{\"tags\": [\"a\", 2]}")).isEqualTo("tags[1] must be text (a JSON string)");
        assertThat(errors("{\"title\": {\"en\": 5}}")).isEqualTo("title.en must be text (a JSON string)");
        assertThat(errors("{\"inner\": {\"id\": \"x\", \"extra\": 1}}")).isEqualTo("inner.extra is not a field of this request (it takes id)");
        assertThat(errors("{\"tags\": {}}")).isEqualTo("tags must be a list (a JSON array)");
    }

    @Test
    void unknownFieldsAndOtherShapesAreRefused() {
        assertThat(errors("{\"roles\": [\"ADMIN\"]}")).startsWith("roles is not a field of this request");
        assertThat(errors("[1, 2]")).startsWith("body must be a JSON object");
    }

    @Test
    void aBodyIsOneJsonValueNotTooDeep() {
        assertThat(JsonBodies.parse(stream(""))).isNull();
        assertThat(JsonBodies.parse(stream(" {\"a\": [1, {\"b\": null}], \"\": 2} ")).toString()).isEqualTo("{\"a\":[1,{\"b\":null}],\"\":2}");
        assertThatThrownBy(() -> JsonBodies.parse(stream("{} {}"))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> JsonBodies.parse(stream("{\"a\":"))).isInstanceOf(ProblemException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> JsonBodies.parse(stream("[".repeat(100_000)))).isInstanceOf(ProblemException.class)
                .hasMessageContaining("deeper than 64");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
