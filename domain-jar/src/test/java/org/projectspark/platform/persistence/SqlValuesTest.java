package org.projectspark.platform.persistence;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SqlValuesTest {

    @Test
    void arrayLiteralsAsPostgreSQLReadsThem() {
        UUID a = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID b = UUID.fromString("00000000-0000-4000-8000-000000000002");
        assertThat(SqlValues.array(List.of())).isEqualTo("{}");
        assertThat(SqlValues.array(List.of(a))).isEqualTo("{" + a + "}");
        assertThat(SqlValues.array(List.of(a, b))).isEqualTo("{" + a + "," + b + "}");
        assertThat(SqlValues.array(List.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 30)))).isEqualTo("{2026-12-01,2026-11-30}");
        assertThat(SqlValues.array(List.of(OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.ofHours(14)))))
                .isEqualTo("{2026-12-01T00:00+14:00}");
    }

    @Test
    void textArrayLiteralsKeepQuotesBackslashesCommasAndBracesInsideTheirElement() {
        assertThat(SqlValues.textArray(List.of())).isEqualTo("{}");
        assertThat(SqlValues.textArray(List.of("a, b", "{x}", "say \"hi\"", "C:\\tmp"))).isEqualTo("{\"a, b\",\"{x}\",\"say \\\"hi\\\"\",\"C:\\\\tmp\"}");
        assertThat(SqlValues.textArray(java.util.Arrays.asList("NULL", null))).as("the word stays a word; null is SQL NULL").isEqualTo("{\"NULL\",NULL}");
    }

    @Test
    void datesWhicheverTypeTheDriverHandsOver() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(SqlValues.day(java.sql.Date.valueOf(day))).isEqualTo(day);
        assertThat(SqlValues.day(day)).isEqualTo(day);
        assertThat(SqlValues.day(null)).isNull();
    }
}
