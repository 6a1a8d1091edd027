package io.ledgerflow.pong.service.page;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browser page ({@code static/api/pong/play/}): served under the service's gateway prefix, so the gateway's
 * {@code /api/pong/**} route reaches it like the API and the page's REST and WebSocket calls stay same-origin.
 */
@Configuration(proxyBeanMethods = false)
class PlayPage implements WebMvcConfigurer {

    static final String PATH = "/api/pong/play";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // ?workspace=…&game=… survive the redirect
        registry.addRedirectViewController(PATH, PATH + "/index.html").setKeepQueryParams(true);
        registry.addRedirectViewController(PATH + "/", PATH + "/index.html").setKeepQueryParams(true);
    }
}
