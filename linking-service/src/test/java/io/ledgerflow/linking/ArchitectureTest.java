package io.ledgerflow.linking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.RestController;

/** linking-service's shape: features without cycles, web → domain → persistence, adapters apart. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.linking");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ledgerflow.linking.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void persistenceDependsOnNeitherWebNorMessaging() {
        noClasses()
                .that()
                .resideInAPackage("..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..messaging..")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNeitherWebNorMessaging() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..web..", "..messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..messaging..")
                .check(CLASSES);
    }

    @Test
    void controllersLiveInWebAndListenersInMessaging() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAPackage("..web..")
                .check(CLASSES);
        methods()
                .that()
                .haveRawReturnType(java.util.function.Consumer.class)
                .and()
                .areAnnotatedWith(org.springframework.context.annotation.Bean.class)
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage("..messaging..")
                .check(CLASSES);
        // consumers are Spring Cloud Stream functions (event-log's Inbox), not raw listeners
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .should()
                .beAnnotatedWith(KafkaListener.class)
                .check(CLASSES);
    }

    @Test
    void webAndMessagingNeverTouchTablesDirectly() {
        noClasses()
                .that()
                .resideInAnyPackage("..web..", "..messaging..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(CLASSES);
    }
}
