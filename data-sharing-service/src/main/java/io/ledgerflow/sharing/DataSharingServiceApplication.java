package io.ledgerflow.sharing;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Immutable datasets published by one workspace and shared with others. */
@SpringBootApplication
public class DataSharingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataSharingServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
