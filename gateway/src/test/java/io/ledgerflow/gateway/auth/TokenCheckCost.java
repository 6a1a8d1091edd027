package io.ledgerflow.gateway.auth;

import io.ledgerflow.gateway.GatewaySettings;
import io.ledgerflow.testsupport.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * What the gateway's token check costs per request: the full check (HS256 signature, JSON parse,
 * validators: what every request paid) against a hit in {@link VerifiedTokens}. Alternates the two
 * in rounds in one JVM and prints the median CPU microseconds of each. Not a test; see docs/benchmarks.md.
 */
public final class TokenCheckCost {

    /** CPU time of this thread, not wall time: on a busy machine the wall clock counts other processes' turns. */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        GatewaySettings.Auth auth = new GatewaySettings.Auth(true, Tokens.secret(), null, null, "workspaces");
        ReactiveJwtDecoder decoder = BearerTokenFilter.decoder(auth);
        String token = Tokens.forWorkspaces("acme");
        VerifiedTokens verified = new VerifiedTokens(10_000, Duration.ofHours(1));
        verified.put(token, decoder.decode(token).block(), Instant.now());
        double[] full = new double[9];
        double[] cached = new double[9];
        long sink = 0;
        for (int round = 0; round < full.length; round++) {
            long t = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += decoder.decode(token).block().getClaims().size();
            }
            full[round] = (CPU.getCurrentThreadCpuTime() - t) / 1e3 / perRound;
            t = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                Jwt jwt = verified.get(token, Instant.now());
                sink += jwt.getClaims().size();
            }
            cached[round] = (CPU.getCurrentThreadCpuTime() - t) / 1e3 / perRound;
        }
        java.util.Arrays.sort(full);
        java.util.Arrays.sort(cached);
        System.out.printf(
                Locale.ROOT,
                "{\"measure\":\"token-check\",\"fullMedianUs\":%.2f,\"cachedMedianUs\":%.3f,\"perRound\":%d,\"sink\":%d}%n",
                full[full.length / 2],
                cached[cached.length / 2],
                perRound,
                sink);
    }
}
