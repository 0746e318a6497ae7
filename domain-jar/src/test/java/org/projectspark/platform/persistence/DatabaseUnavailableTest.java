package org.projectspark.platform.persistence;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void aConnectionThePoolCouldNotHandOutIsUnavailability() {
        // as EclipseLink reported it after PostgreSQL closed the pool's connections
        SQLException allocation = new SQLException("Error in allocating a connection");
        allocation.initCause(new ResourceAllocationException("Got exception during XAResource.start"));
        assertThat(DatabaseUnavailable.isCauseOf(new PersistenceException("Exception [EclipseLink-4002]", allocation))).isTrue();
    }

    @Test
    void connectionStatesAndShutdownsAreUnavailability() {
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("too many clients", "53300"))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLTransientConnectionException("timed out"))).isTrue();
    }

    @Test
    void foundInsideAnEjbExceptionAndAChainOfNextExceptions() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08003");
        SQLException first = new SQLException("batch failed", (String) null);
        first.setNextException(batch);
        assertThat(DatabaseUnavailable.isCauseOf(new EJBException(first))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAndOurBugsAreNot() {
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new PersistenceException(new SQLException("no state")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(null)).isFalse();
    }
}
