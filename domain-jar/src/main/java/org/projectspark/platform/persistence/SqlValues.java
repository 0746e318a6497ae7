package org.projectspark.platform.persistence;

import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Values of native query rows, whose Java types depend on the driver and EclipseLink rather than the entity mapping,
 * and array parameters of native queries.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /**
     * The rows of a native query of two or more columns, each turned into a named value by {@code row}: the one place
     * that reads the query's columns by position, written beside the SQL that orders them.
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> rows(Query query, Function<Object[], T> row) {
        return ((List<Object[]>) query.getResultList()).stream().map(row).toList();
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

    /** A count or sum column, whichever {@link Number} the driver hands over; NULL, a sum over no rows, is 0. */
    public static long count(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
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

    /**
     * A PostgreSQL array literal of any texts, for {@code CAST(?n AS text[])} (or {@code jsonb[]}): each element
     * quoted, so commas, braces, quotes and spaces in a text stay in it; a null element is SQL NULL.
     */
    public static String textArray(Collection<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (String v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            if (v == null) {
                b.append("NULL");
                continue;
            }
            b.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }
}
