package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress in readings (forward only, completion rewarded once), lesson and course badges, and the
 * student dashboard, whose cached answer changes as soon as the student's own data does.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardIT extends DeployedEar {

    @Test
    void readingProgressMovesOnlyForwardAndCompletionEarnsXpOnce() {
        Fixtures.Member student = Fixtures.newStudent(null);
        JsonObject lesson = Fixtures.publishedLesson(student.token());
        JsonObject reading = lesson.getJsonArray("activities").getJsonObject(0);
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);

        JsonObject half = Fixtures.read(reading, student, 50).json();
        assertThat(half.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(half.getInt("percent")).isEqualTo(50);
        assertThat(half.getInt("xpEarned")).isZero();

        JsonObject done = Fixtures.read(reading, student, 100).json();
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getInt("xpEarned")).isEqualTo(20);
        assertThat(done.containsKey("completedAt")).isTrue();

        JsonObject again = Fixtures.read(reading, student, 30).json();
        assertThat(again.getString("status")).as("progress never moves back").isEqualTo("COMPLETED");
        assertThat(again.getInt("percent")).isEqualTo(100);
        assertThat(again.getInt("xpEarned")).isZero();
        assertThat(again.getInt("xpTotal")).isEqualTo(20);

        JsonObject quizOpened = Fixtures.read(quiz, student, 100).json();
        assertThat(quizOpened.getString("status")).as("a quiz completes only by a passing submission").isEqualTo("IN_PROGRESS");

        assertThat(Fixtures.read(reading, student, 101).status()).isEqualTo(400);
        assertThat(Api.put("/api/v1/activities/" + reading.getString("id") + "/progress", "{}", student.token()).status()).isEqualTo(400);
        assertThat(Api.put("/api/v1/activities/" + UUID.randomUUID() + "/progress", "{\"percent\":10}", student.token()).status()).isEqualTo(404);
        assertThat(Api.put("/api/v1/activities/" + reading.getString("id") + "/progress", "{\"percent\":10}", Api.adminToken()).status()).isEqualTo(403);
    }

    @Test
    void theDashboardFollowsTheStudentsLearningAtOnceAndCourseBadgesComeOnce() {
        Fixtures.Member student = Fixtures.newStudent(null);
        JsonObject lesson = Fixtures.publishedLesson(student.token());
        JsonObject reading = lesson.getJsonArray("activities").getJsonObject(0);
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);

        Api.Reply first = Api.get("/api/v1/me/dashboard", student.token());
        Api.Reply again = Api.get("/api/v1/me/dashboard", student.token());
        assertThat(again.header("X-Cache")).isEqualTo("hit");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        JsonObject before = first.json();
        assertThat(before.getInt("xp")).isZero();
        assertThat(before.getInt("level")).isEqualTo(1);
        assertThat(before.getJsonObject("levelProgress").getInt("nextLevelAt")).isEqualTo(100);
        assertThat(before.getJsonObject("streak").getInt("current")).isZero();
        assertThat(before.getJsonArray("inProgress")).isEmpty();
        assertThat(before.containsKey("nextLesson")).as("something to start with").isTrue();

        Api.Reply read = Fixtures.read(reading, student, 100);
        assertThat(read.json().getJsonArray("badgesEarned").getValuesAs(jakarta.json.JsonString::getString))
                .as("the lesson's quiz is still to do").doesNotContain("FIRST_LESSON", "COURSE_COMPLETE");
        Api.Reply changed = Api.get("/api/v1/me/dashboard", student.token());
        assertThat(changed.header("X-Cache")).as("built anew, not the answer held a moment ago").isEqualTo("miss");
        JsonObject reading1 = changed.json();
        assertThat(reading1.getInt("xp")).as("the cached dashboard was dropped").isEqualTo(20);
        assertThat(reading1.getJsonObject("streak").getInt("current")).isEqualTo(1);
        JsonObject underWay = reading1.getJsonArray("inProgress").getJsonObject(0);
        assertThat(underWay.getString("lessonId")).isEqualTo(lesson.getString("id"));
        assertThat(underWay.getInt("activitiesCompleted")).isEqualTo(1);
        assertThat(underWay.getInt("activities")).isEqualTo(2);
        assertThat(reading1.getJsonObject("nextLesson").getString("lessonId")).as("carry on where you are").isEqualTo(lesson.getString("id"));

        Api.Reply passed = Fixtures.submit(quiz, student, 5);
        assertThat(passed.json().getJsonArray("badgesEarned").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder("FIRST_QUIZ", "PERFECT_QUIZ", "FIRST_LESSON", "COURSE_COMPLETE");
        JsonObject after = Api.get("/api/v1/me/dashboard", student.token()).json();
        assertThat(after.getInt("xp")).isEqualTo(75);
        assertThat(after.getJsonArray("inProgress")).as("the lesson is done").isEmpty();
        assertThat(after.getJsonArray("badges").stream().map(b -> b.asJsonObject().getString("badge")).toList())
                .containsExactlyInAnyOrder("FIRST_QUIZ", "PERFECT_QUIZ", "FIRST_LESSON", "COURSE_COMPLETE");
        assertThat(after.getJsonArray("badges").stream().map(b -> b.asJsonObject())
                .filter(b -> b.getString("badge").equals("COURSE_COMPLETE")).findFirst().orElseThrow().containsKey("courseId")).isTrue();

        Api.Reply retake = Fixtures.submit(quiz, student, 5);
        assertThat(retake.json().getJsonArray("badgesEarned")).as("badges come once").isEmpty();

        // the student's own settings change the dashboard too
        assertThat(Api.patch("/api/v1/users/me", "{\"displayName\":\"Renamed Learner\"}", student.token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/me/dashboard", student.token()).json().getString("displayName")).isEqualTo("Renamed Learner");
    }

    @Test
    void onlyStudentsHaveADashboard() {
        String teacher = Api.newTeacher().getString("accessToken");
        assertThat(Api.get("/api/v1/me/dashboard", teacher).status()).isEqualTo(200); // teachers here still hold the student role
        assertThat(Api.get("/api/v1/me/dashboard", Api.adminToken()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/me/dashboard", null).status()).isEqualTo(401);
    }
}
