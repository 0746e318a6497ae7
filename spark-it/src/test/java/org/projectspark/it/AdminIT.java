package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The first admin comes from ADMIN_USERNAME / ADMIN_PASSWORD; only admins grant roles. */
@ExtendWith(ArquillianExtension.class)
class AdminIT extends DeployedEar {

    private static String adminToken() {
        return Api.adminToken();
    }

    @Test
    void anAdminGrantsAndTakesAwayTheTeacherRole() {
        JsonObject student = Api.newStudent();
        String id = student.getJsonObject("user").getString("id");
        String admin = adminToken();
        assertThat(Api.get("/api/v1/users/me", admin).json().getJsonArray("roles").toString()).contains("ADMIN");

        assertThat(Api.get("/api/v1/users/me", student.getString("accessToken")).json().getJsonArray("roles").toString())
                .isEqualTo("[\"STUDENT\"]");
        Api.Reply granted = Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"TEACHER\"}", admin);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.json().getJsonArray("roles").toString()).isEqualTo("[\"STUDENT\",\"TEACHER\"]");

        // the user's own (cached) view shows the new role at once
        assertThat(Api.get("/api/v1/users/me", student.getString("accessToken")).json().getJsonArray("roles").toString())
                .isEqualTo("[\"STUDENT\",\"TEACHER\"]");
        Api.Reply found = Api.get("/api/v1/admin/users?username=" + student.getJsonObject("user").getString("username"), admin);
        assertThat(found.json().getString("id")).isEqualTo(id);

        Api.Reply revoked = Api.send(Api.request("/api/v1/admin/users/" + id + "/roles/STUDENT", admin).DELETE().build());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().getJsonArray("roles").toString()).isEqualTo("[\"TEACHER\"]");
        Api.Reply last = Api.send(Api.request("/api/v1/admin/users/" + id + "/roles/TEACHER", admin).DELETE().build());
        assertThat(last.status()).isEqualTo(409);
    }

    @Test
    void aStudentCannotUseAdminEndpoints() {
        JsonObject student = Api.newStudent();
        String id = student.getJsonObject("user").getString("id");
        Api.Reply selfPromotion = Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"ADMIN\"}", student.getString("accessToken"));
        assertThat(selfPromotion.status()).isEqualTo(403);
        assertThat(selfPromotion.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"ADMIN\"}", null).status()).isEqualTo(401);
    }

    @Test
    void selfRegistrationCannotAskForARole() {
        Api.Reply r = Api.post("/api/v1/auth/register",
                "{\"username\":\"" + Api.uniqueName("sneaky") + "\",\"password\":\"a good password\",\"displayName\":\"S\",\"roles\":[\"ADMIN\"]}", null);
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void anUnknownRoleIsABadRequest() {
        JsonObject student = Api.newStudent();
        String id = student.getJsonObject("user").getString("id");
        Api.Reply r = Api.post("/api/v1/admin/users/" + id + "/roles", "{\"role\":\"WIZARD\"}", adminToken());
        assertThat(r.status()).isEqualTo(400);
    }
}
