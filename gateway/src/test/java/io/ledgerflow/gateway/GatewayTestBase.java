package io.ledgerflow.gateway;

import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on random ports in front of {@link StubUpstreams}. Every integration test class extends this one and adds
 * nothing to the configuration, so they all share one Spring context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            // the stubs know nothing of tokens; AuthIT turns authentication on (ledgerflow.gateway.auth.enabled)
            "AUTH_ENABLED=false",
            "ledgerflow.gateway.max-request-size=8KB",
            "ledgerflow.gateway.rate-limit.capacity=" + GatewayTestBase.RATE_LIMIT_BURST,
            "ledgerflow.gateway.rate-limit.refill-per-second=1",
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=" + GatewayTestBase.RESPONSE_TIMEOUT_MS
                    + "ms",
        })
abstract class GatewayTestBase {

    static final int MAX_REQUEST_BYTES = 8 * 1024;
    static final int RATE_LIMIT_BURST = 150;
    static final int RESPONSE_TIMEOUT_MS = 1000;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        StubUpstreams stubs = StubUpstreams.get();
        for (String service : StubUpstreams.SERVICES) {
            registry.add("ledgerflow.gateway.services." + service, () -> stubs.url(service));
        }
        // A fifth route whose upstream is down: the same routing code, pointed at a port nothing listens on.
        registry.add("ledgerflow.gateway.services.ghost", stubs::deadUrl);
    }

    WebTestClient gateway() {
        return client(port);
    }

    static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
