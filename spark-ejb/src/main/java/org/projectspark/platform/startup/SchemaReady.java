package org.projectspark.platform.startup;

/**
 * Fired once at start, after the schema is migrated and before the application serves a request: features that must
 * put something in the database first (the first admin) observe it, so start-up needs to know none of them.
 */
public record SchemaReady() {
}
