package io.ledgerflow.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's shape: its feature packages (auth, headers, limits, problem, routing) without
 * cycles; {@code problem} answers for everyone and depends on none of them; the request filters
 * (auth, headers, limits) do not know the routes, and the routes know no filter.
 */
class ArchitectureTest {

    private final JavaClasses gateway = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerflow.gateway");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ledgerflow.gateway.(*)..")
                .should()
                .beFreeOfCycles()
                .check(gateway);
    }

    @Test
    void problemsDependOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.ledgerflow.gateway.problem..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ledgerflow.gateway.auth..",
                        "io.ledgerflow.gateway.headers..",
                        "io.ledgerflow.gateway.limits..",
                        "io.ledgerflow.gateway.routing..")
                .check(gateway);
    }

    @Test
    void filtersAndRoutesAreIndependent() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.ledgerflow.gateway.auth..",
                        "io.ledgerflow.gateway.headers..",
                        "io.ledgerflow.gateway.limits..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ledgerflow.gateway.routing..")
                .check(gateway);
        noClasses()
                .that()
                .resideInAPackage("io.ledgerflow.gateway.routing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ledgerflow.gateway.auth..",
                        "io.ledgerflow.gateway.headers..",
                        "io.ledgerflow.gateway.limits..")
                .check(gateway);
    }
}
