package org.projectspark.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.projectspark.platform.migration.DatabaseUrl;
import org.projectspark.platform.migration.Migrator;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, sign-in, the caller's own account, refresh rotation and sign-out, end to end. */
@ExtendWith(ArquillianExtension.class)
class AccountIT extends DeployedEar {

    @Test
    void aStudentRegistersSignsInAndReadsTheirAccount() throws Exception {
        String name = Api.uniqueName("Amina");
        Api.Reply registered = Api.post("/api/v1/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"correct horse\",\"displayName\":\"Amina M.\",\"locale\":\"sw\",\"email\":\"" + name + "@school.example\"}", null);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).endsWith("/api/v1/users/me");
        JsonObject user = registered.json();
        assertThat(user.getString("username")).isEqualTo(name);
        assertThat(user.getJsonArray("roles").getString(0)).isEqualTo("STUDENT");
        assertThat(user.containsKey("password")).isFalse();

        Api.Reply login = Api.login(name.toUpperCase(), "correct horse");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        JsonObject tokens = login.json();
        assertThat(tokens.getString("accessToken")).contains(".");
        assertThat(tokens.getString("refreshToken")).hasSizeGreaterThan(30);
        assertThat(tokens.getInt("expiresIn")).isEqualTo(900);
        assertThat(tokens.getJsonObject("user").getString("id")).isEqualTo(user.getString("id"));

        Api.Reply me = Api.get("/api/v1/users/me", tokens.getString("accessToken"));
        assertThat(me.status()).isEqualTo(200);
        JsonObject view = me.json();
        assertThat(view.getString("displayName")).isEqualTo("Amina M.");
        assertThat(view.getString("locale")).isEqualTo("sw");
        assertThat(view.getString("email")).isEqualTo(name + "@school.example");
        assertThat(view.getInt("xpPoints")).isZero();
        assertThat(view.getInt("level")).isEqualTo(1);

        // signing in with the email works too
        assertThat(Api.login(name + "@school.example", "correct horse").status()).isEqualTo(200);

        // the stored hash is Argon2id in PHC form with the configured parameters
        DatabaseUrl db = DatabaseUrl.parse(System.getProperty("spark.databaseUrl"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), Migrator.credentials(db));
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE lower(username) = lower(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=65536,t=3,p=4$").doesNotContain("correct horse");
            }
        }
    }

    @Test
    void aTakenUsernameIsAConflictWhateverItsCase() {
        String name = Api.uniqueName("kofi");
        String body = "{\"username\":\"%s\",\"password\":\"a good password\",\"displayName\":\"Kofi\"}";
        assertThat(Api.post("/api/v1/auth/register", body.formatted(name), null).status()).isEqualTo(201);
        Api.Reply again = Api.post("/api/v1/auth/register", body.formatted(name.toUpperCase()), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().getString("detail")).contains("taken");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        JsonObject student = Api.newStudent();
        String name = student.getJsonObject("user").getString("username");
        Api.Reply wrong = Api.login(name, "not the password");
        Api.Reply unknown = Api.login(Api.uniqueName("nobody"), "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
    }

    @Test
    void aStudentChangesTheirProfileButNeverTheirRolesOrXp() {
        JsonObject student = Api.newStudent();
        String token = student.getString("accessToken");
        assertThat(Api.get("/api/v1/users/me", token).json().getString("displayName")).startsWith("Student ");

        Api.Reply changed = Api.patch("/api/v1/users/me", "{\"displayName\":\"Zawadi\",\"locale\":\"fr-CM\"}", token);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().getString("displayName")).isEqualTo("Zawadi");
        assertThat(changed.json().getString("locale")).isEqualTo("fr-CM");
        Api.Reply zone = Api.patch("/api/v1/users/me", "{\"timeZone\":\"Africa/Nairobi\"}", token);
        assertThat(zone.json().getString("timeZone")).isEqualTo("Africa/Nairobi");
        Api.Reply badZone = Api.patch("/api/v1/users/me", "{\"timeZone\":\"Mars/Olympus\"}", token);
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().getString("detail")).contains("time zone");
        // GET /users/me is cached; a change shows at once
        assertThat(Api.get("/api/v1/users/me", token).json().getString("displayName")).isEqualTo("Zawadi");

        Api.Reply roles = Api.patch("/api/v1/users/me", "{\"roles\":[\"ADMIN\"]}", token);
        assertThat(roles.status()).isEqualTo(400);
        assertThat(roles.json().getString("detail")).contains("roles");
        Api.Reply xp = Api.patch("/api/v1/users/me", "{\"xpPoints\":99999,\"level\":50}", token);
        assertThat(xp.status()).isEqualTo(400);

        JsonObject me = Api.get("/api/v1/users/me", token).json();
        assertThat(me.getJsonArray("roles").toString()).isEqualTo("[\"STUDENT\"]");
        assertThat(me.getInt("xpPoints")).isZero();
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
        JsonObject student = Api.newStudent();
        String name = student.getJsonObject("user").getString("username");
        String phone = student.getString("accessToken");
        String tablet = Api.login(name, "a good password").json().getString("accessToken");

        Api.Reply withoutCurrent = Api.patch("/api/v1/users/me", "{\"newPassword\":\"another good one\"}", phone);
        assertThat(withoutCurrent.status()).isEqualTo(400);
        Api.Reply wrongCurrent = Api.patch("/api/v1/users/me", "{\"newPassword\":\"another good one\",\"currentPassword\":\"nope nope\"}", phone);
        assertThat(wrongCurrent.status()).isEqualTo(400);

        Api.Reply ok = Api.patch("/api/v1/users/me", "{\"newPassword\":\"another good one\",\"currentPassword\":\"a good password\"}", phone);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(Api.get("/api/v1/users/me", phone).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/users/me", tablet).status()).isEqualTo(401);
        assertThat(Api.login(name, "a good password").status()).isEqualTo(401);
        assertThat(Api.login(name, "another good one").status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenRotatesAndAReusedOneEndsTheSession() {
        JsonObject student = Api.newStudent();
        String first = student.getString("refreshToken");

        Api.Reply refreshed = Api.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.json().getString("refreshToken");
        String access = refreshed.json().getString("accessToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(Api.get("/api/v1/users/me", access).status()).isEqualTo(200);

        Api.Reply reused = Api.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().getString("detail")).contains("already used");
        // the theft is contained: the whole session, its newer refresh token and its access tokens stop working
        assertThat(Api.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + second + "\"}", null).status()).isEqualTo(401);
        assertThat(Api.get("/api/v1/users/me", access).status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheAccessAndRefreshTokens() {
        JsonObject student = Api.newStudent();
        String access = student.getString("accessToken");
        Api.Reply out = Api.post("/api/v1/auth/logout", "", access);
        assertThat(out.status()).isEqualTo(204);
        Api.Reply after = Api.get("/api/v1/users/me", access);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().getString("detail")).contains("session has ended");
        assertThat(Api.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + student.getString("refreshToken") + "\"}", null).status())
                .isEqualTo(401);
    }
}
