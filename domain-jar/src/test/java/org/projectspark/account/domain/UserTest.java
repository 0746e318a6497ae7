package org.projectspark.account.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTest {

    @Test
    void selfRegistrationMakesAStudentWithAFreshProfile() {
        User user = User.registerStudent("Kofi", null, "$argon2id$x", "Kofi A.", "en");
        assertThat(user.roles()).containsExactly(Role.STUDENT);
        assertThat(user.isActive()).isTrue();
        assertThat(user.profile().xpPoints()).isZero();
        assertThat(user.profile().level()).isEqualTo(1);
        assertThat(user.profile().displayName()).isEqualTo("Kofi A.");
    }

    @Test
    void aUserKeepsAtLeastOneRole() {
        User user = User.registerStudent("kofi", null, "h", "Kofi", "en");
        assertThat(user.revoke(Role.STUDENT)).isFalse();
        user.grant(Role.TEACHER);
        assertThat(user.revoke(Role.STUDENT)).isTrue();
        assertThat(user.roles()).containsExactly(Role.TEACHER);
    }

    @Test
    void aUserWithoutRolesCannotBeCreated() {
        assertThatThrownBy(() -> User.create("x", null, "h", "X", "en", Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
