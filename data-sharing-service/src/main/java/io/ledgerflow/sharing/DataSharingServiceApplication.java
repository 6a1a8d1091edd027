package io.ledgerflow.sharing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Immutable datasets published by one workspace and shared with others. */
@SpringBootApplication
public class DataSharingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataSharingServiceApplication.class, args);
    }
}
