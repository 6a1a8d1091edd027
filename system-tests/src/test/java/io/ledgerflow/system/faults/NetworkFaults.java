package io.ledgerflow.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packet loss and a slow link between one service and the Kafka broker, on the private loopback of the network
 * namespace the system tests run in ({@code system-tests/bin/java-in-own-netns}); the machine's own loopback is never
 * touched. Built from what this machine's kernel offers: iptables' {@code statistic} match drops a share of the
 * packets and an HTB class limits their rate. The kernel is built without {@code sch_netem}, so {@code tc netem}'s
 * fixed delay is out of reach; lost segments (TCP retransmits after at least 200 ms) and the slow link's queue delay
 * the traffic instead. Only the connections between the service and the broker that exist when the fault starts are
 * hit (found with {@code ss}); the broker's other clients go on undisturbed.
 */
final class NetworkFaults {

    private static final String CHAIN = "LEDGERFLOW-FAULTS";

    private NetworkFaults() {}

    /** Why network faults cannot be injected here, or null when they can. */
    static String unavailableReason() {
        if (!"own".equals(System.getenv("LEDGERFLOW_NETNS"))) {
            return "the tests do not run in a network namespace of their own (system-tests/bin/java-in-own-netns"
                    + " needs root, unshare and ip; LEDGERFLOW_OWN_NETNS=off turns it off)";
        }
        for (String tool : List.of("tc", "iptables", "ss")) {
            if (run(tool, "-V").exit() != 0) {
                return tool + " is not installed (bin/install-test-deps installs iptables; tc and ss are iproute2's)";
            }
        }
        return null;
    }

    /**
     * Drops {@code loss} (0–1) of the packets, both ways, on the connections between process {@code pid} and the
     * broker's {@code brokerPort}, and limits them to {@code rate} (tc's notation, e.g. {@code 256kbit}).
     *
     * @return what was done, for the history
     */
    static String inject(long pid, int brokerPort, double loss, String rate) {
        List<Connection> connections = connections(pid, brokerPort);
        if (connections.isEmpty()) {
            return "no connection of pid " + pid + " to the broker: nothing to disturb";
        }
        // two commands in all, whatever the number of connections: one process per rule took ~25 s on a loaded machine
        String probability = String.format(Locale.ROOT, "%.3f", loss);
        StringBuilder shaping = new StringBuilder()
                .append("qdisc add dev lo root handle 1: htb default 1\n")
                .append("class add dev lo parent 1: classid 1:1 htb rate 10gbit\n")
                .append("class add dev lo parent 1: classid 1:2 htb rate ")
                .append(rate)
                .append('\n');
        for (boolean ipv6 :
                connections.stream().map(Connection::ipv6).distinct().toList()) {
            StringBuilder drops = new StringBuilder("*filter\n:" + CHAIN + " - [0:0]\n")
                    .append("-I OUTPUT -o lo -j ")
                    .append(CHAIN)
                    .append('\n');
            for (Connection connection :
                    connections.stream().filter(c -> c.ipv6() == ipv6).toList()) {
                for (int[] way : ways(connection.localPort(), brokerPort)) {
                    drops.append(String.format(
                            Locale.ROOT,
                            "-A %s -p tcp --sport %d --dport %d -m statistic --mode random --probability %s -j DROP%n",
                            CHAIN,
                            way[0],
                            way[1],
                            probability));
                    String match = ipv6 ? "ip6" : "ip";
                    shaping.append(String.format(
                            Locale.ROOT,
                            "filter add dev lo parent 1: protocol %s prio 1 u32 match %s sport %d 0xffff"
                                    + " match %s dport %d 0xffff flowid 1:2%n",
                            ipv6 ? "ipv6" : "ip",
                            match,
                            way[0],
                            match,
                            way[1]));
                }
            }
            check(runWithInput(drops.append("COMMIT\n").toString(), iptables(ipv6) + "-restore", "--noflush"));
        }
        check(runWithInput(shaping.toString(), "tc", "-batch", "-"));
        return String.format(
                Locale.ROOT,
                "%.0f%% loss and %s on %d connections to the broker",
                loss * 100,
                rate,
                connections.size());
    }

    /** Takes every rule and the rate limit away again; quiet when there is nothing to take away. */
    static void heal() {
        run("tc", "qdisc", "del", "dev", "lo", "root");
        for (String iptables : List.of(iptables(false), iptables(true))) {
            run(iptables, "-D", "OUTPUT", "-o", "lo", "-j", CHAIN);
            run(iptables, "-F", CHAIN);
            run(iptables, "-X", CHAIN);
        }
    }

    private static String iptables(boolean ipv6) {
        return ipv6 ? "ip6tables" : "iptables";
    }

    record Connection(int localPort, boolean ipv6) {}

    /** The established TCP connections of {@code pid} whose peer is the broker's port. */
    static List<Connection> connections(long pid, int brokerPort) {
        Result ss = run("ss", "-tnpH", "state", "established");
        check(ss);
        return parse(ss.output(), pid, brokerPort);
    }

    /** Lines of {@code ss -tnpH state established}: {@code recv-q send-q local:port peer:port users:((…pid=N…))}. */
    static List<Connection> parse(String ss, long pid, int brokerPort) {
        List<Connection> connections = new ArrayList<>();
        for (String line : ss.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 5 || !line.contains("pid=" + pid + ",")) {
                continue;
            }
            String local = fields[2];
            String peer = fields[3];
            if (port(peer) == brokerPort) {
                // Java's dual-stack sockets show IPv4 as [::ffff:127.0.0.1]; their packets are IPv4
                connections.add(new Connection(port(local), local.startsWith("[") && !local.contains("::ffff:")));
            }
        }
        return connections;
    }

    private static int port(String address) {
        String port = address.substring(address.lastIndexOf(':') + 1);
        if (!port.matches("\\d+")) {
            throw new IllegalArgumentException("no port in ss's address " + address);
        }
        return Integer.parseInt(port);
    }

    /** Both directions of a connection: {sport, dport}. */
    private static int[][] ways(int localPort, int brokerPort) {
        return new int[][] {{localPort, brokerPort}, {brokerPort, localPort}};
    }

    private record Result(int exit, String command, String output) {}

    private static void check(Result result) {
        if (result.exit() != 0 && !result.output().contains("already exists")) {
            throw new IllegalStateException(
                    "network fault command failed: " + result.command() + ": " + result.output());
        }
    }

    private static Result run(String... command) {
        return runWithInput("", command);
    }

    /** Runs {@code command} with {@code input} on its standard input. */
    private static Result runWithInput(String input, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), String.join(" ", command), output.strip());
        } catch (IOException e) {
            return new Result(127, String.join(" ", command), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
