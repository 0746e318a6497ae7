package org.projectspark.maintenance.service;

/** How often a group of maintenance jobs runs; each cadence has one timer per instance. */
public enum Cadence {
    /** At {@link MaintenanceCalendar#HOURLY_MINUTE} past every hour: reminders that depend on each school's own clock. */
    HOURLY, DAILY, MONTHLY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<Cadence> fromLabel(String label) {
        for (Cadence c : values()) {
            if (c.label().equals(label)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
