package io.ledgerflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.RawHttp;
import io.ledgerflow.testsupport.Tokens;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code LOG_FORMAT=ecs}: the console is one JSON object per line, and a request's line carries its trace and span
 * ids ({@code traceId}, {@code spanId}), the trace being the one the caller's {@code traceparent} named, so a log
 * line leads to the trace and back.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = HostileInputApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:ledgerflow-service.yml",
            "spring.application.name=test",
            "ledgerflow.api-prefix=test",
            "management.server.port=0",
            "LOG_FORMAT=ecs"
        })
class StructuredLogsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.auth.jwt-secret", Tokens::secret);
    }

    @Test
    void aRequestsLogLineIsJsonWithItsTraceAndSpanIds(CapturedOutput output) {
        String traceId = hex(16);
        String parentSpanId = hex(8);
        String thing = "logged-" + hex(4);

        RawHttp.Response read = new RawHttp("127.0.0.1", port)
                .send(
                        "GET",
                        "/api/test/things/" + thing,
                        new String[] {"traceparent: 00-" + traceId + "-" + parentSpanId + "-01"},
                        null);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        List<String> lines = Arrays.stream(output.getOut().split("\\R"))
                .filter(line -> line.contains("thing " + thing + " read"))
                .toList();
        assertThat(lines).as(output.getOut()).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("message").asString()).isEqualTo("thing " + thing + " read");
        assertThat(line.path("traceId").asString()).as(lines.getFirst()).isEqualTo(traceId);
        assertThat(line.path("spanId").asString())
                .as(lines.getFirst())
                .matches("[0-9a-f]{16}")
                .isNotEqualTo(parentSpanId); // the server's own span, a child of the caller's
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
