package io.ledgerflow.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring context at the JVM's shared PostgreSQL and Kafka. The database is named after
 * {@code ledgerflow.test.database} (default: {@code spring.application.name}), so each service
 * gets a database of its own, as in production. Authentication stays on, with the JVM's test key ({@link Tokens}).
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String database = environment.getProperty(
                "ledgerflow.test.database", environment.getProperty("spring.application.name", "ledgerflow"));
        TestPropertyValues.of(
                        "spring.datasource.url=" + SharedInfrastructure.jdbcUrl(database.replace('-', '_')),
                        "spring.datasource.username=" + SharedInfrastructure.databaseUser(),
                        "spring.datasource.password=",
                        "spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
                        "ledgerflow.auth.jwt-secret=" + Tokens.secret())
                .applyTo(environment);
    }
}
