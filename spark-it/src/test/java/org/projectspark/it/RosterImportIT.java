package org.projectspark.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Roster import from CSV: what is created, enrolled or refused, line by line, and files refused whole. */
@ExtendWith(ArquillianExtension.class)
class RosterImportIT extends DeployedEar {

    private static Api.Reply importCsv(String classId, String csv, String token) {
        return Api.send(Api.request("/api/v1/classes/" + classId + "/roster", token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    private static JsonObject line(JsonObject report, int number) {
        return report.getJsonArray("results").stream().map(v -> v.asJsonObject()).filter(o -> o.getInt("line") == number).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + number + " in " + report));
    }

    @Test
    void eachLineIsCreatedEnrolledOrRefusedWithItsReason() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.Member existing = Fixtures.newStudent(school);
        Fixtures.Member elsewhere = Fixtures.newStudent(Fixtures.newSchool());
        String a = Api.uniqueName("ros");
        String b = Api.uniqueName("ros");
        String csv = String.join("\r\n",
                "Username,Display Name,Password,Locale",                     // 1: header, any case, space or underscore
                a + ",\"Wanjiru, Grace\",first password,sw",                  // 2: created, comma inside quotes
                b + ",Baraka Mwangi,,",                                       // 3: created, the server makes the password
                existing.username() + ",Already Here,,",                      // 4: a student of the school: enrolled
                elsewhere.username() + ",Someone Else,,",                     // 5: another school's account: refused
                "bad name!,Bad Name,,",                                       // 6: invalid username
                Api.uniqueName("ros") + ",Short Password,short,",             // 7: password too short
                a + ",Twice,another password,",                               // 8: same username again in the file
                Api.uniqueName("ros") + ",,,",                                // 9: no display name
                Api.uniqueName("ros") + ",Bad Locale,,english!",              // 10: bad locale
                "only-one-value",                                             // 11: too few values
                "") ;
        Api.Reply reply = importCsv(classId, csv, teacher.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonObject report = reply.json();
        assertThat(report.getInt("lines")).isEqualTo(10);
        assertThat(report.getInt("created")).isEqualTo(2);
        assertThat(report.getInt("enrolled")).isEqualTo(1);
        assertThat(report.getInt("failed")).isEqualTo(7);

        assertThat(line(report, 2).getString("result")).isEqualTo("CREATED");
        assertThat(line(report, 2).containsKey("temporaryPassword")).isFalse();
        assertThat(line(report, 3).getString("result")).isEqualTo("CREATED");
        String made = line(report, 3).getString("temporaryPassword");
        assertThat(made).hasSize(10);
        assertThat(line(report, 4).getString("result")).isEqualTo("ENROLLED");
        assertThat(line(report, 5).getString("reason")).contains("taken by another account");
        assertThat(line(report, 6).getString("reason")).contains("username may hold letters");
        assertThat(line(report, 7).getString("reason")).contains("password must be 8 to 128 characters");
        assertThat(line(report, 8).getString("reason")).contains("already on line 2");
        assertThat(line(report, 9).getString("reason")).contains("display_name is empty");
        assertThat(line(report, 10).getString("reason")).contains("locale must be a language tag");
        assertThat(line(report, 11).getString("reason")).contains("has 1 values, the header names 4");

        // the new students sign in with their passwords, belong to the school and are in the class
        JsonObject grace = Api.login(a, "first password").json();
        assertThat(grace.getJsonObject("user").getString("displayName")).isEqualTo("Wanjiru, Grace");
        assertThat(Api.login(b, made).status()).isEqualTo(200);
        JsonArray students = Api.get("/api/v1/classes/" + classId + "/dashboard", teacher.token()).json().getJsonArray("students");
        assertThat(students.toString()).contains(a, b, existing.username()).doesNotContain(elsewhere.username());

        // importing the same file again changes nothing and says so
        JsonObject again = importCsv(classId, csv, teacher.token()).json();
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("alreadyEnrolled")).isEqualTo(3);
    }

    @Test
    void filesThatAreNoRosterAreRefusedWhole() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Api.Reply noHeader = importCsv(classId, "name,password\nx,y\n", teacher.token());
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noHeader.json().getString("detail")).contains("username and display_name");
        assertThat(importCsv(classId, "", teacher.token()).status()).isEqualTo(400);
        assertThat(importCsv(classId, "username,display_name\n", teacher.token()).json().getString("detail")).contains("no students");
        assertThat(importCsv(classId, "username,display_name\n\"broken,quote\n", teacher.token()).status()).isEqualTo(400);
        StringBuilder big = new StringBuilder("username,display_name\n");
        for (int i = 0; i < 1_001; i++) {
            big.append("s").append(i).append("x,S\n");
        }
        Api.Reply tooMany = importCsv(classId, big.toString(), teacher.token());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().getString("detail")).contains("at most 1000");
    }

    /** Every malformed CSV is a 400 in our words: which line, what is wrong; never the CSV library's text, never a 500. */
    @Test
    void malformedCsvIsA400ThatSaysWhereInOurWords() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("header opens a quote and never closes it", "\"username,display_name\nana,Ana\n");
        files.put("header opens a quote at its end", "username,display_name,\"\n");
        files.put("header names a column twice", "username,username,display_name\nana,ana,Ana\n");
        files.put("line 3 opens a quote and never closes it", "username,display_name\nana,Ana\n\"bob,Bob\n");
        files.put("text after a closing quote on line 2", "username,display_name\n\"ana\"x,Ana\n");
        files.put("binary", "\u0000\u0001\u0002\u00ff\u00fe");
        files.put("only quotes", "\"\"\"\"\"");
        for (var file : files.entrySet()) {
            Api.Reply r = importCsv(classId, file.getValue(), teacher.token());
            assertThat(r.status()).as(file.getKey() + ": " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(file.getKey()).startsWith("application/problem+json");
            assertThat(r.json().getString("detail")).as(file.getKey())
                    .doesNotContain("Exception", "EOF reached", "encapsulated", "org.apache", "IOException", "java.");
        }
        assertThat(importCsv(classId, "username,display_name\nana,Ana\n\"bob,Bob\n", teacher.token()).json().getString("detail"))
                .contains("line 3", "quoted value is not closed", "no student was imported");
        assertThat(importCsv(classId, "\"username,display_name\nana,Ana\n", teacher.token()).json().getString("detail"))
                .contains("header line");
    }

    @Test
    void onlyTheClassTeachersAndSchoolAdminsImport() {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        Fixtures.Member other = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.Member student = Fixtures.newStudent(school);
        String csv = "username,display_name\n" + Api.uniqueName("ros") + ",Nobody\n";
        assertThat(importCsv(classId, csv, other.token()).status()).isEqualTo(403);
        assertThat(importCsv(classId, csv, student.token()).status()).isEqualTo(403);
        assertThat(importCsv(java.util.UUID.randomUUID().toString(), csv, teacher.token()).status()).isEqualTo(404);
        assertThat(importCsv(classId, csv, Fixtures.newUserWith("SCHOOL_ADMIN", Fixtures.newSchool()).token()).status()).isEqualTo(403);
        assertThat(importCsv(classId, csv, Fixtures.newUserWith("SCHOOL_ADMIN", school).token()).json().getInt("created")).isEqualTo(1);
    }
}
