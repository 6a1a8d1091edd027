package io.ledgerflow.service;

import io.ledgerflow.service.json.JsonLimits;
import io.ledgerflow.service.problem.ProblemErrorController;
import io.ledgerflow.service.problem.ProblemErrorReportValve;
import io.ledgerflow.service.problem.ProblemHandler;
import io.ledgerflow.service.web.RequestTargetFilter;
import io.ledgerflow.service.web.TraceparentFilter;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.module.SimpleModule;

/**
 * The web plumbing every service shares: problem details for every error (the controllers', the error page's and
 * the servlet container's own), a request target check, JSON parsing limits, trace propagation.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandler.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    TraceparentFilter traceparentFilter() {
        return new TraceparentFilter();
    }

    @Bean
    RequestTargetFilter requestTargetFilter() {
        return new RequestTargetFilter();
    }

    /** Replaces Spring Boot's {@code BasicErrorController}, whose JSON is not problem+json. */
    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat's own error answers (a request refused before the application sees it) as problem+json. */
    @Bean
    TomcatContextCustomizer problemErrorReportValve() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    @Bean
    JsonLimits jsonLimits() {
        return new JsonLimits();
    }

    @Bean
    SimpleModule boundedNumbersModule() {
        return JsonLimits.boundedNumbers();
    }
}
