package org.projectspark.maintenance.service;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceCalendarTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi"); // UTC+3, no daylight saving

    @Test
    void theDailyExpressionFiresAtTheConfiguredTimeInItsZone() {
        ScheduleExpression e = new MaintenanceCalendar(Cadence.DAILY, LocalTime.of(2, 0), NAIROBI).expression();
        assertThat(e.getHour()).isEqualTo("2");
        assertThat(e.getMinute()).isEqualTo("0");
        assertThat(e.getSecond()).isEqualTo("0");
        assertThat(e.getDayOfMonth()).isEqualTo("*");
        assertThat(e.getTimezone()).isEqualTo("Africa/Nairobi");
    }

    @Test
    void theMonthlyExpressionFiresOnTheFirst() {
        ScheduleExpression e = new MaintenanceCalendar(Cadence.MONTHLY, LocalTime.of(4, 30), NAIROBI).expression();
        assertThat(e.getDayOfMonth()).isEqualTo("1");
        assertThat(e.getHour()).isEqualTo("4");
        assertThat(e.getMinute()).isEqualTo("30");
    }

    @Test
    void instancesFiringAFewSecondsApartNameTheSameDailySlot() {
        MaintenanceCalendar daily = new MaintenanceCalendar(Cadence.DAILY, LocalTime.of(2, 0), NAIROBI);
        Instant slot = Instant.parse("2026-11-24T23:00:00Z"); // 02:00 in Nairobi on the 25th
        assertThat(daily.slotAt(Instant.parse("2026-11-24T23:00:00.004Z"))).isEqualTo(slot);
        assertThat(daily.slotAt(Instant.parse("2026-11-24T23:03:10Z"))).isEqualTo(slot);
        assertThat(daily.slotAt(Instant.parse("2026-11-24T22:59:58Z"))).as("a timer firing early").isEqualTo(slot);
        assertThat(daily.slotAt(Instant.parse("2026-11-25T12:00:00Z"))).as("a manual slot run at noon").isEqualTo(slot);
        assertThat(daily.slotAt(Instant.parse("2026-11-24T22:00:00Z"))).as("before today's slot").isEqualTo(slot.minusSeconds(86_400));
    }

    @Test
    void theMonthlySlotIsTheFirstOfTheMonth() {
        MaintenanceCalendar monthly = new MaintenanceCalendar(Cadence.MONTHLY, LocalTime.of(4, 0), ZoneId.of("UTC"));
        assertThat(monthly.slotAt(Instant.parse("2026-12-01T04:00:02Z"))).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        assertThat(monthly.slotAt(Instant.parse("2026-12-17T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        assertThat(monthly.slotAt(Instant.parse("2026-12-01T03:00:00Z"))).as("before this month's slot").isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(monthly.slotAt(Instant.parse("2027-01-01T03:59:30Z"))).as("a timer firing early on New Year").isEqualTo(Instant.parse("2027-01-01T04:00:00Z"));
    }

    @Test
    void theHourlySlotIsFivePastTheHour() {
        MaintenanceCalendar hourly = new MaintenanceCalendar(Cadence.HOURLY, LocalTime.of(0, MaintenanceCalendar.HOURLY_MINUTE), NAIROBI);
        assertThat(hourly.expression().getHour()).isEqualTo("*");
        assertThat(hourly.expression().getMinute()).isEqualTo("5");
        assertThat(hourly.slotAt(Instant.parse("2026-12-07T10:05:03Z"))).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(hourly.slotAt(Instant.parse("2026-12-07T10:04:30Z"))).as("a timer firing early").isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(hourly.slotAt(Instant.parse("2026-12-07T10:03:00Z"))).as("before this hour's slot").isEqualTo(Instant.parse("2026-12-07T09:05:00Z"));
        assertThat(hourly.describe()).isEqualTo("hourly at minute 5");
    }

    @Test
    void describesItselfForPeople() {
        assertThat(new MaintenanceCalendar(Cadence.MONTHLY, LocalTime.of(4, 0), NAIROBI).describe()).isEqualTo("monthly on the 1st at 04:00 (Africa/Nairobi)");
        assertThat(new MaintenanceCalendar(Cadence.DAILY, LocalTime.of(2, 0), ZoneId.of("UTC")).describe()).isEqualTo("daily at 02:00 (UTC)");
    }

    @Test
    void eachJobHasOneCadenceAndAUniqueName() {
        assertThat(MaintenanceJob.of(Cadence.DAILY)).extracting(MaintenanceJob::jobName)
                .containsExactly("analyze", "purge-read-notifications", "purge-sync-logs", "notify-inactive-children", "delete-unreferenced-files",
                        "refresh-class-summary");
        assertThat(MaintenanceJob.of(Cadence.HOURLY)).extracting(MaintenanceJob::jobName)
                .containsExactly("settle-waiting-events", "notify-assignments-due", "notify-streaks-at-risk");
        assertThat(MaintenanceJob.of(Cadence.MONTHLY)).extracting(MaintenanceJob::jobName).containsExactly("monthly-class-analytics");
        assertThat(MaintenanceJob.named("purge-sync-logs")).contains(MaintenanceJob.PURGE_SYNC_LOGS);
        assertThat(MaintenanceJob.named("vacuum")).isEmpty();
    }
}
