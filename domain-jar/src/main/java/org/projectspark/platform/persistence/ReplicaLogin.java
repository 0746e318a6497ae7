package org.projectspark.platform.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The read unit's ({@code spark-read}) session customizer: lets the unit log in while the replica is down. EclipseLink's
 * login takes one connection to set itself up, and the server creates an {@code EntityManager} of every unit when the
 * application is deployed; with the replica unreachable the deployment would fail. Until the session has logged in, a
 * connection the replica refuses is taken from the primary ({@code jdbc/spark}, the same schema) instead; once logged
 * in, every connection is the replica's and a failure is the caller's to handle ({@link DatabaseUnavailable}: the read
 * goes to the primary).
 */
public class ReplicaLogin implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(ReplicaLogin.class.getName());
    static final String PRIMARY = "jdbc/spark";

    @Override
    public void customize(Session session) {
        // EclipseLink retries a read outside a transaction that met a lost connection, waiting seconds between tries;
        // a read on a replica that went away is answered from the primary at once instead (LagTolerantReads)
        if (session.getDatasourceLogin() instanceof org.eclipse.persistence.sessions.DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
        AtomicBoolean loggedIn = new AtomicBoolean();
        wrap(session.getDatasourceLogin(), loggedIn);
        if (session instanceof ServerSession server) {
            wrap(server.getReadConnectionPool().getLogin(), loggedIn);
            for (ConnectionPool pool : server.getConnectionPools().values()) {
                wrap(pool.getLogin(), loggedIn);
            }
        }
        session.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void postLogin(SessionEvent event) {
                loggedIn.set(true);
            }
        });
    }

    private static void wrap(org.eclipse.persistence.sessions.Login login, AtomicBoolean loggedIn) {
        if (login instanceof org.eclipse.persistence.sessions.DatasourceLogin l && l.getConnector() != null
                && !(l.getConnector() instanceof PrimaryUntilLoggedIn)) {
            l.setConnector(new PrimaryUntilLoggedIn(l.getConnector(), loggedIn));
        }
    }

    /** The replica's connector, with the primary's in its place for the login only. */
    static final class PrimaryUntilLoggedIn implements Connector {

        private Connector replica;
        private final AtomicBoolean loggedIn;

        PrimaryUntilLoggedIn(Connector replica, AtomicBoolean loggedIn) {
            this.replica = replica;
            this.loggedIn = loggedIn;
        }

        @Override
        public Connection connect(Properties properties, Session session) {
            try {
                return replica.connect(properties, session);
            } catch (DatabaseException e) {
                if (loggedIn.get()) {
                    throw e;
                }
                LOG.warning(() -> "Read database unreachable while the read unit logs in (" + e.getInternalException()
                        + "): logging in on the primary; reads go to the primary until the read database answers");
                return new JNDIConnector(PRIMARY).connect(properties, session);
            }
        }

        @Override
        public Object clone() {
            try {
                PrimaryUntilLoggedIn copy = (PrimaryUntilLoggedIn) super.clone();
                copy.replica = (Connector) replica.clone();
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void toString(PrintWriter writer) {
            replica.toString(writer);
        }

        @Override
        public String getConnectionDetails() {
            return replica.getConnectionDetails();
        }
    }
}
