package org.projectspark.platform.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigratorContextsTest {

    @Test
    void demoDataComesWithDevelopmentUnlessTurnedOff() {
        assertThat(Migrator.contexts("development", null)).isEqualTo("development,demo");
        assertThat(Migrator.contexts(null, " ")).isEqualTo("development,demo");
        assertThat(Migrator.contexts("development", "false")).isEqualTo("development");
    }

    @Test
    void otherEnvironmentsGetItOnlyWhenAskedAndNeverAnEmptyList() {
        assertThat(Migrator.contexts("production", null)).isEqualTo("production");
        assertThat(Migrator.contexts("test", "")).isEqualTo("test");
        assertThat(Migrator.contexts("test", "true")).isEqualTo("test,demo");
    }
}
