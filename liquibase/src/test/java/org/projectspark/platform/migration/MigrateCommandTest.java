package org.projectspark.platform.migration;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateCommandTest {

    @Test
    void theOwnerMigratesWhenNamedElseTheApplicationsRole() {
        String owner = "postgresql://spark_owner@db:5432/project_spark";
        String app = "postgresql://spark_app@db:5432/project_spark";
        assertThat(MigrateCommand.migrationUrl(Map.of("DATABASE_MIGRATION_URL", owner, "DATABASE_URL", app))).isEqualTo(owner);
        assertThat(MigrateCommand.migrationUrl(Map.of("DATABASE_MIGRATION_URL", " ", "DATABASE_URL", app))).isEqualTo(app);
        assertThat(MigrateCommand.migrationUrl(Map.of("DATABASE_URL", app))).isEqualTo(app);
        assertThat(MigrateCommand.migrationUrl(Map.of())).isEqualTo(MigrateCommand.DEFAULT_DATABASE_URL);
    }
}
