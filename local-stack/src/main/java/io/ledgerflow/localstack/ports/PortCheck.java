package io.ledgerflow.localstack.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that every port the stack needs is free and claimed once. */
public final class PortCheck {

    private PortCheck() {}

    /** A port that cannot be used, and why. */
    public record Conflict(PortClaim claim, String reason) {
        public String describe() {
            return "port " + claim.port() + " (" + claim.owner() + ") " + reason + "; choose another with "
                    + claim.option() + " or shift every port with --port-offset <n>";
        }
    }

    /** The conflicts among {@code claims}: ports claimed twice, then ports something already uses. */
    public static List<Conflict> conflicts(List<PortClaim> claims) {
        List<Conflict> conflicts = new ArrayList<>();
        Map<Integer, PortClaim> seen = new HashMap<>();
        for (PortClaim claim : claims) {
            PortClaim earlier = seen.putIfAbsent(claim.port(), claim);
            if (earlier != null) {
                conflicts.add(new Conflict(claim, "is also wanted by " + earlier.owner()));
            } else if (!isFree(claim.port())) {
                conflicts.add(new Conflict(claim, "is already in use by another process"));
            }
        }
        return conflicts;
    }

    /** Throws with one line per conflict when any port is unusable. */
    public static void requireFree(List<PortClaim> claims) {
        List<Conflict> conflicts = conflicts(claims);
        if (!conflicts.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot start: ");
            message.append(conflicts.size() == 1 ? "a port is" : conflicts.size() + " ports are")
                    .append(" not available.");
            for (Conflict conflict : conflicts) {
                message.append(System.lineSeparator()).append("  - ").append(conflict.describe());
            }
            throw new PortInUseException(message.toString(), conflicts);
        }
    }

    /**
     * True when nothing listens on the port: it can be bound on every interface and nothing answers
     * on the loopback address (a server bound to 127.0.0.1 only is caught by the second test).
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A port that is free right now (for tests and tools). */
    public static int findFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Thrown when a port is taken; carries every conflict. */
    public static final class PortInUseException extends IllegalStateException {
        private final transient List<Conflict> conflicts;

        public PortInUseException(String message, List<Conflict> conflicts) {
            super(message);
            this.conflicts = List.copyOf(conflicts);
        }

        public List<Conflict> conflicts() {
            return conflicts;
        }
    }
}
