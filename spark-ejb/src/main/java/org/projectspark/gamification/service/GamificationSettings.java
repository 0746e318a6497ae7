package org.projectspark.gamification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.gamification.domain.LevelCurve;
import org.projectspark.gamification.domain.XpRules;

/** XP rules and the level curve, from configuration (schools tune them without a release). */
@ApplicationScoped
public class GamificationSettings {

    @Inject @ConfigProperty(name = "XP_PASS_SCORE", defaultValue = "50")
    int passScore;

    @Inject @ConfigProperty(name = "XP_COMPLETION", defaultValue = "20")
    int completion;

    @Inject @ConfigProperty(name = "XP_SCORE_BANDS", defaultValue = "90:15,70:10")
    String scoreBands;

    @Inject @ConfigProperty(name = "XP_PERFECT", defaultValue = "10")
    int perfect;

    @Inject @ConfigProperty(name = "XP_DAILY_CAP", defaultValue = "500")
    int dailyCap;

    @Inject @ConfigProperty(name = "XP_STREAK_BONUS", defaultValue = "5")
    int streakBonus;

    @Inject @ConfigProperty(name = "LEVEL_XP_BASE", defaultValue = "100")
    double levelBase;

    @Inject @ConfigProperty(name = "LEVEL_XP_EXPONENT", defaultValue = "1.5")
    double levelExponent;

    private XpRules rules;
    private LevelCurve curve;

    @PostConstruct
    void parse() {
        rules = new XpRules(passScore, completion, XpRules.bands(scoreBands), perfect, dailyCap, streakBonus);
        curve = new LevelCurve(levelBase, levelExponent);
    }

    public XpRules rules() {
        return rules;
    }

    public LevelCurve curve() {
        return curve;
    }
}
