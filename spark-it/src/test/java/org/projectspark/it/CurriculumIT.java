package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Teachers write courses in several languages; students read published ones in theirs, without answers. */
@ExtendWith(ArquillianExtension.class)
class CurriculumIT extends DeployedEar {

    /** A course in English and Swahili; the lesson summary and the reading exist in English only. */
    static final String COURSE = """
            {"subject":"math","defaultLocale":"en",
             "title":{"en":"Fractions","sw":"Sehemu"},
             "description":{"en":"Halves, thirds and quarters","sw":"Nusu, theluthi na robo"},
             "units":[{"title":{"en":"Unit 1","sw":"Kipengele 1"},"lessons":[
               {"title":{"en":"What is a half?","sw":"Nusu ni nini?"},"summary":{"en":"Splitting things in two"},
                "activities":[
                  {"type":"READING","title":{"en":"Read"},"body":{"en":"A half is one of two equal parts."}},
                  {"type":"QUIZ","title":{"en":"Quiz","sw":"Jaribio"},"questions":[
                    {"type":"SINGLE_CHOICE","prompt":{"en":"Half of 10?","sw":"Nusu ya 10?"},
                     "options":[{"id":"a","text":{"en":"5"}},{"id":"b","text":{"en":"2"}}],
                     "answerKey":{"correctOptions":["a"]}},
                    {"type":"MULTIPLE_CHOICE","prompt":{"en":"Which are halves of 8?"},
                     "options":[{"id":"a","text":{"en":"4"}},{"id":"b","text":{"en":"four"}},{"id":"c","text":{"en":"3"}}],
                     "answerKey":{"correctOptions":["a","b"]}},
                    {"type":"TRUE_FALSE","prompt":{"en":"Two halves make a whole"},"answerKey":{"correctBoolean":true}},
                    {"type":"NUMERIC","prompt":{"en":"Half of 7?"},"answerKey":{"number":3.5,"tolerance":0.01}},
                    {"type":"SHORT_TEXT","prompt":{"en":"Swahili for half?"},"answerKey":{"accepted":["nusu"]}}
                  ]}
                ]}
             ]}]}""";

