package io.ledgerflow.linking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Links that carry values between documents; learns of documents from the log. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LinkingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LinkingServiceApplication.class, args);
    }
}
