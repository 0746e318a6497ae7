package org.projectspark.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.analytics.domain.Struggle;

import java.math.BigDecimal;

/** When a student counts as struggling, from configuration (schools set their own bar). */
@ApplicationScoped
public class AnalyticsSettings {

    @Inject @ConfigProperty(name = "STRUGGLING_SCORE_BELOW", defaultValue = "50")
    BigDecimal scoreBelow;

    @Inject @ConfigProperty(name = "STRUGGLING_RECENT_QUIZZES", defaultValue = "5")
    int recentQuizzes;

    @Inject @ConfigProperty(name = "STRUGGLING_INACTIVE_DAYS", defaultValue = "7")
    int inactiveDays;

    public Struggle struggle() {
        return new Struggle(scoreBelow, recentQuizzes, inactiveDays);
    }
}
