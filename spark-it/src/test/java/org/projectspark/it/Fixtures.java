package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.projectspark.platform.migration.DatabaseUrl;
import org.projectspark.platform.migration.Migrator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** Schools, classes, a published course and students who learned in it, made through the API. */
final class Fixtures {

    private Fixtures() {
    }

    /** A signed-in user: id and token. */
    record Member(String id, String token, String username) {
        static Member of(JsonObject login) {
            JsonObject user = login.getJsonObject("user");
            return new Member(user.getString("id"), login.getString("accessToken"), user.getString("username"));
        }
    }

    static String newSchool() {
        Api.Reply r = Api.post("/api/v1/schools", "{\"name\":\"" + Api.uniqueName("School") + "\",\"timeZone\":\"Africa/Nairobi\",\"defaultLocale\":\"en\"}",
                Api.adminToken());
        require(r, 201);
        return r.json().getString("id");
    }

    static void addToSchool(String schoolId, String userId) {
        require(Api.put("/api/v1/schools/" + schoolId + "/members/" + userId, "", Api.adminToken()), 204);
    }

    /** A teacher of the school (signed in again once they belong to it). */
    static Member newTeacher(String schoolId) {
        Member t = Member.of(Api.newTeacher());
        addToSchool(schoolId, t.id());
        return t;
    }

    /** A user holding {@code role} (granted by the admin, signed in again), in the school when one is given. */
    static Member newUserWith(String role, String schoolId) {
        JsonObject student = Api.newStudent();
        String id = student.getJsonObject("user").getString("id");
        require(Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"" + role + "\"}", Api.adminToken()), 200);
        if (schoolId != null) {
            addToSchool(schoolId, id);
        }
        return Member.of(Api.login(student.getJsonObject("user").getString("username"), "a good password").json());
    }

    /** A published course (CurriculumIT's), made by a teacher of its own; its id. */
    static String publishedCourse() {
        String author = Api.newTeacher().getString("accessToken");
        String courseId = Api.post("/api/v1/courses", CurriculumIT.COURSE, author).json().getString("id");
        require(Api.post("/api/v1/courses/" + courseId + "/publish", "", author), 200);
        return courseId;
    }

    static void assignCourse(String classId, String courseId, Member teacher) {
        require(Api.put("/api/v1/classes/" + classId + "/courses/" + courseId, "{}", teacher.token()), 200);
    }

    /** A class of a new school: its teacher, one student enrolled, a published course assigned, that course's first lesson. */
    record ClassWithCourse(String schoolId, Member teacher, Member student, String classId, String courseId, JsonObject lesson) {
    }

    static ClassWithCourse classWithCourse() {
        String school = newSchool();
        Member teacher = newTeacher(school);
        String classId = newClass(school, teacher);
        Member student = newStudent(school);
        enrol(classId, teacher, student);
        String courseId = publishedCourse();
        assignCourse(classId, courseId, teacher);
        JsonObject lesson = Api.get("/api/v1/courses/" + courseId, student.token()).json()
                .getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0);
        return new ClassWithCourse(school, teacher, student, classId, courseId, lesson);
    }

    static Member newStudent(String schoolId) {
        Member s = Member.of(Api.newStudent());
        if (schoolId != null) {
            addToSchool(schoolId, s.id());
        }
        return s;
    }

    /** A class created by the teacher, who then teaches it. */
    static String newClass(String schoolId, Member teacher) {
        Api.Reply r = Api.post("/api/v1/schools/" + schoolId + "/classes", "{\"name\":\"" + Api.uniqueName("Class") + "\",\"grade\":\"5\"}", teacher.token());
        require(r, 201);
        return r.json().getString("id");
    }

    static void enrol(String classId, Member teacher, Member student) {
        require(Api.put("/api/v1/classes/" + classId + "/students/" + student.id(), "", teacher.token()), 204);
    }

    /** The published course of {@link CurriculumIT#COURSE}, as the student sees it: its first lesson (reading, then quiz). */
    static JsonObject publishedLesson(String readerToken) {
        String teacher = Api.newTeacher().getString("accessToken");
        Api.Reply created = Api.post("/api/v1/courses", CurriculumIT.COURSE, teacher);
        String courseId = created.json().getString("id");
        require(Api.post("/api/v1/courses/" + courseId + "/publish", "", teacher), 200);
        JsonObject course = Api.get("/api/v1/courses/" + courseId, readerToken).json();
        return course.getJsonArray("units").getJsonObject(0).getJsonArray("lessons").getJsonObject(0);
    }

    /** Answers to the lesson's quiz with the first {@code right} of its five questions right and the rest wrong. */
    static String answers(JsonObject quiz, int right) {
        JsonArray qs = quiz.getJsonArray("questions");
        String[] good = {"{\"questionId\":\"%s\",\"options\":[\"a\"]}", "{\"questionId\":\"%s\",\"options\":[\"a\",\"b\"]}",
                "{\"questionId\":\"%s\",\"value\":true}", "{\"questionId\":\"%s\",\"number\":3.5}", "{\"questionId\":\"%s\",\"text\":\"nusu\"}"};
        String[] bad = {"{\"questionId\":\"%s\",\"options\":[\"b\"]}", "{\"questionId\":\"%s\",\"options\":[\"a\"]}",
                "{\"questionId\":\"%s\",\"value\":false}", "{\"questionId\":\"%s\",\"number\":9}", "{\"questionId\":\"%s\",\"text\":\"robo\"}"};
        StringBuilder b = new StringBuilder("{\"clientSubmissionId\":\"" + UUID.randomUUID() + "\",\"answers\":[");
        for (int i = 0; i < 5; i++) {
            b.append(i == 0 ? "" : ",").append((i < right ? good[i] : bad[i]).formatted(qs.getJsonObject(i).getString("id")));
        }
        return b.append("]}").toString();
    }

    static Api.Reply submit(JsonObject quiz, Member student, int right) {
        Api.Reply r = Api.post("/api/v1/activities/" + quiz.getString("id") + "/submissions", answers(quiz, right), student.token());
        require(r, 201);
        return r;
    }

    static Api.Reply read(JsonObject activity, Member student, int percent) {
        return Api.put("/api/v1/activities/" + activity.getString("id") + "/progress", "{\"percent\":" + percent + "}", student.token());
    }

    static Connection database() throws SQLException {
        DatabaseUrl db = DatabaseUrl.parse(System.getProperty("spark.databaseUrl"));
        return DriverManager.getConnection(db.jdbcUrl(), Migrator.credentials(db));
    }

    static void require(Api.Reply r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
    }
}
