package io.ledgerflow.formula;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.formula");

    @Test
    void engineIsPlainJava() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..")
                .check(engine);
    }

    @Test
    void functionsDoNotReachIntoTheWorkbookOrGraph() {
        noClasses()
                .that()
                .resideInAPackage("io.ledgerflow.formula.function..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.ledgerflow.formula.workbook..", "io.ledgerflow.formula.graph..")
                .check(engine);
    }

    @Test
    void theImportIsNotEmpty() {
        org.assertj.core.api.Assertions.assertThat(engine.size()).isGreaterThan(30);
    }
}
