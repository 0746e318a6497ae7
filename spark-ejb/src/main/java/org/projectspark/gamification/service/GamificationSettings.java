package org.projectspark.gamification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.gamification.domain.LevelCurve;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.platform.config.SettingProblems;

/**
 * XP rules and the level curve, from MicroProfile Config (schools tune them without a release; defaults in
 * {@code META-INF/microprofile-config.properties}). A bad value fails the deployment with the setting's name.
 */
@ApplicationScoped
public class GamificationSettings {

    @Inject @ConfigProperty(name = "XP_PASS_SCORE")
    int passScore;

    @Inject @ConfigProperty(name = "XP_COMPLETION")
    int completion;

    @Inject @ConfigProperty(name = "XP_SCORE_BANDS")
    String scoreBands;

    @Inject @ConfigProperty(name = "XP_PERFECT")
    int perfect;

    @Inject @ConfigProperty(name = "XP_DAILY_CAP")
    int dailyCap;

    @Inject @ConfigProperty(name = "XP_STREAK_BONUS")
    int streakBonus;

    @Inject @ConfigProperty(name = "LEVEL_XP_BASE")
    double levelBase;

    @Inject @ConfigProperty(name = "LEVEL_XP_EXPONENT")
    double levelExponent;

    private XpRules rules;
    private LevelCurve curve;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        rules = problems.value("XP_SCORE_BANDS",
                () -> new XpRules(passScore, completion, XpRules.bands(scoreBands), perfect, dailyCap, streakBonus));
        curve = problems.value("LEVEL_XP_BASE, LEVEL_XP_EXPONENT", () -> new LevelCurve(levelBase, levelExponent));
        problems.failIfAny();
    }

    public XpRules rules() {
        return rules;
    }

    public LevelCurve curve() {
        return curve;
    }
}
