package io.ledgerflow.system.faults;

/**
 * Latency and loss between a service and the broker ({@code tc netem} in a network namespace of the harness's own,
 * loopback only). Not built yet: local-stack starts every service in the host's namespace, and a service moved into
 * another one needs its HTTP, management, Kafka and PostgreSQL ports bridged back; until then the nemesis skips this
 * kind and says why in the history.
 */
final class Netem {

    private Netem() {}

    static String unavailableReason() {
        return "network faults (tc netem in a namespace) are not implemented yet: local-stack runs every service in the"
                + " host's network namespace";
    }
}
