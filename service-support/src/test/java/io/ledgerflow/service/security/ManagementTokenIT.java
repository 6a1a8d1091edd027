package io.ledgerflow.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.service.HostileInputApp;
import io.ledgerflow.testsupport.RawHttp;
import io.ledgerflow.testsupport.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code MANAGEMENT_TOKEN} set: the management port's endpoints but health answer only {@code Bearer <token>} (401
 * otherwise, a wrong token included); health stays open for the kubelet; the public port answers none of them, token
 * or not.
 */
@SpringBootTest(
        classes = HostileInputApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:ledgerflow-service.yml",
            "spring.application.name=test",
            "ledgerflow.api-prefix=test",
            "management.server.port=0",
            "MANAGEMENT_TOKEN=" + ManagementTokenIT.TOKEN
        })
class ManagementTokenIT {

    static final String TOKEN = "management-token-of-the-test";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.auth.jwt-secret", Tokens::secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/threaddump", "/actuator/heaphistogram", "/actuator/jfr", "/actuator/prometheus"})
    void theManagementPortsEndpointsNeedTheToken(String path) {
        RawHttp management = new RawHttp("127.0.0.1", managementPort).withoutToken();

        RawHttp.Response without = management.get(path);
        assertThat(without.status()).as(without.toString()).isEqualTo(401);
        assertThat(without.body()).contains("MANAGEMENT_TOKEN");
        assertThat(without.headers()).containsEntry("www-authenticate", "Bearer realm=\"management\"");
        assertThat(management
                        .send("GET", path, new String[] {"Authorization: Bearer wrong"}, null)
                        .status())
                .isEqualTo(401);
        assertThat(management
                        .send("GET", path, new String[] {"Authorization: Basic " + TOKEN}, null)
                        .status())
                .isEqualTo(401);

        RawHttp.Response with = management.send("GET", path, new String[] {"Authorization: Bearer " + TOKEN}, null);
        assertThat(with.status()).as(with.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    void probesStayOpen(String path) {
        RawHttp.Response probe =
                new RawHttp("127.0.0.1", managementPort).withoutToken().get(path);
        assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/threaddump", "/actuator/heaphistogram", "/actuator/jfr", "/actuator/health"})
    void thePublicPortAnswersNoneOfThemTokenOrNot(String path) {
        RawHttp.Response answer = new RawHttp("127.0.0.1", port)
                .withoutToken()
                .send("GET", path, new String[] {"Authorization: Bearer " + TOKEN}, null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    }
}
