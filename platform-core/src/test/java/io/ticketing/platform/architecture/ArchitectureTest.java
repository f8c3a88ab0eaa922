package io.ticketing.platform.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.ticketing.platform.testsupport.ArchitectureRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's layer rules hold on its main classes, and each rule bites: it refuses the
 * deliberately bad fixtures in {@code architecture.fixture} (test sources, never shipped).
 */
class ArchitectureTest {

    private static JavaClasses core;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.ticketing.platform");
        fixtures = new ClassFileImporter().importPackages("io.ticketing.platform.architecture.fixture");
    }

    static List<ArchRule> rules() {
        return List.of(ArchitectureRules.APPLICATION_HAS_NO_JDBC, ArchitectureRules.ONLY_PERSISTENCE_REACHES_THE_DATABASE,
                ArchitectureRules.DOMAIN_STANDS_ALONE, ArchitectureRules.PAYMENT_REGISTRY_NAMES_NO_PROVIDER,
                ArchitectureRules.NO_PACKAGE_CYCLES);
    }

    @Test
    void applicationHasNoJdbc() {
        ArchitectureRules.APPLICATION_HAS_NO_JDBC.check(core);
    }

    @Test
    void onlyPersistenceReachesTheDatabase() {
        ArchitectureRules.ONLY_PERSISTENCE_REACHES_THE_DATABASE.check(core);
    }

    @Test
    void domainStandsAlone() {
        ArchitectureRules.DOMAIN_STANDS_ALONE.check(core);
    }

    @Test
    void paymentRegistryNamesNoProvider() {
        ArchitectureRules.PAYMENT_REGISTRY_NAMES_NO_PROVIDER.check(core);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(core);
    }

    @Test
    void everyRuleRefusesItsBadFixture() {
        for (ArchRule rule : rules()) {
            assertThatThrownBy(() -> rule.check(fixtures)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
        assertThatThrownBy(() -> ArchitectureRules.WEB_ENTERS_THROUGH_APPLICATION.check(fixtures)).isInstanceOf(AssertionError.class);
    }
}
