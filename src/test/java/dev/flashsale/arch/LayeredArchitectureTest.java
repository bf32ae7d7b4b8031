package dev.flashsale.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the architecture (README, "Architecture"), as tests: dependencies point downward
 * only, inside the catalog's packages too, and no package depends on itself through others.
 */
@AnalyzeClasses(packages = "dev.flashsale", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeredArchitectureTest {

    @ArchTest
    static final ArchRule layersPointDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App").definedBy("dev.flashsale.app..")
            .layer("Console").definedBy("dev.flashsale.console..")
            .layer("Cluster").definedBy("dev.flashsale.cluster..")
            .layer("Storefront").definedBy("dev.flashsale.storefront..")
            .layer("Administration").definedBy("dev.flashsale.sale.admin..")
            .layer("Read").definedBy("dev.flashsale.sale.read..")
            .layer("Invalidation").definedBy("dev.flashsale.sale.invalidation..")
            .layer("Persistence").definedBy("dev.flashsale.sale.persistence..")
            .layer("Domain").definedBy("dev.flashsale.sale")
            .layer("Store").definedBy("dev.flashsale.store..")
            .layer("Cache").definedBy("dev.flashsale.cache..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Console").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("App", "Console")
            .whereLayer("Storefront").mayOnlyBeAccessedByLayers("App", "Console")
            .whereLayer("Administration").mayOnlyBeAccessedByLayers("App", "Console")
            .whereLayer("Read").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Storefront", "Administration")
            .whereLayer("Invalidation").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Administration")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Administration", "Read", "Invalidation")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Storefront", "Administration",
                    "Read", "Invalidation", "Persistence")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("App", "Console", "Storefront", "Administration", "Read",
                    "Invalidation", "Persistence")
            .whereLayer("Cache").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Storefront", "Administration",
                    "Read", "Invalidation");

    @ArchTest
    static final ArchRule noPackageDependsOnItselfThroughOthers = slices().matching("dev.flashsale.(**)")
            .should().beFreeOfCycles();

    /** One folder per page (as AtlantaFX's sampler): pages use the console's shared pieces, never each other. */
    @ArchTest
    static final ArchRule consolePagesDoNotUseEachOther = slices().matching("dev.flashsale.console.(*)..")
            .should().notDependOnEachOther();

    /** The console's shared root (the window, the catalog model, helpers) knows no page: pages plug into it. */
    @ArchTest
    static final ArchRule theConsolesSharedRootUsesNoPage = noClasses()
            .that().resideInAPackage("dev.flashsale.console")
            .should().dependOnClassesThat().resideInAnyPackage("dev.flashsale.console.*..");

    /** The helpers for the application's own threads sit below every layer: they use none. */
    @ArchTest
    static final ArchRule threadHelpersUseNoLayer = noClasses()
            .that().resideInAPackage("dev.flashsale.concurrent..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.flashsale.app..", "dev.flashsale.console..",
                    "dev.flashsale.cluster..", "dev.flashsale.storefront..", "dev.flashsale.sale..",
                    "dev.flashsale.store..", "dev.flashsale.cache..");

    /** The domain model and its rules: values and checks, nothing that reaches out. */
    @ArchTest
    static final ArchRule theDomainNeedsNothingElse = noClasses()
            .that().resideInAPackage("dev.flashsale.sale")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "dev.flashsale.store..",
                    "dev.flashsale.cache..", "javafx..", "redis.clients..");

    @ArchTest
    static final ArchRule redisStaysInTheCluster = noClasses()
            .that().resideOutsideOfPackage("dev.flashsale.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("redis.clients..");

    @ArchTest
    static final ArchRule theClusterKnowsNoSqlOrUi = noClasses()
            .that().resideInAPackage("dev.flashsale.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javafx..", "dev.flashsale.store..");

    @ArchTest
    static final ArchRule onlyTheConsoleAndAppUseJavaFx = noClasses()
            .that().resideOutsideOfPackages("dev.flashsale.console..", "dev.flashsale.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule theCacheKnowsNoSqlHttpOrUi = noClasses()
            .that().resideInAPackage("dev.flashsale.cache..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "com.sun.net.httpserver..",
                    "org.eclipse.jetty..", "java.net.http..", "javafx..", "redis.clients..");

    /**
     * Only the store and the repositories run SQL: statements and result sets. The services that
     * write through several repositories in one transaction pass that transaction's connection
     * from the store to them, and nothing more.
     */
    @ArchTest
    static final ArchRule onlyTheStoreAndTheRepositoriesRunSql = noClasses()
            .that().resideOutsideOfPackages("dev.flashsale.store..", "dev.flashsale.sale.persistence..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.sql.Statement")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.PreparedStatement")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.ResultSet")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager");

    @ArchTest
    static final ArchRule sqlStaysOutOfTheCacheTheStorefrontAndTheConsole = noClasses()
            .that().resideInAnyPackage("dev.flashsale.cache..", "dev.flashsale.storefront..",
                    "dev.flashsale.console..", "dev.flashsale.cluster..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");

    @ArchTest
    static final ArchRule httpServingStaysInTheStorefront = noClasses()
            .that().resideOutsideOfPackage("dev.flashsale.storefront..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule databaseDriversAndThePoolStayInTheStore = noClasses()
            .that().resideOutsideOfPackage("dev.flashsale.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..", "com.zaxxer.hikari..", "org.sqlite..");

    /** One logging API: java.util.logging (slf4j only as the bridge its libraries log through). */
    @ArchTest
    static final ArchRule oneLoggingApi = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.slf4j..");
}
