package org.projectspark.account.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenTest {

    private final OffsetDateTime now = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);
    private final User student = User.registerStudent("amina", null, "$argon2id$x", "Amina", "sw");
    private final AuthSession session = AuthSession.open(student, now, Duration.ofDays(30), "10.0.0.1", "test");

    @Test
    void aTokenIsAcceptedOnce() {
        RefreshToken token = new RefreshToken(session, "h1", now, now.plusDays(30));
        assertThat(token.redeem(now.plusMinutes(1))).isEqualTo(RefreshToken.Redemption.ACCEPTED);
        assertThat(session.isActiveAt(now.plusMinutes(1))).isTrue();
    }

    @Test
    void reusingATokenEndsTheWholeSession() {
        RefreshToken token = new RefreshToken(session, "h1", now, now.plusDays(30));
        token.redeem(now.plusMinutes(1));
        assertThat(token.redeem(now.plusMinutes(2))).isEqualTo(RefreshToken.Redemption.ALREADY_USED);
        assertThat(session.isActiveAt(now.plusMinutes(3))).isFalse();
        assertThat(session.revokedAt()).isPresent();
    }

    @Test
    void anExpiredTokenIsRefused() {
        RefreshToken token = new RefreshToken(session, "h1", now, now.plusHours(1));
        assertThat(token.redeem(now.plusHours(2))).isEqualTo(RefreshToken.Redemption.EXPIRED);
    }

    @Test
    void aTokenOfAnEndedSessionIsRefused() {
        RefreshToken token = new RefreshToken(session, "h1", now, now.plusDays(30));
        session.end(AuthSession.EndReason.LOGOUT, now);
        assertThat(token.redeem(now.plusMinutes(1))).isEqualTo(RefreshToken.Redemption.SESSION_ENDED);
    }

    @Test
    void aDisabledAccountEndsItsSessions() {
        student.deactivate();
        assertThat(session.isActiveAt(now.plusMinutes(1))).isFalse();
    }
}
