package org.projectspark.platform.security;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.error.RetryLaterException;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Jakarta Authentication module of the web module: hands each request to {@link BearerTokenMechanism} and tells
 * the container who the caller is. Registered directly ({@link AuthModuleRegistration}) rather than through Jakarta
 * Security's bridge, which looked the mechanism up in JNDI and CDI twice per request (building a
 * {@code NamingException} each time): an eighth of the CPU of an authenticated read.
 */
final class BearerTokenModule implements ServerAuthModule {

    private final BearerTokenMechanism mechanism;
    private CallbackHandler container;

    BearerTokenModule(BearerTokenMechanism mechanism) {
        this.mechanism = mechanism;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler, Map<String, Object> options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[]{HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        Optional<BearerTokenMechanism.Caller> caller;
        try {
            caller = mechanism.authenticate(request, response);
        } catch (AuthenticationFailedException | RetryLaterException e) {
            return AuthStatus.SEND_FAILURE; // answered 401 (or 503) already
        }
        Callback[] callbacks;
        if (caller.isPresent()) {
            callbacks = new Callback[]{new CallerPrincipalCallback(client, caller.get().userId()),
                    new GroupPrincipalCallback(client, caller.get().roles().toArray(String[]::new))};
        } else {
            callbacks = new Callback[]{new CallerPrincipalCallback(client, (Principal) null)}; // anonymous
        }
        try {
            container.handle(callbacks);
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("The container refused the caller").initCause(e);
        }
        caller.ifPresent(c -> request.setAttribute(TokenRoles.ATTRIBUTE, new Caller(UUID.fromString(c.userId()), Set.copyOf(c.roles()))));
        return AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }
}
