package org.projectspark.platform.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {

    @Test
    void aNewRequestIdIsARandomVersion4Uuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestContext.acceptOrCreate(null);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aPlainClientIdIsKeptAndAnyOtherReplaced() {
        assertThat(RequestContext.acceptOrCreate("tablet-7.sync-0042")).isEqualTo("tablet-7.sync-0042");
        String forged = RequestContext.acceptOrCreate("abc\n{\"Level\":\"SEVERE\"}");
        assertThat(forged).doesNotContain("\n");
        assertThat(UUID.fromString(forged).version()).isEqualTo(4);
        assertThat(UUID.fromString(RequestContext.acceptOrCreate("short")).version()).isEqualTo(4);
    }
}
