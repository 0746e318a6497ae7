package org.projectspark.platform.http;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemException;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterConvertersTest {

    enum Period { DAY, WEEK }

    @SuppressWarnings("unused")
    void resource(@QueryParam("limit") @Min(1) @Max(100) int limit, @QueryParam("dryRun") boolean dryRun,
                  @PathParam("id") UUID id, @QueryParam("period") Period period, @QueryParam("free") String free) {
    }

    private static <T> ParamConverter<T> converter(Class<T> type, int parameter) throws Exception {
        Method m = ParameterConvertersTest.class.getDeclaredMethod("resource", int.class, boolean.class, UUID.class, Period.class, String.class);
        Annotation[] annotations = m.getParameterAnnotations()[parameter];
        return new ParameterConverters().getConverter(type, type, annotations);
    }

    private static Problem refusal(ParamConverter<?> c, String text) {
        try {
            c.fromString(text);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError(text + " was accepted");
    }

    @Test
    void numbersParseStrictlyAndNameTheParameterAndItsBounds() throws Exception {
        ParamConverter<Integer> limit = converter(int.class, 0);
        assertThat(limit.fromString("42")).isEqualTo(42);
        for (String bad : new String[] {"abc", "99999999999999999999", "1.5", ""}) {
            Problem p = refusal(limit, bad);
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.type()).endsWith("/validation");
            assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("limit");
            assertThat(p.detail()).isEqualTo("limit must be a whole number from 1 to 100");
        }
    }

    @Test
    void flagsIdsAndEnumsTakeOnlyTheirValues() throws Exception {
        ParamConverter<Boolean> dryRun = converter(boolean.class, 1);
        assertThat(dryRun.fromString("FALSE")).isFalse();
        assertThat(refusal(dryRun, "maybe").detail()).isEqualTo("dryRun must be true or false");
        ParamConverter<UUID> id = converter(UUID.class, 2);
        UUID u = UUID.randomUUID();
        assertThat(id.fromString(u.toString())).isEqualTo(u);
        assertThat(refusal(id, "not-an-id").detail()).startsWith("id must be an id");
        ParamConverter<Period> period = converter(Period.class, 3);
        assertThat(period.fromString("week")).isEqualTo(Period.WEEK);
        assertThat(refusal(period, "year").detail()).isEqualTo("period must be one of DAY, WEEK");
    }

    @Test
    void textIsLeftToJaxRs() throws Exception {
        assertThat(converter(String.class, 4)).isNull();
    }

    @Test
    void anAbsentPrimitiveIsItsDefault() throws Exception {
        assertThat(converter(int.class, 0).fromString(null)).isEqualTo(0);
        assertThatThrownBy(() -> converter(UUID.class, 2).fromString("x".repeat(500))).isInstanceOf(ProblemException.class);
    }
}
