package org.projectspark.analytics.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a teacher should look at a student now: their recent quiz scores are low, or they have not learned
 * for a while (or ever). Thresholds come from configuration; schools differ.
 *
 * @param scoreBelow   a recent average score under this (0–100) is low
 * @param recentQuizzes how many of the latest submissions make "recent"
 * @param inactiveDays no activity for this many days is inactive
 */
public record Struggle(BigDecimal scoreBelow, int recentQuizzes, int inactiveDays) {

    public enum Reason { LOW_SCORES, INACTIVE, NEVER_ACTIVE }

    /** One reason with the words a teacher reads. */
    public record Finding(Reason reason, String detail) {
    }

    public Struggle {
        if (scoreBelow.signum() < 0 || scoreBelow.compareTo(BigDecimal.valueOf(100)) > 0 || recentQuizzes < 1 || inactiveDays < 1) {
            throw new IllegalArgumentException("struggle thresholds out of range: " + scoreBelow + ", " + recentQuizzes + ", " + inactiveDays);
        }
    }

    /**
     * @param recentAverage the average score of the student's latest {@link #recentQuizzes()} submissions, if any
     * @param lastActive    the student's latest learning, if any
     */
    public List<Finding> of(Optional<BigDecimal> recentAverage, Optional<Instant> lastActive, Instant now) {
        List<Finding> findings = new ArrayList<>();
        recentAverage.filter(avg -> avg.compareTo(scoreBelow) < 0).ifPresent(avg -> findings.add(new Finding(Reason.LOW_SCORES,
                "average score " + avg.setScale(0, java.math.RoundingMode.HALF_UP) + "% over the last " + recentQuizzes
                        + " quizzes (below " + scoreBelow.stripTrailingZeros().toPlainString() + "%)")));
        if (lastActive.isEmpty()) {
            findings.add(new Finding(Reason.NEVER_ACTIVE, "has not started any lesson yet"));
        } else {
            long idle = Duration.between(lastActive.get(), now).toDays();
            if (idle >= inactiveDays) {
                findings.add(new Finding(Reason.INACTIVE, "no learning for " + idle + " days"));
            }
        }
        return findings;
    }
}
