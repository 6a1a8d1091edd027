package io.ledgerflow.localstack.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aFreePortPasses() {
        int port = PortCheck.findFreePort();

        assertThat(PortCheck.isFree(port)).isTrue();
        PortCheck.requireFree(List.of(new PortClaim(port, "the gateway (HTTP)", "--gateway-port")));
    }

    @Test
    void aPortInUseIsReportedWithWhoWantedIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            int free = PortCheck.findFreePort();

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThatThrownBy(() -> PortCheck.requireFree(List.of(
                            new PortClaim(free, "PostgreSQL", "--postgres-port"),
                            new PortClaim(port, "the gateway (HTTP)", "--gateway-port"))))
                    .isInstanceOf(PortCheck.PortInUseException.class)
                    .hasMessageContaining("port " + port + " (the gateway (HTTP)) is already in use")
                    .hasMessageContaining("--gateway-port")
                    .hasMessageNotContaining("PostgreSQL");
        }
    }

    @Test
    void aPortTakenOnTheLoopbackOnlyIsSeen() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(PortCheck.isFree(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void aPortClaimedTwiceIsAConflict() {
        int port = PortCheck.findFreePort();

        List<PortCheck.Conflict> conflicts = PortCheck.conflicts(List.of(
                new PortClaim(port, "Kafka broker", "--kafka-port"),
                new PortClaim(port, "PostgreSQL", "--postgres-port")));

        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).describe())
                .contains("port " + port + " (PostgreSQL) is also wanted by Kafka broker")
                .contains("--postgres-port");
    }
}
