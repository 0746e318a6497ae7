package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every access rule of schools, classes and analytics, each denied case as well as the allowed ones: a
 * teacher sees only their classes and those classes' students; a school admin only their school; a student
 * only themselves; a guardian only their children. A class that exists but is not yours is 403; a student
 * you may not see is 404, whether or not they exist.
 */
@ExtendWith(ArquillianExtension.class)
class SchoolAccessIT extends DeployedEar {

    /** School A: teacher tA teaches class a1 (students s1, s2); teacher tA2 teaches a2 (student s3); school admin aA. */
    static String schoolA;
    static String a1;
    static String a2;
    static Fixtures.Member tA;
    static Fixtures.Member tA2;
    static Fixtures.Member aA;
    static Fixtures.Member s1;
    static Fixtures.Member s2;
    static Fixtures.Member s3;
    /** School B: admin aB, teacher tB with class b1 (student s4). */
    static String schoolB;
    static String b1;
    static Fixtures.Member aB;
    static Fixtures.Member tB;
    static Fixtures.Member s4;
    /** Guardian of s1, linked by aA. */
    static Fixtures.Member guardian;
    static String course;

    @BeforeAll
    static void schools() {
        schoolA = Fixtures.newSchool();
        tA = Fixtures.newTeacher(schoolA);
        tA2 = Fixtures.newTeacher(schoolA);
        aA = Fixtures.newUserWith("SCHOOL_ADMIN", schoolA);
        a1 = Fixtures.newClass(schoolA, tA);
        a2 = Fixtures.newClass(schoolA, tA2);
        s1 = Fixtures.newStudent(schoolA);
        s2 = Fixtures.newStudent(schoolA);
        s3 = Fixtures.newStudent(schoolA);
        Fixtures.enrol(a1, tA, s1);
        Fixtures.enrol(a1, tA, s2);
        Fixtures.enrol(a2, tA2, s3);
        schoolB = Fixtures.newSchool();
        aB = Fixtures.newUserWith("SCHOOL_ADMIN", schoolB);
        tB = Fixtures.newTeacher(schoolB);
        b1 = Fixtures.newClass(schoolB, tB);
        s4 = Fixtures.newStudent(schoolB);
        Fixtures.enrol(b1, tB, s4);
        guardian = Fixtures.newUserWith("GUARDIAN", null);
        Fixtures.require(Api.put("/api/v1/students/" + s1.id() + "/guardians/" + guardian.id(), "", aA.token()), 204);
        course = Fixtures.publishedCourse();
    }

    private static int dashboard(String classId, Fixtures.Member who) {
        return Api.get("/api/v1/classes/" + classId + "/dashboard", who.token()).status();
    }

    private static int report(Fixtures.Member student, Fixtures.Member who) {
        return Api.get("/api/v1/analytics/students/" + student.id(), who.token()).status();
    }

    @Test
    void classDashboardOnlyForItsTeachersAndSchoolAdmins() {
        assertThat(dashboard(a1, tA)).isEqualTo(200);
        assertThat(dashboard(a1, aA)).isEqualTo(200);
        assertThat(dashboard(a2, aA)).isEqualTo(200);
        assertThat(dashboard(a2, tA)).as("a teacher of the same school, not of this class").isEqualTo(403);
        assertThat(dashboard(a1, tB)).as("a teacher of another school").isEqualTo(403);
        assertThat(dashboard(a1, aB)).as("another school's admin").isEqualTo(403);
        assertThat(dashboard(a1, s1)).as("a student of the class").isEqualTo(403);
        assertThat(dashboard(a1, guardian)).as("a guardian of a student of the class").isEqualTo(403);
        assertThat(dashboard(UUID.randomUUID().toString(), tA)).isEqualTo(404);
        Api.Reply denied = Api.get("/api/v1/classes/" + a2 + "/dashboard", tA.token());
        assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
        assertThat(denied.json().getString("detail")).contains("teachers");
    }

