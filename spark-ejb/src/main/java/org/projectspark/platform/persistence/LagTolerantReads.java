package org.projectspark.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Function;

/**
 * Reads that tolerate the replica's lag (teacher dashboards, reports and exports, board rebuilds, content for
 * students): they run on the read database ({@code spark-read}, DATABASE_READ_URL) while {@link ReadReplica} says it
 * answers within READ_REPLICA_MAX_LAG, and on the primary otherwise. A read that meets the replica gone is run again on
 * the primary, so its caller never sees the failure. Inside a transaction they run on the primary: the reads of a write
 * must see what it is about to change. The read unit is resource-local and logs in on its first read, so a replica that is
 * down when the application starts costs nothing but reads on the primary until it answers.
 * <p>
 * What a user wrote and reads back (their progress, dashboard and badges, a sync receipt, their account) and every
 * session, token and access decision read the primary's unit {@code spark} directly, never through here.
 */
@ApplicationScoped
public class LagTolerantReads {

    @PersistenceUnit(unitName = "spark-read")
    EntityManagerFactory replica;

    @PersistenceContext(unitName = "spark")
    EntityManager primary;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ReadReplica state;

    /** Runs {@code read} on the replica while it takes reads, else (or when it fails to answer) on the primary. */
    public <T> T read(Function<EntityManager, T> read) {
        if (state.takesReads() && transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            try (EntityManager em = replica.createEntityManager()) {
                return read.apply(em);
            } catch (RuntimeException onReplica) {
                if (DatabaseUnavailable.isCauseOf(onReplica)) {
                    state.failed(onReplica);
                    return read.apply(primary);
                }
                if (!fromPersistence(onReplica)) {
                    throw onReplica; // our code's failure (or an answer such as not found): the primary would not change it
                }
                // anything else the replica's unit failed with (a unit that could not log in, say): when the primary
                // answers, the replica was at fault; when it fails too, the read itself is wrong and its failure is thrown
                T answer = read.apply(primary);
                state.failed(onReplica);
                return answer;
            }
        }
        return read.apply(primary);
    }

    /** JPA's exceptions, and EclipseLink's own, which some of its calls throw unwrapped. */
    private static boolean fromPersistence(RuntimeException e) {
        return e instanceof PersistenceException || e.getClass().getName().startsWith("org.eclipse.persistence.");
    }
}
