package org.projectspark.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.TooManyRequestsException;
import org.projectspark.platform.ratelimit.Limit;
import org.projectspark.platform.ratelimit.RateLimitDecision;
import org.projectspark.platform.ratelimit.RateLimiter;

/**
 * How many wrong passwords are tried before sign-in slows and then stops, counted on the whole cluster (Redis).
 * Only failures count: a correct password gives back what its attempt took, so a class that signs in together from
 * its school's one address is never held up by its own successes. Three counts, each slowing at half of its bound
 * (see docs/architecture.md):
 * <ul>
 *   <li>one account from one address (AUTH_RATE_LIMIT_MAX): the guard against guessing a student's password;</li>
 *   <li>one account from anywhere (AUTH_ACCOUNT_RATE_LIMIT_MAX): guessing spread over many addresses;</li>
 *   <li>one address on any account (AUTH_ADDRESS_RATE_LIMIT_MAX): spraying a common password over many
 *       accounts, sized so that a whole school behind one NAT address can mistype.</li>
 * </ul>
 * A token is taken before the password is checked, so that many attempts sent at once cannot all pass a check
 * made before any of them failed.
 */
@ApplicationScoped
public class SignInLimits {

    @Inject
    RateLimiter limiter;

    @Inject
    SparkSettings settings;

    /** An attempt that has taken its tokens; {@link #succeeded()} gives them back. */
    public final class Attempt {
        private final String account;
        private final String address;

        private Attempt(String account, String address) {
            this.account = account;
            this.address = address;
        }

        /** The password was right (or the attempt failed for another reason): it does not count as a failure. */
        public void succeeded() {
            limiter.refund(PAIR, pairKey(account, address), pair());
            limiter.refund(ACCOUNT, account, account());
            limiter.refund(ADDRESS, address, address());
        }
    }

    private static final String PAIR = "login-pair";
    private static final String ACCOUNT = "login-account";
    private static final String ADDRESS = "login-address";

    /** Takes a token from each count, or refuses with 429 (giving back what it took) when one is spent. */
    public Attempt begin(String account, String address) {
        RateLimitDecision pair = limiter.consume(PAIR, pairKey(account, address), pair());
        if (!pair.allowed()) {
            throw refused("Too many wrong passwords for this account", pair);
        }
        RateLimitDecision forAccount = limiter.consume(ACCOUNT, account, account());
        if (!forAccount.allowed()) {
            limiter.refund(PAIR, pairKey(account, address), pair());
            throw refused("Too many wrong passwords for this account", forAccount);
        }
        RateLimitDecision forAddress = limiter.consume(ADDRESS, address, address());
        if (!forAddress.allowed()) {
            limiter.refund(PAIR, pairKey(account, address), pair());
            limiter.refund(ACCOUNT, account, account());
            throw refused("Too many failed sign-ins from this network", forAddress);
        }
        return new Attempt(account, address);
    }

    private Limit pair() {
        return Limit.slowingAfterHalf(settings.authRateLimitMax(), settings.rateLimitWindow());
    }

    private Limit account() {
        return Limit.slowingAfterHalf(settings.authAccountRateLimitMax(), settings.rateLimitWindow());
    }

    private Limit address() {
        return Limit.slowingAfterHalf(settings.authAddressRateLimitMax(), settings.rateLimitWindow());
    }

    private static String pairKey(String account, String address) {
        return account + "@" + address;
    }

    private static TooManyRequestsException refused(String what, RateLimitDecision decision) {
        return new TooManyRequestsException(what + "; wait " + decision.retryAfterSeconds()
                + " seconds before trying again", decision.retryAfterSeconds());
    }
}
