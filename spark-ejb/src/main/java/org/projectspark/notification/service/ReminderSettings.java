package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** When reminders are told, from MicroProfile Config; a bad value fails the deployment with the setting's name. */
@ApplicationScoped
public class ReminderSettings {

    /** In each school's own zone: reminders about tomorrow and about today's streak come when lessons are over. */
    @Inject @ConfigProperty(name = "SCHOOL_DAY_ENDS_AT")
    String schoolDayEndsAt;

    private LocalTime dayEnds;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        dayEnds = problems.value("SCHOOL_DAY_ENDS_AT", () -> {
            try {
                return LocalTime.parse(schoolDayEndsAt.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("SCHOOL_DAY_ENDS_AT must be a time of day such as 16:00 (got '" + schoolDayEndsAt + "')");
            }
        });
        problems.failIfAny();
    }

    public LocalTime schoolDayEnds() {
        return dayEnds;
    }
}
