package org.projectspark.analytics.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.analytics.domain.Struggle;
import org.projectspark.platform.config.SettingProblems;

import java.math.BigDecimal;

/**
 * When a student counts as struggling, from MicroProfile Config (schools set their own bar; defaults in
 * {@code META-INF/microprofile-config.properties}). A bad value fails the deployment with the settings' names.
 */
@ApplicationScoped
public class AnalyticsSettings {

    @Inject @ConfigProperty(name = "STRUGGLING_SCORE_BELOW")
    BigDecimal scoreBelow;

    @Inject @ConfigProperty(name = "STRUGGLING_RECENT_QUIZZES")
    int recentQuizzes;

    @Inject @ConfigProperty(name = "STRUGGLING_INACTIVE_DAYS")
    int inactiveDays;

    private Struggle struggle;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        struggle = problems.value("STRUGGLING_SCORE_BELOW, STRUGGLING_RECENT_QUIZZES, STRUGGLING_INACTIVE_DAYS",
                () -> new Struggle(scoreBelow, recentQuizzes, inactiveDays));
        problems.failIfAny();
    }

    public Struggle struggle() {
        return struggle;
    }
}
