package io.ledgerflow.calculation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Workbooks of Excel-style formulas; publishes value changes on the log. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CalculationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CalculationServiceApplication.class, args);
    }
}
