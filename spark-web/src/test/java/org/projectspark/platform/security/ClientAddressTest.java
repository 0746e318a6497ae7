package org.projectspark.platform.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void aDirectClientCannotChooseItsAddress() {
        assertThat(ClientAddress.resolve("203.0.113.9", "10.0.0.1", Set.of("127.0.0.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopWins() {
        Set<String> proxies = Set.of("127.0.0.1", "10.0.0.2");
        assertThat(ClientAddress.resolve("127.0.0.1", "198.51.100.7", proxies)).isEqualTo("198.51.100.7");
        // a client that prepends a forged hop does not get it believed
        assertThat(ClientAddress.resolve("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", proxies)).isEqualTo("198.51.100.7");
    }

    @Test
    void withoutTheHeaderThePeerIsTheClient() {
        assertThat(ClientAddress.resolve("127.0.0.1", null, Set.of("127.0.0.1"))).isEqualTo("127.0.0.1");
    }
}
