package org.projectspark.gamification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Days in a row on which a student learned, counted in the student's own calendar. One missed day is
 * forgiven (a grace day) if none was forgiven in the {@value #GRACE_EVERY_DAYS} days before: a phone left
 * at home should not wipe out a month.
 */
@Entity
@Table(name = "streaks")
public class Streak {

    static final int GRACE_EVERY_DAYS = 7;

    @Id
    @Column(name = "student_id")
    private UUID studentId;

    @Column(name = "current_days", nullable = false)
    private int current;

    @Column(name = "longest_days", nullable = false)
    private int longest;

    @Column(name = "last_active_on")
    private LocalDate lastActiveOn;

    @Column(name = "grace_used_on")
    private LocalDate graceUsedOn;

    @Version
    private long version;

    protected Streak() {
    }

    public Streak(UUID studentId) {
        this.studentId = studentId;
    }

    /**
     * Counts a day with learning. Returns true when this is the first activity of that day (the streak grew
     * or started); days before the last one counted change nothing (late-arriving offline events).
     */
    public boolean recordActivity(LocalDate day) {
        if (lastActiveOn != null && !day.isAfter(lastActiveOn)) {
            return false;
        }
        if (lastActiveOn != null && day.equals(lastActiveOn.plusDays(1))) {
            current++;
        } else if (lastActiveOn != null && day.equals(lastActiveOn.plusDays(2)) && graceAvailable(day)) {
            graceUsedOn = lastActiveOn.plusDays(1);
            current++;
        } else {
            current = 1;
        }
        lastActiveOn = day;
        longest = Math.max(longest, current);
        return true;
    }

    /**
     * Counts the streak again from every day the student learned (ascending), as if the days had come in order: a day
     * that arrives after later ones (an offline device syncing late) can join two runs. The longest streak never
     * shrinks. Returns the days on which the streak reached two days or more, each of which earns its day's bonus.
     */
    public List<LocalDate> recount(List<LocalDate> days) {
        int longestBefore = longest;
        current = 0;
        lastActiveOn = null;
        graceUsedOn = null;
        List<LocalDate> extended = new ArrayList<>();
        days.stream().sorted().distinct().forEach(day -> {
            if (recordActivity(day) && current >= 2) {
                extended.add(day);
            }
        });
        longest = Math.max(longest, longestBefore);
        return extended;
    }

    private boolean graceAvailable(LocalDate day) {
        return graceUsedOn == null || !graceUsedOn.isAfter(day.minusDays(GRACE_EVERY_DAYS + 1L));
    }

    /** The streak as of {@code today}: it lapses once a day (and its grace) has gone by without learning. */
    public int currentAsOf(LocalDate today) {
        if (lastActiveOn == null) {
            return 0;
        }
        long idle = today.toEpochDay() - lastActiveOn.toEpochDay();
        return idle <= 1 || (idle == 2 && graceAvailable(today)) ? current : 0;
    }

    public int current() { return current; }
    public int longest() { return longest; }
    public Optional<LocalDate> lastActiveOn() { return Optional.ofNullable(lastActiveOn); }
}
