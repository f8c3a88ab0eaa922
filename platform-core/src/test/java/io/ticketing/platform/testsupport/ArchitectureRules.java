package io.ticketing.platform.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules of the house (docs/decisions.md, "Layers"), written once and checked by each
 * module's architecture test. Package patterns start with {@code ..} so that the tests can show
 * each rule refusing a deliberately bad fixture.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Use cases speak domain types: no JDBC in the application layer. */
    public static final ArchRule APPLICATION_HAS_NO_JDBC = noClasses()
            .that().resideInAPackage("..platform.application..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("use cases call repositories; SQL and its exceptions stay in infrastructure.persistence");

    /** The connection pool and JDBC are reached only by the persistence package, so no query can skip the tenant transaction. */
    public static final ArchRule ONLY_PERSISTENCE_REACHES_THE_DATABASE = noClasses()
            .that().resideOutsideOfPackage("..infrastructure.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .orShould().dependOnClassesThat().haveSimpleName("PlatformDatabase")
            .orShould().dependOnClassesThat().haveSimpleName("Sql")
            .orShould().dependOnClassesThat().haveSimpleName("JdbcTenantTransactions")
            .because("every tenant repository gets its connection from the current tenant transaction");

    /** The domain depends on nothing but itself. */
    public static final ArchRule DOMAIN_STANDS_ALONE = noClasses()
            .that().resideInAPackage("..platform.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..platform.application..", "..platform.infrastructure..",
                    "..platform.interfaces..", "jakarta.ws.rs..", "jakarta.servlet..", "jakarta.faces..")
            .because("entities, value objects and repository interfaces know no framework or adapter");

    /** The web modules enter the core through application services, domain types and the payment SPI only. */
    public static final ArchRule WEB_ENTERS_THROUGH_APPLICATION = noClasses()
            .that().resideInAnyPackage("..storefront..", "..operator..")
            .should().dependOnClassesThat().resideInAnyPackage("..platform.infrastructure.order..",
                    "..platform.infrastructure.stock..", "..platform.infrastructure.persistence..",
                    "..platform.infrastructure.payment..")
            .because("pages and APIs call application services; rules are written once, in the core");

    /** The payment registry names no provider: factories say what they are. */
    public static final ArchRule PAYMENT_REGISTRY_NAMES_NO_PROVIDER = noClasses()
            .that().haveSimpleName("PaymentProviders")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.sandbox..", "..payment.stripe..", "..payment.alipay..")
            .because("a provider is plugged in by its factory (ServiceLoader), as Keycloak's SPIs are");

    /** No cycles between the packages of the core. */
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("..platform.(**)").should().beFreeOfCycles();
}
