package org.projectspark.platform.security;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRolesTest {

    @AfterEach
    void forget() {
        Caller.clear();
    }

    @Test
    void theAcceptedTokenMakesTheCallerAndTheRoleChecks() {
        UUID user = UUID.randomUUID();
        Request request = new Request(Map.of(TokenRoles.ATTRIBUTE, new Caller(user, Set.of("TEACHER"))));
        new TokenRoles().filter(request.context());

        assertThat(Caller.current().id()).isEqualTo(user);
        assertThat(Caller.current().is("TEACHER")).isTrue();
        assertThat(Caller.current().is("ADMIN")).isFalse();
        assertThat(request.security.isUserInRole("TEACHER")).isTrue();
        assertThat(request.security.isUserInRole("STUDENT")).isFalse();
    }

    @Test
    void anAnonymousRequestOnTheSameThreadInheritsNoCaller() {
        new TokenRoles().filter(new Request(Map.of(TokenRoles.ATTRIBUTE, new Caller(UUID.randomUUID(), Set.of("ADMIN")))).context());
        Request anonymous = new Request(Map.of());
        new TokenRoles().filter(anonymous.context());

        assertThatThrownBy(Caller::current).isInstanceOf(NotAuthorizedException.class);
        assertThat(anonymous.security).isNull(); // the container's context stays
    }

    /** The parts of a JAX-RS request the filter uses: its properties and its security context. */
    private static final class Request {
        final Map<String, Object> properties;
        SecurityContext security;

        Request(Map<String, Object> properties) {
            this.properties = new HashMap<>(properties);
        }

        ContainerRequestContext context() {
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ContainerRequestContext.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getProperty" -> properties.get((String) args[0]);
                        case "getSecurityContext" -> security;
                        case "setSecurityContext" -> {
                            security = (SecurityContext) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
