package org.projectspark.it;

import java.util.UUID;

/** A class with a teacher and one student whose guardian has an email address and a language: what email and SMS tests need. */
final class Households {

    private Households() {
    }

    record Household(String schoolId, Fixtures.Member teacher, String classId, Fixtures.Member student, Fixtures.Member guardian, String guardianEmail) {
        /** A teacher's message to the class (and so to the guardian); its id. */
        String message(String text) {
            String id = UUID.randomUUID().toString();
            Api.Reply r = Api.post("/api/v1/classes/" + classId + "/messages",
                    "{\"text\":" + jakarta.json.Json.createValue(text) + ",\"messageId\":\"" + id + "\"}", teacher.token());
            Fixtures.require(r, 200);
            return id;
        }
    }

    /** A user registered with an email address and a language, holding {@code role}, signed in again. */
    static Fixtures.Member adult(String role, String locale, String email, String displayName) {
        String name = Api.uniqueName("adult");
        Api.Reply reg = Api.post("/api/v1/auth/register", "{\"username\":\"" + name + "\",\"password\":\"a good password\",\"displayName\":"
                + jakarta.json.Json.createValue(displayName) + ",\"locale\":\"" + locale + "\"" + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}", null);
        Fixtures.require(reg, 201);
        String id = Api.login(name, "a good password").json().getJsonObject("user").getString("id");
        Fixtures.require(Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"" + role + "\"}", Api.adminToken()), 200);
        return Fixtures.Member.of(Api.login(name, "a good password").json());
    }

    static Household household(String guardianLocale) {
        String school = Fixtures.newSchool();
        Fixtures.Member teacher = Fixtures.newTeacher(school);
        String classId = Fixtures.newClass(school, teacher);
        Fixtures.Member student = Fixtures.newStudent(school);
        Fixtures.enrol(classId, teacher, student);
        String email = Api.uniqueName("guardian").toLowerCase() + "@family.test";
        Fixtures.Member guardian = adult("GUARDIAN", guardianLocale, email, "Mama " + Api.uniqueName("G"));
        Fixtures.require(Api.put("/api/v1/students/" + student.id() + "/guardians/" + guardian.id(), "", Api.adminToken()), 204);
        return new Household(school, teacher, classId, student, guardian, email);
    }
}
