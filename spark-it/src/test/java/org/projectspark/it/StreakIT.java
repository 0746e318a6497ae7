package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaks on the real server: days are the student's own (a time zone 14 hours ahead of UTC), one missed
 * day is forgiven once a week, and the day that extends a streak earns the bonus. Earlier days are set up
 * in the streaks table, as if the student had learned on them.
 */
@ExtendWith(ArquillianExtension.class)
class StreakIT extends DeployedEar {

    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati"); // UTC+14: its date differs from UTC's 10 hours a day

    private static Fixtures.Member studentIn(ZoneId zone) {
        Fixtures.Member s = Fixtures.newStudent(null);
        assertThat(Api.patch("/api/v1/users/me", "{\"timeZone\":\"" + zone.getId() + "\"}", s.token()).status()).isEqualTo(200);
        return s;
    }

    private static void learnedBefore(Fixtures.Member s, int days, LocalDate lastActive, LocalDate graceUsed) throws Exception {
        try (Connection c = Fixtures.database(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO streaks (student_id, current_days, longest_days, last_active_on, grace_used_on) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.fromString(s.id()));
            ps.setInt(2, days);
            ps.setInt(3, days);
            ps.setObject(4, lastActive);
            ps.setObject(5, graceUsed);
            ps.executeUpdate();
        }
    }

    @Test
    void theStreakGrowsOnTheStudentsNextDayAndEarnsTheBonus() throws Exception {
        Fixtures.Member s = studentIn(KIRITIMATI);
        JsonObject quiz = Fixtures.publishedLesson(s.token()).getJsonArray("activities").getJsonObject(1);
        LocalDate today = LocalDate.now(KIRITIMATI);
        learnedBefore(s, 3, today.minusDays(1), null);

        JsonObject result = Fixtures.submit(quiz, s, 5).json();
        assertThat(result.getInt("streakDays")).isEqualTo(4);
        assertThat(result.getInt("xpEarned")).as("55 for the quiz, 5 for extending the streak").isEqualTo(60);

        JsonObject again = Fixtures.submit(quiz, s, 5).json();
        assertThat(again.getInt("streakDays")).isEqualTo(4);
        assertThat(again.getInt("xpEarned")).as("one bonus a day").isZero();
        assertThat(Api.get("/api/v1/me/dashboard", s.token()).json().getJsonObject("streak").getString("lastActiveOn"))
                .isEqualTo(today.toString());
    }

    @Test
    void oneMissedDayIsForgivenButNotTwiceInAWeek() throws Exception {
        LocalDate today = LocalDate.now(KIRITIMATI);
        Fixtures.Member forgiven = studentIn(KIRITIMATI);
        JsonObject quiz = Fixtures.publishedLesson(forgiven.token()).getJsonArray("activities").getJsonObject(1);
        learnedBefore(forgiven, 5, today.minusDays(2), null);
        assertThat(Fixtures.submit(quiz, forgiven, 5).json().getInt("streakDays")).isEqualTo(6);

        Fixtures.Member again = studentIn(KIRITIMATI);
        learnedBefore(again, 5, today.minusDays(2), today.minusDays(5));
        JsonObject restarted = Fixtures.submit(quiz, again, 5).json();
        assertThat(restarted.getInt("streakDays")).isEqualTo(1);
        assertThat(restarted.getInt("xpEarned")).as("no bonus for a new streak").isEqualTo(55);

        Fixtures.Member lapsed = studentIn(KIRITIMATI);
        learnedBefore(lapsed, 9, today.minusDays(3), null);
        assertThat(Api.get("/api/v1/me/dashboard", lapsed.token()).json().getJsonObject("streak").getInt("current"))
                .as("two missed days end a streak").isZero();
    }
}
