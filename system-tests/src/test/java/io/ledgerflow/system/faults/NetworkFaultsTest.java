package io.ledgerflow.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkFaultsTest {

    @Test
    void findsTheProcesssConnectionsWhosePeerIsTheBroker() {
        String ss = """
                0      0          127.0.0.1:41234          127.0.0.1:9092 users:(("java",pid=77,fd=12))
                0      0          127.0.0.1:9092          127.0.0.1:41234 users:(("java",pid=10,fd=40))
                0      0          127.0.0.1:41240          127.0.0.1:5432 users:(("java",pid=77,fd=13))
                0      0          127.0.0.1:41250          127.0.0.1:9092 users:(("java",pid=770,fd=9))
                0      0              [::1]:41300              [::1]:9092 users:(("java",pid=77,fd=14))
                0      0 [::ffff:127.0.0.1]:41310 [::ffff:127.0.0.1]:9092 users:(("java",pid=77,fd=15))
                """;
        assertThat(NetworkFaults.parse(ss, 77, 9092))
                .containsExactly(
                        new NetworkFaults.Connection(41234, false),
                        new NetworkFaults.Connection(41300, true),
                        new NetworkFaults.Connection(41310, false));
    }
}
