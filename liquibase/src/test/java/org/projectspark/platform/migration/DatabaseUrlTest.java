package org.projectspark.platform.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void parsesTheGuidesFormWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://spark_app:p%40ss:word@db-host:6543/project_spark?connection_limit=20&pool_timeout=20&sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db-host:6543/project_spark?sslmode=require");
        assertThat(url.user()).isEqualTo("spark_app");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.toString()).doesNotContain("p@ss").contains("***");
        assertThat(url.sslMode()).isEqualTo("require");
    }

    @Test
    void defaultsPortAndUser() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost/project_spark");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.password()).isNull();
        assertThat(url.sslMode()).isEmpty();
    }

    @Test
    void acceptsJdbcForm() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/spark?user=app&password=x");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("x");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/spark");
    }

    @Test
    void refusesOtherSchemesAndMissingDatabase() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/x")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://localhost/")).hasMessageContaining("one database");
    }
}
