package io.ticketing.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ticketing.platform.testsupport.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator console and API enter the core through its application services (rules in platform-core's ArchitectureRules). */
class OperatorArchitectureTest {

    private static JavaClasses operator;

    @BeforeAll
    static void importClasses() {
        operator = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.ticketing.operator");
    }

    @Test
    void entersTheCoreThroughApplicationServices() {
        ArchitectureRules.WEB_ENTERS_THROUGH_APPLICATION.check(operator);
    }

    @Test
    void neverReachesTheDatabase() {
        ArchitectureRules.ONLY_PERSISTENCE_REACHES_THE_DATABASE.check(operator);
    }
}
