package org.projectspark.maintenance.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What a job's SQL runs on: the job's own connection, inside its transaction, with the maintenance statement
 * timeout instead of the pool's (Payara sets the pool's on every statement it hands out), and the instant the
 * run stands for (its scheduled slot, or now for a manual run).
 */
public final class JobSql {

    private final Connection connection;
    private final int timeoutSeconds;
    private final Instant at;
    private final ZoneId zone;

    JobSql(Connection connection, int timeoutSeconds, Instant at, ZoneId zone) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
        this.at = at;
        this.zone = zone;
    }

    /** The scheduled slot this run stands for (now, for a manual run). */
    public Instant at() { return at; }

    /** The maintenance time zone: its calendar decides which month "the past month" is. */
    public ZoneId zone() { return zone; }

    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params)) {
            return ps.executeUpdate();
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
