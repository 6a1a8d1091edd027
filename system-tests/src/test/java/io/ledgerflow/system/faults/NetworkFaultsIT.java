package io.ledgerflow.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network nemesis on a connection of this JVM's own, in the tests' private network namespace: a fault that
 * drops every packet stops the echo, healing brings it back, and a fault on another port leaves it alone. Where the
 * tests run without a namespace of their own, {@code LEDGERFLOW_REQUIRE_NETNS=1} (set by .ci/run) fails instead of
 * skipping.
 */
class NetworkFaultsIT {

    @AfterEach
    void heal() {
        NetworkFaults.heal();
    }

    @Test
    void dropsAndSlowsOnlyTheTargetsConnectionsToThePortAndHealsCompletely() throws IOException {
        String unavailable = NetworkFaults.unavailableReason();
        if ("1".equals(System.getenv("LEDGERFLOW_REQUIRE_NETNS"))) {
            assertThat(unavailable).as("network faults available").isNull();
        }
        assumeTrue(unavailable == null, () -> "network faults unavailable: " + unavailable);
        long self = ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            client.setSoTimeout(1_500);
            Thread echo = Thread.ofVirtual().start(() -> echo(accepted));
            assertThat(roundTrip(client, 1)).isEqualTo(1);

            // another port: the connection is not the target's connection to it
            assertThat(NetworkFaults.inject(self, server.getLocalPort() + 1, 1.0, "64kbit"))
                    .contains("nothing to disturb");
            assertThat(roundTrip(client, 2)).isEqualTo(2);

            assertThat(NetworkFaults.inject(self, server.getLocalPort(), 1.0, "64kbit"))
                    .contains("100% loss")
                    .contains("1 connections");
            assertThatThrownBy(() -> roundTrip(client, 3)).isInstanceOf(SocketTimeoutException.class);

            NetworkFaults.heal();
            client.setSoTimeout(10_000); // the byte dropped above arrives with TCP's retransmission
            assertThat(roundTrip(client, 4)).isEqualTo(3);
            assertThat(client.getInputStream().read()).isEqualTo(4);
            echo.interrupt();
        }
    }

    private static int roundTrip(Socket socket, int value) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(value);
        out.flush();
        return socket.getInputStream().read();
    }

    private static void echo(Socket socket) {
        try (InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            // the test closed the connection
        }
    }
}
