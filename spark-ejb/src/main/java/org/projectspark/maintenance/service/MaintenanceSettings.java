package org.projectspark.maintenance.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.config.SettingProblems;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When maintenance runs and how long a job may wait or work, from MicroProfile Config (environment
 * variables, as every other setting; {@code .env.example} lists them; defaults in
 * {@code META-INF/microprofile-config.properties}). A bad value fails the deployment with the setting's name.
 */
@ApplicationScoped
public class MaintenanceSettings {

    @Inject @ConfigProperty(name = "MAINTENANCE_DAILY_AT")
    String dailyAt;

    @Inject @ConfigProperty(name = "MAINTENANCE_MONTHLY_AT")
    String monthlyAt;

    /** Unset: the server's zone (the domain's JVM runs in UTC, see 30-jvm.asadmin). */
    @Inject @ConfigProperty(name = "MAINTENANCE_TIME_ZONE")
    Optional<String> timeZone;

    /**
     * How long a job waits for a table or row lock before it gives up (and records FAILED): a night job must
     * never make the application's own statements queue behind it.
     */
    @Inject @ConfigProperty(name = "MAINTENANCE_LOCK_TIMEOUT")
    String lockTimeout;

    /** Replaces the pool's 60 s statement timeout for maintenance statements (a refresh may take minutes). */
    @Inject @ConfigProperty(name = "MAINTENANCE_STATEMENT_TIMEOUT")
    String statementTimeout;

    /** Off: no timers on this instance (the jobs still run from the admin endpoints, e.g. called by cron). */
    @Inject @ConfigProperty(name = "MAINTENANCE_TIMERS_ENABLED")
    boolean timersEnabled;

    private ZoneId zone;
    private LocalTime daily;
    private LocalTime monthly;
    private Duration lockWait;
    private Duration statementLimit;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        zone = problems.value("MAINTENANCE_TIME_ZONE", () -> zone(timeZone.orElse("")));
        daily = problems.value("MAINTENANCE_DAILY_AT", () -> time("MAINTENANCE_DAILY_AT", dailyAt));
        monthly = problems.value("MAINTENANCE_MONTHLY_AT", () -> time("MAINTENANCE_MONTHLY_AT", monthlyAt));
        lockWait = problems.duration("MAINTENANCE_LOCK_TIMEOUT", lockTimeout, 1000);
        statementLimit = problems.duration("MAINTENANCE_STATEMENT_TIMEOUT", statementTimeout, 1000);
        problems.failIfAny();
    }

    public MaintenanceCalendar calendar(Cadence cadence) {
        LocalTime at = switch (cadence) {
            case HOURLY -> LocalTime.of(0, MaintenanceCalendar.HOURLY_MINUTE);
            case DAILY -> daily;
            case MONTHLY -> monthly;
        };
        return new MaintenanceCalendar(cadence, at, zone);
    }

    public boolean timersEnabled() { return timersEnabled; }
    public ZoneId zone() { return zone; }
    public Duration lockTimeout() { return lockWait; }
    public Duration statementTimeout() { return statementLimit; }

    private static ZoneId zone(String value) {
        if (value.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalStateException("MAINTENANCE_TIME_ZONE must be a zone such as UTC or Africa/Nairobi (got '" + value + "')");
        }
    }

    private static LocalTime time(String name, String value) {
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalStateException(name + " must be a time of day such as 02:00 (got '" + value + "')");
        }
    }
}
