package io.ticketing.storefront.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ticketing.platform.testsupport.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shop and back office enter the core through its application services (rules in platform-core's ArchitectureRules). */
class StorefrontArchitectureTest {

    private static JavaClasses storefront;

    @BeforeAll
    static void importClasses() {
        storefront = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.ticketing.storefront");
    }

    @Test
    void entersTheCoreThroughApplicationServices() {
        ArchitectureRules.WEB_ENTERS_THROUGH_APPLICATION.check(storefront);
    }

    @Test
    void neverReachesTheDatabase() {
        ArchitectureRules.ONLY_PERSISTENCE_REACHES_THE_DATABASE.check(storefront);
    }
}
