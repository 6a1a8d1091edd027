package io.ledgerflow.linking.lineage.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The lineage page ({@code static/api/linking/play/}): served under the service's gateway prefix,
 * so the gateway's {@code /api/linking/**} route reaches it like the API and its calls stay
 * same-origin. Public like every {@code /api/*}{@code /play/**} page; the API it calls is not.
 */
@Configuration(proxyBeanMethods = false)
class LineagePage implements WebMvcConfigurer {

    static final String PATH = "/api/linking/play";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // ?workspace=…&documentId=…&ref=… survive the redirect
        registry.addRedirectViewController(PATH, PATH + "/index.html").setKeepQueryParams(true);
        registry.addRedirectViewController(PATH + "/", PATH + "/index.html").setKeepQueryParams(true);
    }
}
