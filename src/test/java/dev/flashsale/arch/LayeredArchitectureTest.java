package dev.flashsale.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of ../shared/DESIGN.md, as tests: dependencies point downward only. */
@AnalyzeClasses(packages = "dev.flashsale", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeredArchitectureTest {

    @ArchTest
    static final ArchRule layersPointDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App").definedBy("dev.flashsale.app..")
            .layer("Console").definedBy("dev.flashsale.console..")
            .layer("Cluster").definedBy("dev.flashsale.cluster..")
            .layer("Storefront").definedBy("dev.flashsale.storefront..")
            .layer("Sale").definedBy("dev.flashsale.sale..")
            .layer("Store").definedBy("dev.flashsale.store..")
            .layer("Cache").definedBy("dev.flashsale.cache..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Console").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("App", "Console")
            .whereLayer("Storefront").mayOnlyBeAccessedByLayers("App", "Console")
            .whereLayer("Sale").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Storefront")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("App", "Console", "Storefront", "Sale")
            .whereLayer("Cache").mayOnlyBeAccessedByLayers("App", "Console", "Cluster", "Storefront", "Sale");

    /** One folder per page (as AtlantaFX's sampler): pages use the console's shared pieces, never each other. */
    @ArchTest
    static final ArchRule consolePagesDoNotUseEachOther = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("dev.flashsale.console.(*)..").should().notDependOnEachOther();

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

    @ArchTest
    static final ArchRule sqlStaysInTheStoreAndRepositories = noClasses()
            .that().resideInAnyPackage("dev.flashsale.cache..", "dev.flashsale.storefront..",
                    "dev.flashsale.console..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");

    @ArchTest
    static final ArchRule httpServingStaysInTheStorefront = noClasses()
            .that().resideOutsideOfPackage("dev.flashsale.storefront..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule databaseDriversAndThePoolStayInTheStore = noClasses()
            .that().resideOutsideOfPackage("dev.flashsale.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..", "com.zaxxer.hikari..", "org.sqlite..");
}
