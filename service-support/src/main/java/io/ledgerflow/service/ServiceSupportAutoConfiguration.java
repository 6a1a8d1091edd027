package io.ledgerflow.service;

import io.ledgerflow.service.problem.ProblemHandler;
import io.ledgerflow.service.web.TraceparentFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The web plumbing every service shares: problem details for every error, trace propagation. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandler.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    TraceparentFilter traceparentFilter() {
        return new TraceparentFilter();
    }
}
