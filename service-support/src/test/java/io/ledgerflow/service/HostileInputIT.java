package io.ledgerflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.RawHttp;
import io.ledgerflow.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input against a real Tomcat with service-support's configuration: every refusal is a 4xx
 * {@code application/problem+json} naming what is wrong, and no refused write reaches the controller.
 */
@SpringBootTest(
        classes = HostileInputApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:ledgerflow-service.yml",
            "spring.application.name=test",
            "ledgerflow.api-prefix=test",
            "management.server.port=0"
        })
class HostileInputIT {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    /** Authentication on, as in production: every request carries a valid token (RawHttp adds one). */
    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.auth.jwt-secret", Tokens::secret);
    }

    private RawHttp http;
    private int writesBefore;

    @BeforeEach
    void connect() {
        http = new RawHttp("127.0.0.1", port);
        writesBefore = HostileInputApp.writes.get();
    }

    @Test
    void aValidWriteGoesThrough() {
        RawHttp.Response created = http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"amount\":1.5}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(HostileInputApp.writes.get()).isEqualTo(writesBefore + 1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; boundary=xyz",
                "multipart/mixed; boundary=\"unterminated",
            })
    void malformedMultipartIsRefused(String contentType) {
        for (String method : new String[] {"POST", "PUT"}) {
            String path = method.equals("POST") ? "/api/test/things" : "/api/test/things/1";
            RawHttp.Response response = http.send(method, path, contentType, "--xyz\r\nnot a part");

            assertRefused(response, 400, 415);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%", "name=%00&amount=1", "%%%=&&==", "a=%E0%A4%A"})
    void malformedFormBodiesAreRefused(String body) {
        for (String method : new String[] {"POST", "PUT"}) {
            String path = method.equals("POST") ? "/api/test/things" : "/api/test/things/1";
            RawHttp.Response response = http.send(method, path, "application/x-www-form-urlencoded", body);

            assertRefused(response, 400, 415);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/test/things/%zz",
                "/api/test/things/%",
                "/api/test/things/a%00b",
                "/api/test/things/a%2Fb",
                "/api/test/things/a%5Cb",
                "/api/test/things/a%01b",
                "/api/test/things/%C0%AF",
                "/api/test/things/1?q=%zz",
                "/api/test/things/1?q=a%00b",
                "/api/test/things/1?q=%01",
                "/api/test/things/1?q=%",
                "/api/test/things/../../etc/passwd",
            })
    void badlyEncodedTargetsAreRefused(String target) {
        assertRefused(http.get(target), 400, 404);
    }

    @Test
    void rawControlCharactersInTheRequestLineAreRefused() {
        assertRefused(http.get("/api/test/things/a\u0001b"), 400);
        assertRefused(http.get("/api/test/things/1?q=\u0007"), 400);
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() {
        assertRefused(http.get("/error"), 404);
    }

    @Test
    void aWrongMethodNamesTheAllowedOnes() {
        RawHttp.Response response = http.send("DELETE", "/api/test/things/1", (String) null, null);

        assertRefused(response, 405);
        assertThat(response.header("Allow")).contains("GET").contains("PUT");
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        assertRefused(http.send("POST", "/api/test/things", "text/plain", "name=a"), 415);
        assertRefused(http.send("POST", "/api/test/things", "application/xml", "<a/>"), 415);
    }

    @Test
    void anUnacceptableAnswerIs406() {
        RawHttp.Response response =
                http.send("GET", "/api/test/things/1", new String[] {"Accept: application/xml"}, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
        assertThat(response.body()).contains("Acceptable representations: [application/json]");
    }

    @Test
    void deepJsonNestingIsRefusedAndNamed() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        RawHttp.Response response =
                http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"tags\":" + deep + "}");

        assertRefused(response, 400);
        assertThat(response.body()).containsIgnoringCase("nesting depth");
    }

    @Test
    void hugeNumbersAreRefusedAndNamed() {
        RawHttp.Response longNumber =
                http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"amount\":" + "9".repeat(5_000) + "}");
        assertRefused(longNumber, 400);
        assertThat(longNumber.body()).containsIgnoringCase("number");

        RawHttp.Response hugeExponent =
                http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"amount\":1e999999999}");
        assertRefused(hugeExponent, 400);
        assertThat(hugeExponent.body()).containsIgnoringCase("amount");
    }

    @Test
    void wrongJsonTypesAreRefused() {
        assertRefused(http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"amount\":{\"x\":1}}"), 400);
        assertRefused(http.send("POST", "/api/test/things", JSON, "{\"name\":\"a\",\"tags\":\"x\"}"), 400);
        assertRefused(http.send("POST", "/api/test/things", JSON, "[]"), 400);
    }

    @Test
    void nonUtf8BodiesAreRefused() {
        byte[] body = "{\"name\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Response response = http.send(
                "POST", "/api/test/things", new String[] {"Content-Type: application/json", "Accept: */*"}, body);

        assertRefused(response, 400);
    }

    private void assertRefused(RawHttp.Response response, int... statuses) {
        assertThat(response.status()).as(response.toString()).isIn(box(statuses));
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).as(response.toString()).contains("\"status\":" + response.status());
        assertThat(HostileInputApp.writes.get()).as("writes").isEqualTo(writesBefore);
    }

    private static Object[] box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray();
    }
}
