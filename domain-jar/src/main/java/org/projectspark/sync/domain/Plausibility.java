package org.projectspark.sync.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an offline event could have happened as the device says. Device clocks drift, so times within
 * {@code clockSkew} of the limits are believed. An implausible event is still recorded (progress moves) but
 * earns nothing and waits for a teacher's review.
 *
 * @param clockSkew             how far a device clock may be off
 * @param minSecondsPerQuestion a quiz answered faster than this per question was not answered by a human
 */
public record Plausibility(Duration clockSkew, double minSecondsPerQuestion) {

    public enum Flag {
        /** Dated after the server received it. */
        FUTURE,
        /** Dated before the student registered the device. */
        BEFORE_REGISTRATION,
        /** A quiz answered faster than a person can read and answer its questions. */
        TOO_FAST
    }

    public Plausibility {
        if (clockSkew.isNegative() || minSecondsPerQuestion < 0) {
            throw new IllegalArgumentException("clock skew and seconds per question must not be negative");
        }
    }

    /**
     * @param answering how long the quiz took on the device (from opening it to submitting), when it is a quiz
     * @param questions how many questions the quiz has
     */
    public Set<Flag> check(OffsetDateTime deviceTime, OffsetDateTime receivedAt, OffsetDateTime deviceRegisteredAt,
                           Optional<Duration> answering, int questions) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (deviceTime.isAfter(receivedAt.plus(clockSkew))) {
            flags.add(Flag.FUTURE);
        }
        if (deviceTime.isBefore(deviceRegisteredAt.minus(clockSkew))) {
            flags.add(Flag.BEFORE_REGISTRATION);
        }
        if (answering.isPresent() && questions > 0
                && answering.get().toMillis() < minSecondsPerQuestion * 1000 * questions) {
            flags.add(Flag.TOO_FAST);
        }
        return flags;
    }
}
