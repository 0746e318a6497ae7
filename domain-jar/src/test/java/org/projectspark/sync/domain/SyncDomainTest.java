package org.projectspark.sync.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SyncDomainTest {

    private final Plausibility rule = new Plausibility(Duration.ofMinutes(10), 2);
    private final OffsetDateTime received = OffsetDateTime.parse("2026-11-25T08:00:00Z");
    private final OffsetDateTime registered = OffsetDateTime.parse("2026-11-01T08:00:00Z");

    @Test
    void eventsWithinTheClockSkewArePlausible() {
        assertThat(rule.check(received.plusMinutes(9), received, registered, Optional.empty(), 0)).isEmpty();
        assertThat(rule.check(registered.minusMinutes(9), received, registered, Optional.empty(), 0)).isEmpty();
        assertThat(rule.check(received.minusDays(3), received, registered, Optional.of(Duration.ofSeconds(20)), 10)).isEmpty();
    }

    @Test
    void futureEarlyAndTooFastEventsAreFlagged() {
        assertThat(rule.check(received.plusMinutes(11), received, registered, Optional.empty(), 0))
                .containsExactly(Plausibility.Flag.FUTURE);
        assertThat(rule.check(registered.minusMinutes(11), received, registered, Optional.empty(), 0))
                .containsExactly(Plausibility.Flag.BEFORE_REGISTRATION);
        assertThat(rule.check(received.minusHours(1), received, registered, Optional.of(Duration.ofMillis(19_999)), 10))
                .containsExactly(Plausibility.Flag.TOO_FAST);
    }

    @Test
    void cursorsSurviveTheRoundTripAndForeignTextIsRefused() {
        SyncCursor c = SyncCursor.deltaFrom(1234, Instant.ofEpochSecond(1_800_000_000)).nextPage(99);
        assertThat(SyncCursor.decode(c.encode())).contains(c);
        SyncCursor full = SyncCursor.fullFrom(77, Instant.ofEpochSecond(5)).nextSection(3, "abc");
        assertThat(SyncCursor.decode(full.encode())).contains(full);
        assertThat(SyncCursor.decode("not a cursor")).isEmpty();
        assertThat(SyncCursor.decode("")).isEmpty();
        assertThat(SyncCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("c1|DELTA|-1|0|0|0||5".getBytes()))).isEmpty();
    }
}