    @Test
    void classReportCsvOnlyForItsTeachersAndSchoolAdmins() {
        Api.Reply csv = Api.get("/api/v1/analytics/classes/" + a1 + "/report.csv", tA.token());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(3).first().asString().startsWith("student_id,username,display_name,xp");
        assertThat(csv.body()).contains(s1.username(), s2.username()).doesNotContain(s3.username());
        assertThat(Api.get("/api/v1/analytics/classes/" + a1 + "/report.csv", aA.token()).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/analytics/classes/" + a2 + "/report.csv", tA.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/analytics/classes/" + a1 + "/report.csv", aB.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/analytics/classes/" + a1 + "/report.csv", s1.token()).status()).isEqualTo(403);
        assertThat(Api.get("/api/v1/analytics/classes/" + a1 + "/report.csv", guardian.token()).status()).isEqualTo(403);
    }

    @Test
    void studentReportsForTheirTeachersSchoolAdminGuardiansAndThemselvesOnly() {
        assertThat(report(s1, tA)).isEqualTo(200);
        assertThat(report(s3, aA)).isEqualTo(200);
        assertThat(report(s1, guardian)).isEqualTo(200);
        assertThat(report(s1, s1)).isEqualTo(200);
        assertThat(report(s3, tA)).as("a student of the same school, not in the teacher's classes").isEqualTo(404);
        assertThat(report(s4, tA)).as("a student of another school").isEqualTo(404);
        assertThat(report(s1, aB)).as("another school's admin").isEqualTo(404);
        assertThat(report(s2, s1)).as("a classmate").isEqualTo(404);
        assertThat(report(s2, guardian)).as("a student who is not the guardian's child").isEqualTo(404);
        assertThat(report(s4, tB)).isEqualTo(200);
        Api.Reply unknown = Api.get("/api/v1/analytics/students/" + UUID.randomUUID(), tA.token());
        Api.Reply hidden = Api.get("/api/v1/analytics/students/" + s4.id(), tA.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(hidden.json().getString("title")).isEqualTo(unknown.json().getString("title"));
    }

    @Test
    void aTeacherWhoLeavesAClassLosesItsStudents() {
        Fixtures.Member t = Fixtures.newTeacher(schoolA);
        String c = Fixtures.newClass(schoolA, t);
        Fixtures.Member s = Fixtures.newStudent(schoolA);
        Fixtures.enrol(c, t, s);
        Fixtures.require(Api.put("/api/v1/classes/" + c + "/teachers/" + tA2.id(), "", t.token()), 200);
        assertThat(report(s, t)).isEqualTo(200);
        Fixtures.require(Api.delete("/api/v1/classes/" + c + "/teachers/" + t.id(), tA2.token()), 200);
        assertThat(report(s, t)).isEqualTo(404);
        assertThat(dashboard(c, t)).isEqualTo(403);
        assertThat(dashboard(c, tA2)).isEqualTo(200);
    }

    @Test
    void guardiansAreLinkedByTheStudentsSchoolAdminOnly() {
        Fixtures.Member g = Fixtures.newUserWith("GUARDIAN", null);
        assertThat(Api.put("/api/v1/students/" + s2.id() + "/guardians/" + g.id(), "", aB.token()).status())
                .as("another school's admin").isEqualTo(403);
        assertThat(Api.put("/api/v1/students/" + s2.id() + "/guardians/" + g.id(), "", tA.token()).status())
                .as("the student's teacher").isEqualTo(403);
        assertThat(Api.put("/api/v1/students/" + s2.id() + "/guardians/" + g.id(), "", g.token()).status())
                .as("the guardian themselves").isEqualTo(403);
        assertThat(Api.put("/api/v1/students/" + s2.id() + "/guardians/" + tA.id(), "", aA.token()).status())
                .as("a user who is not a guardian").isEqualTo(400);
        assertThat(Api.get("/api/v1/me/children", g.token()).body()).isEqualTo("[]");

        assertThat(Api.put("/api/v1/students/" + s2.id() + "/guardians/" + g.id(), "", aA.token()).status()).isEqualTo(204);
        var children = Api.send(Api.request("/api/v1/me/children", g.token()).GET().build());
        assertThat(children.body()).contains(s2.id()).doesNotContain(s1.id());
        assertThat(report(s2, g)).isEqualTo(200);

        assertThat(Api.delete("/api/v1/students/" + s2.id() + "/guardians/" + g.id(), aA.token()).status()).isEqualTo(204);
        assertThat(report(s2, g)).isEqualTo(404);
        assertThat(Api.get("/api/v1/me/children", s1.token()).status()).as("not a guardian").isEqualTo(403);
    }

    @Test
    void coursesAreAssignedByTheClassTeachersAndSeenByTheClass() {
        Api.Reply assigned = Api.put("/api/v1/classes/" + a1 + "/courses/" + course, "{\"dueAt\":\"2099-06-30T17:00:00+03:00\"}", tA.token());
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json().getString("dueAt")).isEqualTo("2099-06-30T14:00:00Z");
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", s1.token()).body()).contains(course, "2099-06-30T14:00:00Z");
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", aA.token()).status()).isEqualTo(200);

        assertThat(Api.put("/api/v1/classes/" + a2 + "/courses/" + course, "{}", tA.token()).status()).as("not their class").isEqualTo(403);
        assertThat(Api.put("/api/v1/classes/" + a1 + "/courses/" + course, "{}", s1.token()).status()).as("a student").isEqualTo(403);
        assertThat(Api.put("/api/v1/classes/" + a1 + "/courses/" + course, "{}", tB.token()).status()).as("another school").isEqualTo(403);
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", s4.token()).status()).as("another school's student").isEqualTo(403);
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", s3.token()).status()).as("not in the class").isEqualTo(403);
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", guardian.token()).status()).as("a guardian").isEqualTo(403);

        Api.Reply past = Api.put("/api/v1/classes/" + a1 + "/courses/" + course, "{\"dueAt\":\"2001-01-01T00:00:00Z\"}", tA.token());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("dueAt");
        String draft = Api.post("/api/v1/courses", CurriculumIT.COURSE, tA.token()).json().getString("id");
        assertThat(Api.put("/api/v1/classes/" + a1 + "/courses/" + draft, "{}", tA.token()).status()).as("a draft").isEqualTo(409);
        assertThat(Api.put("/api/v1/classes/" + a1 + "/courses/" + UUID.randomUUID(), "{}", tA.token()).status()).isEqualTo(404);

        assertThat(Api.delete("/api/v1/classes/" + a1 + "/courses/" + course, tA2.token()).status()).isEqualTo(403);
        assertThat(Api.delete("/api/v1/classes/" + a1 + "/courses/" + course, tA.token()).status()).isEqualTo(204);
        assertThat(Api.get("/api/v1/classes/" + a1 + "/courses", s1.token()).body()).isEqualTo("[]");
    }

    @Test
    void coTeachersComeFromTheSameSchoolAndAreAddedByTheClass() {
        Fixtures.Member t = Fixtures.newTeacher(schoolA);
        String c = Fixtures.newClass(schoolA, t);
        assertThat(Api.put("/api/v1/classes/" + c + "/teachers/" + tB.id(), "", t.token()).status()).as("another school's teacher").isEqualTo(409);
        assertThat(Api.put("/api/v1/classes/" + c + "/teachers/" + s1.id(), "", t.token()).status()).as("not a teacher").isEqualTo(400);
        assertThat(Api.put("/api/v1/classes/" + c + "/teachers/" + tA.id(), "", tA.token()).status()).as("adding oneself").isEqualTo(403);
        assertThat(Api.put("/api/v1/classes/" + c + "/teachers/" + tA.id(), "", tB.token()).status()).isEqualTo(403);
        JsonObject added = Api.put("/api/v1/classes/" + c + "/teachers/" + tA.id(), "", aA.token()).json();
        assertThat(added.getJsonArray("teacherIds").toString()).contains(t.id(), tA.id());
        assertThat(Api.get("/api/v1/classes/taught", tA.token()).body()).contains(c, a1).doesNotContain(a2);
        assertThat(Api.get("/api/v1/classes/taught", aA.token()).body()).contains(c, a1, a2).doesNotContain(b1);
        assertThat(Api.get("/api/v1/classes/taught", s1.token()).status()).isEqualTo(403);
    }
}
