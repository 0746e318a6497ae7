package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.projectspark.platform.migration.DatabaseUrl;
import org.projectspark.platform.migration.Migrator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiz submissions graded on the server: every question type, idempotent re-sends, XP ledger and progress. */
@ExtendWith(ArquillianExtension.class)
class SubmissionIT extends DeployedEar {

    /** A published course; returns the quiz activity as a student sees it. */
    private static JsonObject publishedQuiz(String studentToken) {
        String teacher = Api.newTeacher().getString("accessToken");
        Api.Reply created = Api.post("/api/v1/courses", CurriculumIT.COURSE, teacher);
        String courseId = created.json().getString("id");
        assertThat(Api.post("/api/v1/courses/" + courseId + "/publish", "", teacher).status()).isEqualTo(200);
        JsonObject course = Api.get("/api/v1/courses/" + courseId, studentToken).json();
        return course.getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0)
                .getJsonArray("activities").getJsonObject(1);
    }

    private static String q(JsonArray questions, int i) {
        return questions.getJsonObject(i).getString("id");
    }

    /** Right answers to the five questions, written the untidy way students type. */
    private static String allRight(JsonArray qs, UUID client) {
        return """
                {"clientSubmissionId":"%s","answers":[
                 {"questionId":"%s","options":["a"]},
                 {"questionId":"%s","options":["b","a"]},
                 {"questionId":"%s","value":true},
                 {"questionId":"%s","number":3.505},
                 {"questionId":"%s","text":"  NÚSU "}]}""".formatted(client, q(qs, 0), q(qs, 1), q(qs, 2), q(qs, 3), q(qs, 4));
    }

    private static long[] ledgerAndProfile(String userId) throws Exception {
        DatabaseUrl db = DatabaseUrl.parse(System.getProperty("spark.databaseUrl"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), Migrator.credentials(db));
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?), "
                     + "(SELECT xp_points FROM profiles WHERE user_id = ?), (SELECT COUNT(*) FROM submissions WHERE student_id = ?)")) {
            UUID id = UUID.fromString(userId);
            ps.setObject(1, id);
            ps.setObject(2, id);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    @Test
    void everyQuestionTypeIsGradedAndXpIsAwardedOncePerActivity() throws Exception {
        JsonObject student = Api.newStudent();
        String token = student.getString("accessToken");
        JsonObject quiz = publishedQuiz(token);
        JsonArray qs = quiz.getJsonArray("questions");
        String path = "/api/v1/activities/" + quiz.getString("id") + "/submissions";

        UUID first = UUID.randomUUID();
        Api.Reply graded = Api.post(path, allRight(qs, first), token);
        assertThat(graded.status()).as(graded.toString()).isEqualTo(201);
        JsonObject result = graded.json();
        assertThat(result.getJsonNumber("score").doubleValue()).isEqualTo(100.0);
        assertThat(result.getInt("correct")).isEqualTo(5);
        assertThat(result.getJsonArray("feedback").stream().allMatch(f -> f.asJsonObject().getBoolean("correct"))).isTrue();
        // completion 20 + bands 90 (15) and 70 (10) + perfect 10
        assertThat(result.getInt("xpEarned")).isEqualTo(55);
        assertThat(result.getInt("xpTotal")).isEqualTo(55);
        assertThat(result.getInt("level")).isEqualTo(1);
        assertThat(result.getInt("attempt")).isEqualTo(1);
        assertThat(result.getJsonArray("badgesEarned").toString()).isEqualTo("[\"FIRST_QUIZ\",\"PERFECT_QUIZ\"]");
        assertThat(result.getInt("streakDays")).isEqualTo(1);

        Api.Reply again = Api.post(path, allRight(qs, first), token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getBoolean("replayed")).isTrue();
        assertThat(again.json().getString("submissionId")).isEqualTo(result.getString("submissionId"));
        assertThat(again.json().getInt("xpTotal")).isEqualTo(55);
        assertThat(again.json().getJsonArray("badgesEarned").toString()).isEqualTo("[\"FIRST_QUIZ\",\"PERFECT_QUIZ\"]");

        Api.Reply secondAttempt = Api.post(path, allRight(qs, UUID.randomUUID()), token);
        assertThat(secondAttempt.status()).isEqualTo(201);
        assertThat(secondAttempt.json().getInt("attempt")).isEqualTo(2);
        assertThat(secondAttempt.json().getInt("xpEarned")).isZero();
        assertThat(secondAttempt.json().getJsonArray("badgesEarned")).as("badges are earned once").isEmpty();
        Api.Reply badges = Api.get("/api/v1/me/badges", token);
        assertThat(badges.status()).isEqualTo(200);
        assertThat(badges.body()).contains("FIRST_QUIZ", "PERFECT_QUIZ", "earnedAt");

        assertThat(Api.get("/api/v1/users/me", token).json().getInt("xpPoints")).isEqualTo(55);
        long[] db = ledgerAndProfile(student.getJsonObject("user").getString("id"));
        assertThat(db[0]).isEqualTo(db[1]).isEqualTo(55);
        assertThat(db[2]).isEqualTo(2);
    }

    @Test
    void wrongAnswersScoreLowAndEarnNothing() {
        String token = Api.newStudent().getString("accessToken");
        JsonObject quiz = publishedQuiz(token);
        JsonArray qs = quiz.getJsonArray("questions");
        String body = """
                {"clientSubmissionId":"%s","answers":[
                 {"questionId":"%s","options":["b"]},
                 {"questionId":"%s","options":["a"]},
                 {"questionId":"%s","value":true},
                 {"questionId":"%s","number":3.6}]}""".formatted(UUID.randomUUID(), q(qs, 0), q(qs, 1), q(qs, 2), q(qs, 3));
        Api.Reply r = Api.post("/api/v1/activities/" + quiz.getString("id") + "/submissions", body, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().getJsonNumber("score").doubleValue()).isEqualTo(20.0);
        assertThat(r.json().getInt("xpEarned")).isZero();
        assertThat(r.json().getJsonArray("badgesEarned")).isEmpty();
        List<Boolean> correct = r.json().getJsonArray("feedback").stream().map(f -> f.asJsonObject().getBoolean("correct")).toList();
        assertThat(correct).containsExactly(false, false, true, false, false);
    }

    @Test
    void theSameAttemptSentFromFiveConnectionsAtOnceIsGradedOnce() throws Exception {
        JsonObject student = Api.newStudent();
        String token = student.getString("accessToken");
        JsonObject quiz = publishedQuiz(token);
        String body = allRight(quiz.getJsonArray("questions"), UUID.randomUUID());
        String path = "/api/v1/activities/" + quiz.getString("id") + "/submissions";
        List<CompletableFuture<Api.Reply>> sends = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> sends.add(CompletableFuture.supplyAsync(() -> Api.post(path, body, token))));
        List<Api.Reply> replies = sends.stream().map(CompletableFuture::join).toList();
        assertThat(replies).allMatch(r -> r.status() == 200 || r.status() == 201);
        assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(replies.stream().map(r -> r.json().getString("submissionId")).distinct().count()).isEqualTo(1);
        long[] db = ledgerAndProfile(student.getJsonObject("user").getString("id"));
        assertThat(db[0]).isEqualTo(db[1]).isEqualTo(55);
        assertThat(db[2]).isEqualTo(1);
    }

    @Test
    void badSubmissionsAreRefused() {
        String token = Api.newStudent().getString("accessToken");
        JsonObject quiz = publishedQuiz(token);
        String path = "/api/v1/activities/" + quiz.getString("id") + "/submissions";
        Api.Reply foreign = Api.post(path, "{\"clientSubmissionId\":\"%s\",\"answers\":[{\"questionId\":\"%s\",\"value\":true}]}"
                .formatted(UUID.randomUUID(), UUID.randomUUID()), token);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().getString("detail")).contains("not part of this activity");
        assertThat(Api.post(path, "{\"answers\":[]}", token).status()).isEqualTo(400);
        Api.Reply withScore = Api.post(path, "{\"clientSubmissionId\":\"%s\",\"answers\":[],\"score\":100}".formatted(UUID.randomUUID()), token);
        assertThat(withScore.status()).isEqualTo(400);
        assertThat(Api.post("/api/v1/activities/" + UUID.randomUUID() + "/submissions",
                "{\"clientSubmissionId\":\"%s\",\"answers\":[]}".formatted(UUID.randomUUID()), token).status()).isEqualTo(404);
        // only students submit (the admin holds no STUDENT role)
        assertThat(Api.post(path, "{\"clientSubmissionId\":\"%s\",\"answers\":[]}".formatted(UUID.randomUUID()), Api.adminToken()).status())
                .isEqualTo(403);
    }
}
