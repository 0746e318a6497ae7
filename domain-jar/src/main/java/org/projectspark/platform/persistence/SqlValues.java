package org.projectspark.platform.persistence;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Values of native query rows, whose Java types depend on the driver and EclipseLink rather than the entity mapping,
 * and array parameters of native queries.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} column: EclipseLink hands native results over as {@link Timestamp}. */
    public static OffsetDateTime instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime t) {
            return t;
        }
        if (column instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + column.getClass().getName());
    }

    /** A {@code date} column: the driver hands it over as {@link java.sql.Date}. */
    public static LocalDate day(Object column) {
        return column instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) column;
    }

    /**
     * A PostgreSQL array literal of these values, for {@code CAST(?n AS uuid[])} and the like: UUIDs, dates and ISO
     * times, none of which needs quoting.
     */
    public static String array(Collection<?> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach(v -> b.append(b.length() > 1 ? "," : "").append(v));
        return b.append('}').toString();
    }
}
