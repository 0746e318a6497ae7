package org.projectspark.maintenance.service;

import jakarta.ejb.ScheduleExpression;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Duration;

/**
 * When a cadence fires: every hour, every day, or on the 1st of every month, at a local time in a zone (an hourly
 * cadence uses the minute only). It builds the
 * timer's calendar expression and names the slot a firing belongs to, so that every instance of the cluster
 * derives the same slot from its own clock and only one of them claims it.
 */
public record MaintenanceCalendar(Cadence cadence, LocalTime at, ZoneId zone) {

    /** A timer may fire a little early or late; a firing up to this long before its slot still belongs to it. */
    static final Duration EARLY_FIRING = Duration.ofMinutes(1);

    /** Hourly jobs run at 5 past, away from the full hour when daily and monthly jobs usually start. */
    public static final int HOURLY_MINUTE = 5;

    public ScheduleExpression expression() {
        ScheduleExpression e = new ScheduleExpression()
                .hour(cadence == Cadence.HOURLY ? "*" : Integer.toString(at.getHour())).minute(at.getMinute()).second(0)
                .timezone(zone.getId());
        return cadence == Cadence.MONTHLY ? e.dayOfMonth(1).month("*").dayOfWeek("*") : e.dayOfMonth("*").month("*").dayOfWeek("*");
    }

    /**
     * The scheduled time a firing at {@code now} stands for: the latest slot at or before it. Derived from the
     * calendar, not from the firing time, so instances whose timers fire seconds (or minutes) apart agree.
     */
    public Instant slotAt(Instant now) {
        ZonedDateTime local = now.plus(EARLY_FIRING).atZone(zone);
        if (cadence == Cadence.HOURLY) {
            ZonedDateTime hour = local.withMinute(at.getMinute()).withSecond(0).withNano(0);
            return (hour.isAfter(local) ? hour.minusHours(1) : hour).toInstant();
        }
        ZonedDateTime slot = cadence == Cadence.MONTHLY
                ? local.withDayOfMonth(1).with(at)
                : local.with(at);
        if (slot.isAfter(local)) {
            slot = cadence == Cadence.MONTHLY ? slot.minusMonths(1).withDayOfMonth(1).with(at) : slot.minusDays(1).with(at);
        }
        return slot.toInstant();
    }

    /** For people: {@code daily at 02:00 (UTC)}, {@code monthly on the 1st at 04:00 (Africa/Nairobi)}. */
    public String describe() {
        if (cadence == Cadence.HOURLY) {
            return "hourly at minute " + at.getMinute();
        }
        return (cadence == Cadence.MONTHLY ? "monthly on the 1st at " : "daily at ") + at + " (" + zone.getId() + ")";
    }
}
