package io.ledgerflow.pong.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * pong-service's boundaries: feature packages ({@code game}, {@code runner}, {@code stream}, {@code shards},
 * {@code page}) without cycles; in {@code game}, web → domain → persistence; Kafka only in the adapters that talk to it
 * ({@code shards}: the shards' transport and control; {@code runner}: the frames shipper), JDBC only in persistence and
 * the snapshot store; the pong core knows nothing of the service.
 */
class ArchitectureTest {

    private static final String SERVICE = "io.ledgerflow.pong.service";

    final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVICE);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(SERVICE + ".(*)..").should().beFreeOfCycles().check(service);
    }

    @Test
    void theGamesWebLayerUsesTheDomainWhichUsesPersistence() {
        noClasses()
                .that()
                .resideInAnyPackage(SERVICE + ".game", SERVICE + ".game.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SERVICE + ".game.web..")
                .check(service);
        noClasses()
                .that()
                .resideInAPackage(SERVICE + ".game.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE + ".runner..", SERVICE + ".stream..", SERVICE + ".shards..")
                .check(service);
        noClasses()
                .that()
                .resideOutsideOfPackage(SERVICE + ".game..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SERVICE + ".game.persistence..")
                .check(service);
    }

    @Test
    void kafkaOnlyInItsAdaptersAndJdbcOnlyInPersistence() {
        noClasses()
                .that()
                .resideOutsideOfPackages(SERVICE + ".shards..", SERVICE + ".runner..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(service);
        noClasses()
                .that()
                .resideOutsideOfPackages(SERVICE + ".game.persistence..", SERVICE + ".runner..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(service);
    }

    @Test
    void theStreamAndTheRunnersKnowNothingOfTheHttpApi() {
        noClasses()
                .that()
                .resideInAnyPackage(SERVICE + ".runner..", SERVICE + ".stream..", SERVICE + ".shards..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SERVICE + ".game.web..")
                .check(service);
    }
}
