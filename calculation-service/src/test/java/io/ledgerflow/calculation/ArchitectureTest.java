package io.ledgerflow.calculation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's shape: feature packages without cycles; HTTP adapters (web) depended on by nobody outside web; Kafka
 * only in messaging adapters.
 */
class ArchitectureTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.calculation");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ledgerflow.calculation.(*)..")
                .should()
                .beFreeOfCycles()
                .check(service);
    }

    @Test
    void onlyWebAdaptersDependOnWeb() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ledgerflow.calculation..web..")
                .check(service);
    }

    @Test
    void kafkaOnlyInMessagingAdapters() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..")
                .check(service);
    }
}
