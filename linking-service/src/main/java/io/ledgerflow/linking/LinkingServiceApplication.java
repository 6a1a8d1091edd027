package io.ledgerflow.linking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Links that carry values between documents; learns of documents from the log. */
@SpringBootApplication
public class LinkingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LinkingServiceApplication.class, args);
    }
}
