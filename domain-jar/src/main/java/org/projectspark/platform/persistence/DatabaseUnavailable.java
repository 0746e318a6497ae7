package org.projectspark.platform.persistence;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means the database could not be reached (restarted, failed over, out of connections), not that a
 * request or our code was wrong: the request may be sent again as it was, so it is answered 503 with Retry-After, not 500.
 * The pool finds out about dead connections only when it next validates them (at most every 30 s), so the first
 * requests after a database restart meet this.
 */
public final class DatabaseUnavailable {

    /** SQLSTATE 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    public static boolean isCauseOf(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof ResourceException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true; // the pool could not hand out a connection, or the driver lost it
            }
            if (t instanceof SQLException sql && lostConnection(sql)) {
                return true;
            }
            Throwable next = t instanceof EJBException ejb && ejb.getCausedByException() != null ? ejb.getCausedByException() : t.getCause();
            t = next == t ? null : next;
        }
        return false;
    }

    private static boolean lostConnection(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException() == s ? null : s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                return true; // class 08: connection exception
            }
        }
        return false;
    }
}