    /** Every course the catalogue lists to this reader, page by page (the test database holds many). */
    private static java.util.Set<String> listedCourses(String token) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int offset = 0; ; offset += 100) {
            jakarta.json.JsonArray page = jakarta.json.Json.createReader(new java.io.StringReader(
                    Api.get("/api/v1/courses?limit=100&offset=" + offset, token).body())).readArray();
            page.forEach(c -> ids.add(c.asJsonObject().getString("id")));
            if (page.size() < 100) {
                return ids;
            }
        }
    }

    private static String createdCourse(String teacherToken) {
        Api.Reply created = Api.post("/api/v1/courses", COURSE, teacherToken);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/api/v1/courses/");
        JsonObject source = created.json();
        assertThat(source.getString("status")).isEqualTo("DRAFT");
        // authors get their answer keys back
        assertThat(source.toString()).contains("\"correctOptions\":[\"a\"]", "\"accepted\":[\"nusu\"]");
        return source.getString("id");
    }

    @Test
    void studentsSeeNoDraftsThenReadThePublishedCourseInTheirLanguageWithoutAnswers() {
        String teacher = Api.newTeacher().getString("accessToken");
        String id = createdCourse(teacher);
        JsonObject student = Api.newStudent();
        String token = student.getString("accessToken");

        assertThat(Api.get("/api/v1/courses/" + id, token).status()).isEqualTo(404);
        assertThat(listedCourses(token)).as("drafts are not listed to students").doesNotContain(id);

        Api.Reply published = Api.post("/api/v1/courses/" + id + "/publish", "", teacher);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().getInt("contentVersion")).isEqualTo(1);

        // the student's profile says Swahili
        assertThat(Api.patch("/api/v1/users/me", "{\"locale\":\"sw\"}", token).status()).isEqualTo(200);
        Api.Reply read = Api.get("/api/v1/courses/" + id, token);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("Content-Language")).isEqualTo("sw");
        JsonObject course = read.json();
        assertThat(course.getString("locale")).isEqualTo("sw");
        assertThat(course.getString("title")).isEqualTo("Sehemu");
        JsonObject lesson = course.getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0);
        assertThat(lesson.getString("title")).isEqualTo("Nusu ni nini?");
        assertThat(lesson.getString("summary")).isEqualTo("Splitting things in two"); // no Swahili: the default language
        JsonObject quiz = lesson.getJsonArray("activities").getJsonObject(1);
        assertThat(quiz.getString("title")).isEqualTo("Jaribio");
        assertThat(quiz.getJsonArray("questions")).hasSize(5);
        assertThat(read.body()).doesNotContain("answerKey", "correctOptions", "correctBoolean", "accepted", "nusu\"", "3.5");

        assertThat(listedCourses(token)).contains(id);
        assertThat(Api.get("/api/v1/courses/" + id + "/source", token).status()).isEqualTo(403);
    }

    @Test
    void aLanguageTheCourseLacksFallsBackToItsDefault() {
        String teacher = Api.newTeacher().getString("accessToken");
        String id = createdCourse(teacher);
        Api.post("/api/v1/courses/" + id + "/publish", "", teacher);
        String token = Api.newStudent().getString("accessToken");
        Api.Reply french = Api.send(Api.request("/api/v1/courses/" + id, token).header("Accept-Language", "fr-CM, fr;q=0.9").GET().build());
        assertThat(french.json().getString("locale")).isEqualTo("en");
        assertThat(french.json().getString("title")).isEqualTo("Fractions");
        Api.Reply asked = Api.get("/api/v1/courses/" + id + "?locale=sw-TZ", token);
        assertThat(asked.json().getString("locale")).isEqualTo("sw");
    }

    @Test
    void onlyTeachersAndAdminsWriteAndOnlyTheirOwnCourses() {
        String student = Api.newStudent().getString("accessToken");
        assertThat(Api.post("/api/v1/courses", COURSE, student).status()).isEqualTo(403);
        String author = Api.newTeacher().getString("accessToken");
        String id = createdCourse(author);
        String otherTeacher = Api.newTeacher().getString("accessToken");
        assertThat(Api.put("/api/v1/courses/" + id, COURSE, otherTeacher).status()).isEqualTo(403);
        assertThat(Api.post("/api/v1/courses/" + id + "/publish", "", otherTeacher).status()).isEqualTo(403);
        Api.Reply byAdmin = Api.put("/api/v1/courses/" + id, COURSE.replace("Fractions", "Fractions 2"), Api.adminToken());
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.json().getJsonObject("content").getJsonObject("title").getString("en")).isEqualTo("Fractions 2");
    }

    @Test
    void contentThatCannotBeGradedIsRefused() {
        String teacher = Api.newTeacher().getString("accessToken");
        Api.Reply twoRight = Api.post("/api/v1/courses", COURSE.replace("\"correctOptions\":[\"a\"]", "\"correctOptions\":[\"a\",\"b\"]"), teacher);
        assertThat(twoRight.status()).isEqualTo(400);
        assertThat(twoRight.json().getString("detail")).contains("SINGLE_CHOICE");
        Api.Reply unknownOption = Api.post("/api/v1/courses", COURSE.replace("\"correctOptions\":[\"a\",\"b\"]", "\"correctOptions\":[\"a\",\"z\"]"), teacher);
        assertThat(unknownOption.status()).isEqualTo(400);
        Api.Reply badLocale = Api.post("/api/v1/courses", COURSE.replace("\"sw\":\"Sehemu\"", "\"not a locale\":\"Sehemu\""), teacher);
        assertThat(badLocale.status()).isEqualTo(400);
        assertThat(badLocale.json().getString("detail")).contains("language tag");
        Api.Reply noDefault = Api.post("/api/v1/courses", COURSE.replace("\"defaultLocale\":\"en\"", "\"defaultLocale\":\"fr\""), teacher);
        assertThat(noDefault.status()).isEqualTo(400);
        Api.Reply noType = Api.post("/api/v1/courses", COURSE.replace("\"type\":\"TRUE_FALSE\",", ""), teacher);
        assertThat(noType.status()).isEqualTo(400);
        Api.Reply wrongType = Api.post("/api/v1/courses", COURSE.replace("\"type\":\"READING\"", "\"type\":\"POEM\""), teacher);
        assertThat(wrongType.status()).isEqualTo(400);
    }
}
