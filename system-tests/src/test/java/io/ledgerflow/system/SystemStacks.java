package io.ledgerflow.system;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.localstack.LocalStackOptions;
import io.ledgerflow.testsupport.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The whole stack for a system test: fresh state, ports clear of a developer's stack, auth on with the test key. */
public final class SystemStacks {

    private SystemStacks() {}

    public static LocalStackOptions options(Path state) {
        Path home = Path.of(System.getProperty("ledgerflow.home", ".."))
                .toAbsolutePath()
                .normalize();
        // Ports clear of a developer's running stack (8080..19093) and below the kernel's ephemeral
        // range (32768+), where an outgoing connection could take one between the check and the bind.
        int offset = 11_000 + ThreadLocalRandom.current().nextInt(25) * 100;
        return LocalStackOptions.defaults(home)
                .withStateDir(state)
                .withFresh(true)
                .withPortOffset(offset)
                // a shared, loaded machine may need longer: -Dledgerflow.health-timeout-seconds=600
                .withHealthTimeout(Duration.ofSeconds(Long.getLong("ledgerflow.health-timeout-seconds", 240)))
                // a throw-away state directory: recording a start-up cache would cost, not save
                .withStartupCache(false)
                // auth on, as in production, with the key this JVM signs its test tokens with
                .withEnv("AUTH_JWT_SECRET", Tokens.secret());
    }

    public static LocalStack start(LocalStackOptions options) {
        return LocalStack.start(options, line -> System.out.println("[local-stack] " + line));
    }

    /** Kept after the run (target/shared-stack/logs) so a failure can be read in the services' own logs. */
    private static final Path SHARED_STATE = Path.of("target", "shared-stack").toAbsolutePath();

    private static LocalStackOptions sharedOptions;
    private static LocalStack shared;

    /**
     * One stack for the system tests, started by the first that asks and stopped when the test JVM exits: a stack start costs a minute or more of a 2-core machine. The rate
     * limit is off (the fuzzer's requests come from one address, faster than a client's budget); each test works in
     * workspaces of its own.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(sharedOptions().withFresh(true));
            Runtime.getRuntime().addShutdownHook(new Thread(SystemStacks::closeShared, "shared-stack-stop"));
        }
        return shared;
    }

    /** The shared stack's options. */
    private static LocalStackOptions sharedOptions() {
        if (sharedOptions == null) {
            sharedOptions = options(SHARED_STATE)
                    .withEnv("RATE_LIMIT_ENABLED", "false")
                    .withHealthTimeout(Duration.ofSeconds(Long.getLong("ledgerflow.health-timeout-seconds", 600)));
        }
        return sharedOptions;
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
        }
    }
}
