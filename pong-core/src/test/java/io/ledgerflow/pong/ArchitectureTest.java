package io.ledgerflow.pong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pong core is plain Java: storage and networking reach it only through its own interfaces. */
class ArchitectureTest {
    final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.pong");

    @Test
    void coreImportsNothingFromSpringKafkaOrJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..")
                .check(core);
    }

    @Test
    void physicsAndZonesKnowNothingOfShardsCommitsOrTheLog() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.ledgerflow.pong.physics..", "io.ledgerflow.pong.zone..", "io.ledgerflow.pong.game..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ledgerflow.pong.shard..", "io.ledgerflow.pong.commit..", "io.ledgerflow.pong.log..")
                .check(core);
    }
}
