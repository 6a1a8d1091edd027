package io.ledgerflow.service.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token from the {@code Authorization} header; a WebSocket upgrade may carry it as the
 * {@code access_token} query parameter instead, since a browser cannot set headers on a WebSocket. (The gateway reads
 * tokens the same way.)
 */
final class HeaderOrWebSocketTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

    HeaderOrWebSocketTokenResolver() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                ? headerOrQuery.resolve(request)
                : header.resolve(request);
    }
}
