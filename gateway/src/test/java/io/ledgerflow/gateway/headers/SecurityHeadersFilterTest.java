package io.ledgerflow.gateway.headers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class SecurityHeadersFilterTest {

    private final SecurityHeadersFilter filter = new SecurityHeadersFilter();

    @Test
    void everyAnswerGetsTheHeadersAndHttpsAlsoHsts() {
        HttpHeaders plain = answer(MockServerHttpRequest.get("http://gw/api/calc/w"), null);
        assertThat(plain.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(plain.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(plain.getFirst("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        assertThat(plain.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(plain.containsHeader("Strict-Transport-Security")).isFalse();

        HttpHeaders secure = answer(MockServerHttpRequest.get("https://gw/api/calc/w"), null);
        assertThat(secure.getFirst("Strict-Transport-Security")).startsWith("max-age=");
    }

    @Test
    void aHeaderTheUpstreamSetIsKept() {
        HttpHeaders headers = answer(MockServerHttpRequest.get("http://gw/api/pong/play"), "SAMEORIGIN");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    }

    private HttpHeaders answer(MockServerHttpRequest.BaseBuilder<?> request, String upstreamFrameOptions) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, e -> {
                    if (upstreamFrameOptions != null) {
                        e.getResponse().getHeaders().set("X-Frame-Options", upstreamFrameOptions);
                    }
                    return e.getResponse().setComplete();
                })
                .block();
        return exchange.getResponse().getHeaders();
    }
}
