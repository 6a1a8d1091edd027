package io.ledgerflow.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens whose signature and claims were verified a moment ago, so that a client sending the same token
 * on every request does not pay the HMAC or RSA check, the JSON parse and the validators each time. An
 * entry is used until the token expires or {@code maxAge} after its check, whichever is first (so a key
 * rotation or a tighter validator applies within {@code maxAge}); tokens without an expiry are not kept.
 * Bounded: past {@code capacity} entries the cache starts again empty.
 */
final class VerifiedTokens {

    private record Entry(Jwt jwt, Instant until) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration maxAge;

    VerifiedTokens(int capacity, Duration maxAge) {
        this.capacity = capacity;
        this.maxAge = maxAge;
    }

    /** The verified token, if {@code token} was verified and is still within its time at {@code now}. */
    @Nullable
    Jwt get(String token, Instant now) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.until())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.jwt();
    }

    /** Remembers a token that {@code verifiedAt} passed every check. */
    void put(String token, Jwt jwt, Instant verifiedAt) {
        Instant expiry = jwt.getExpiresAt();
        if (expiry == null) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.clear();
        }
        Instant until = verifiedAt.plus(maxAge);
        entries.put(token, new Entry(jwt, expiry.isBefore(until) ? expiry : until));
    }

    int size() {
        return entries.size();
    }
}
