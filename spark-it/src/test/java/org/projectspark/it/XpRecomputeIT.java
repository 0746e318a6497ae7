package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the rules change, XP is recomputed from stored submissions and completions: a dry run lists who
 * gains or loses what and changes nothing; a real run appends one adjustment per student to the ledger.
 */
@ExtendWith(ArquillianExtension.class)
class XpRecomputeIT extends DeployedEar {

    private static long[] ledgerAndProfile(String id) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?), (SELECT xp_points FROM profiles WHERE user_id = ?),"
                        + " (SELECT count(*) FROM xp_events WHERE student_id = ? AND reason = 'RULES_ADJUSTMENT')")) {
            for (int i = 1; i <= 3; i++) {
                ps.setObject(i, UUID.fromString(id));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static Optional<JsonObject> correctionFor(JsonObject report, String studentId) {
        return report.getJsonArray("corrections").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("studentId").equals(studentId)).findFirst();
    }

    @Test
    void aDryRunListsTheChangeAndARealRunAppendsOneAdjustment() throws Exception {
        Fixtures.Member student = Fixtures.newStudent(null);
        JsonObject lesson = Fixtures.publishedLesson(student.token());
        Fixtures.submit(lesson.getJsonArray("activities").getJsonObject(1), student, 5); // 55 under today's rules

        // the student also holds 40 XP from a rule that no longer exists (written as the old server did)
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "WITH old AS (INSERT INTO xp_events (student_id, points, reason, source_id, created_at) VALUES (?, 40, 'OLD_RULE', gen_random_uuid(), now()))"
                        + " UPDATE profiles SET xp_points = xp_points + 40 WHERE user_id = ?")) {
            ps.setObject(1, UUID.fromString(student.id()));
            ps.setObject(2, UUID.fromString(student.id()));
            ps.executeUpdate();
        }

        Api.Reply dry = Api.post("/api/v1/admin/xp/recompute", "", Api.adminToken());
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().getBoolean("dryRun")).isTrue();
        JsonObject listed = correctionFor(dry.json(), student.id()).orElseThrow();
        assertThat(listed.getInt("xpBefore")).isEqualTo(95);
        assertThat(listed.getInt("xpAfter")).isEqualTo(55);
        assertThat(listed.getInt("delta")).isEqualTo(-40);
        assertThat(ledgerAndProfile(student.id())).as("a dry run changes nothing").containsExactly(95, 95, 0);

        Api.Reply real = Api.post("/api/v1/admin/xp/recompute?dryRun=false", "", Api.adminToken());
        assertThat(real.status()).isEqualTo(200);
        assertThat(correctionFor(real.json(), student.id()).orElseThrow().getInt("xpAfter")).isEqualTo(55);
        assertThat(ledgerAndProfile(student.id())).as("ledger sum = profile XP, one adjustment line").containsExactly(55, 55, 1);
        assertThat(Api.get("/api/v1/users/me", student.token()).json().getInt("xpPoints")).isEqualTo(55);

        Api.Reply again = Api.post("/api/v1/admin/xp/recompute", "", Api.adminToken());
        assertThat(correctionFor(again.json(), student.id())).as("nothing left to correct").isEmpty();

        // learning after the correction still counts toward the day's cap as before
        Api.Reply retake = Fixtures.submit(lesson.getJsonArray("activities").getJsonObject(1), student, 5);
        assertThat(retake.json().getInt("xpTotal")).isEqualTo(55);
    }

    @Test
    void onlyAdminsRecompute() {
        String teacher = Api.newTeacher().getString("accessToken");
        assertThat(Api.post("/api/v1/admin/xp/recompute", "", teacher).status()).isEqualTo(403);
        assertThat(Api.post("/api/v1/admin/xp/recompute", "", Fixtures.newStudent(null).token()).status()).isEqualTo(403);
    }
}
