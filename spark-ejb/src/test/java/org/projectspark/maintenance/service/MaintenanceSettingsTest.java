package org.projectspark.maintenance.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintenanceSettingsTest {

    private static MaintenanceSettings settings(String zone, String dailyAt, String lockTimeout) {
        MaintenanceSettings s = new MaintenanceSettings();
        s.timeZone = Optional.ofNullable(zone);
        s.dailyAt = dailyAt;
        s.monthlyAt = "04:00";
        s.lockTimeout = lockTimeout;
        s.statementTimeout = "30m";
        s.timersEnabled = true;
        return s;
    }

    @Test
    void everyBadValueIsNamedAtOnce() {
        assertThatThrownBy(() -> settings("Mars/Olympus", "25:00", "soon").validate())
                .hasMessageContaining("MAINTENANCE_TIME_ZONE must be a zone such as UTC or Africa/Nairobi (got 'Mars/Olympus')")
                .hasMessageContaining("MAINTENANCE_DAILY_AT must be a time of day such as 02:00 (got '25:00')")
                .hasMessageContaining("MAINTENANCE_LOCK_TIMEOUT must be a duration")
                .hasMessageNotContaining("MAINTENANCE_MONTHLY_AT")
                .hasMessageNotContaining("MAINTENANCE_STATEMENT_TIMEOUT");
    }

    @Test
    void anUnsetZoneIsTheServers() {
        MaintenanceSettings s = settings(null, "02:00", "5s");
        s.validate();
        assertThat(s.zone()).isEqualTo(ZoneId.systemDefault());
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.statementTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.calendar(Cadence.DAILY).at()).isEqualTo(LocalTime.of(2, 0));

        MaintenanceSettings nairobi = settings("Africa/Nairobi", "02:00", "5");
        nairobi.validate();
        assertThat(nairobi.zone()).isEqualTo(ZoneId.of("Africa/Nairobi"));
        assertThat(nairobi.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
