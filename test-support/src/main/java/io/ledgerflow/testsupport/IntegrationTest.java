package io.ledgerflow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring Boot integration test on a random port against the JVM's real PostgreSQL and Kafka.
 * Test classes that use it with no other configuration share one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "spring.kafka.consumer.auto-offset-reset=earliest"})
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface IntegrationTest {}
