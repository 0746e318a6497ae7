package org.projectspark.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Asks the read database how it is every READ_REPLICA_CHECK_INTERVAL, on every instance (a non-persistent timer: each
 * instance routes its own reads). NOT_SUPPORTED: the check's connection must not join a transaction.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicaChecks {

    @Resource
    TimerService timers;

    @Inject
    ReadReplica replica;

    @PostConstruct
    void start() {
        long every = replica.checkInterval().toMillis();
        timers.createIntervalTimer(0, every, new TimerConfig("read-replica-check", false));
    }

    @Timeout
    void check() {
        replica.check();
    }
}
