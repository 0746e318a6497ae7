package org.projectspark.platform.persistence;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values of native query rows, whose Java types depend on the driver and EclipseLink rather than the entity mapping. */
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
}
