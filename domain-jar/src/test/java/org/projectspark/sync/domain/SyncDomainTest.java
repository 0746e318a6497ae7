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

    @Test
    void aWaitingEventIsSettledOnceAndKeepsTheFlagsItWasReceivedWith() {
        java.util.UUID id = java.util.UUID.randomUUID();
        EventOutcome waitingFor = EventOutcome.builder().with("uploadId", "u-1").build();
        SyncEvent e = SyncEvent.waiting(id, java.util.UUID.randomUUID(), "tab-1", 4, SyncEventType.ASSIGNMENT_FILE, received.minusDays(40),
                received, java.util.UUID.randomUUID(), "waiting for its file", waitingFor, "{}");
        assertThat(e.outcome()).isEqualTo(SyncEvent.Outcome.WAITING);
        assertThat(e.result()).contains(waitingFor);

        WaitingEvent w = new WaitingEvent(id, e.userId(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                java.util.EnumSet.of(Plausibility.Flag.BEFORE_REGISTRATION, Plausibility.Flag.FUTURE));
        assertThat(w.flags()).containsExactlyInAnyOrder(Plausibility.Flag.BEFORE_REGISTRATION, Plausibility.Flag.FUTURE);
        EventOutcome handedIn = EventOutcome.builder().with("handinId", id.toString()).build();
        e.appliedAfterWaiting(w.flags(), handedIn);
        assertThat(e.outcome()).isEqualTo(SyncEvent.Outcome.APPLIED);
        assertThat(e.reason()).isEmpty();
        assertThat(e.result()).contains(handedIn);
        assertThat(e.flags()).contains("BEFORE_REGISTRATION,FUTURE");
        assertThat(e.review()).as("flagged when received: reviewed like any flagged event").contains(SyncEvent.Review.PENDING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.rejectedAfterWaiting("late"))
                .as("settled once").isInstanceOf(IllegalStateException.class);

        SyncEvent gone = SyncEvent.waiting(java.util.UUID.randomUUID(), e.userId(), "tab-1", 5, SyncEventType.ASSIGNMENT_FILE, received,
                received, java.util.UUID.randomUUID(), "waiting for its file", waitingFor, "{}");
        gone.rejectedAfterWaiting("upload u-1 expired");
        assertThat(gone.outcome()).isEqualTo(SyncEvent.Outcome.REJECTED);
        assertThat(gone.reason()).contains("upload u-1 expired");
        assertThat(gone.result()).isEmpty();
        assertThat(new WaitingEvent(id, e.userId(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), java.util.Set.of()).flags()).isEmpty();
    }
}
