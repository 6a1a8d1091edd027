package io.ledgerflow.eventlog.ops;

import io.ledgerflow.eventlog.EventLogAutoConfiguration;
import io.ledgerflow.eventlog.EventLogProperties;
import io.ledgerflow.eventlog.kafka.KafkaClientSettings;
import io.ledgerflow.eventlog.topic.Topics;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The one-shot jobs of a service's image, run by the chart's Helm hook Jobs before new pods start:
 *
 * <pre>
 * java -cp @/app/jib-classpath-file io.ledgerflow.eventlog.ops.LedgerflowOps migrate|create-topics [--key=value ...]
 * </pre>
 *
 * {@code migrate} applies the service's Flyway migrations ({@code spring.flyway.locations}) to its
 * database; {@code create-topics} creates the suite's topics from the registry ({@link Topics}) or
 * brings their configs up to date. Both read exactly the configuration the service reads (its
 * {@code application.yml}, {@code ledgerflow-service.yml}, the environment) through a Spring
 * environment without auto-configuration: no web server, no listener, no outbox relay starts.
 * Exit status: 0 done, 1 failed, 2 unknown mode.
 */
public final class LedgerflowOps {

    private static final Logger log = LoggerFactory.getLogger(LedgerflowOps.class);

    private LedgerflowOps() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code args[0]} with {@code args[1..]} as Spring command-line properties; returns the exit status. */
    public static int run(String... args) {
        String mode = args.length == 0 ? "" : args[0];
        if (!mode.equals("migrate") && !mode.equals("create-topics")) {
            System.err.println("usage: LedgerflowOps migrate|create-topics [--property=value ...]");
            return 2;
        }
        String[] springArgs = Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(springArgs)) {
            Environment environment = context.getEnvironment();
            if (mode.equals("migrate")) {
                migrate(environment);
            } else {
                createTopics(environment);
            }
            return 0;
        } catch (RuntimeException e) {
            log.error("{} failed", mode, e);
            return 1;
        }
    }

    /** Applies the service's migrations, with the service's connection settings (TLS included). */
    static MigrateResult migrate(Environment environment) {
        Binder binder = Binder.get(environment);
        Properties connection = new Properties();
        binder.bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((key, value) -> {
                    if (!value.isBlank()) {
                        connection.setProperty(key, value);
                    }
                });
        connection.setProperty("user", environment.getRequiredProperty("spring.datasource.username"));
        connection.setProperty("password", environment.getProperty("spring.datasource.password", ""));
        String url = environment.getRequiredProperty("spring.datasource.url");
        String[] locations =
                binder.bind("spring.flyway.locations", String[].class).orElse(new String[] {"classpath:db/migration"});
        MigrateResult result = Flyway.configure()
                .dataSource(new DriverManagerDataSource(url, connection))
                .locations(locations)
                .load()
                .migrate();
        log.info(
                "migrated {} from {} to {} ({} migrations)",
                result.database,
                result.initialSchemaVersion,
                result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    /** Creates the registry's topics, or updates their configs and partition counts, as the services would. */
    static void createTopics(Environment environment) {
        Binder binder = Binder.get(environment);
        KafkaProperties kafka = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
        KafkaClientSettings.from(environment).applyTo(kafka);
        EventLogProperties eventLog = binder.bindOrCreate("ledgerflow.event-log", EventLogProperties.class);
        KafkaAdmin admin = new KafkaAdmin(kafka.buildAdminProperties());
        admin.setFatalIfBrokerNotAvailable(true);
        admin.setModifyTopicConfigs(true);
        admin.createOrModifyTopics(
                EventLogAutoConfiguration.newTopics(Topics.all(), eventLog.topicReplicationFactor()));
        log.info("topics ready: {}", Topics.all().size());
    }

    /** Nothing: the context exists only to read the service's configuration. */
    @Configuration(proxyBeanMethods = false)
    static class Settings {}
}
