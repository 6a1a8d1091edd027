package io.ledgerflow.sharing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's shape: feature packages (dataset, publish, read, share) without cycles; in each,
 * web → domain → persistence; JDBC only in persistence, Kafka only in messaging (the service
 * publishes through event-log's outbox and consumes nothing).
 */
class ArchitectureTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.sharing");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ledgerflow.sharing.(*)..").should().beFreeOfCycles().check(service);
    }

    @Test
    void onlyWebAdaptersDependOnWeb() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ledgerflow.sharing..web..")
                .check(service);
    }

    @Test
    void webGoesThroughTheDomainNotToPersistence() {
        noClasses()
                .that()
                .resideInAPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ledgerflow.sharing..persistence..")
                .check(service);
    }

    @Test
    void jdbcOnlyInPersistence() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..", "org.postgresql..")
                .check(service);
    }

    @Test
    void kafkaOnlyInMessaging() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(service);
    }

    @Test
    void controllersLiveInWeb() {
        classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("..web..").check(service);
    }

    @Test
    void theImportIsNotEmpty() {
        assertThat(service.size()).isGreaterThan(30);
    }
}
