package io.strata;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the arrows of ARCHITECTURE.md pointing down and the pure packages free of frameworks. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strata");
    }

    @Test
    void layersPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.strata.api..")
                .layer("ruler").definedBy("io.strata.ruler..")
                .layer("cluster").definedBy("io.strata.cluster..")
                .layer("ingest").definedBy("io.strata.ingest..")
                .layer("query").definedBy("io.strata.query..")
                .layer("compactor").definedBy("io.strata.compactor..")
                .layer("tenant").definedBy("io.strata.tenant..")
                .layer("logql").definedBy("io.strata.logql..")
                .layer("storage").definedBy("io.strata.storage..")
                .layer("metrics").definedBy("io.strata.metrics..")
                .layer("config").definedBy("io.strata.config..")
                .layer("model").definedBy("io.strata.model..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("ruler").mayOnlyBeAccessedByLayers("api")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("api")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("api")
                .whereLayer("query").mayOnlyBeAccessedByLayers("api", "ruler")
                .whereLayer("compactor").mayOnlyBeAccessedByLayers("api")
                .whereLayer("tenant").mayOnlyBeAccessedByLayers("api", "ingest", "query", "ruler")
                .whereLayer("logql").mayOnlyBeAccessedByLayers("api", "query", "ruler", "compactor")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("api", "ingest", "query", "ruler", "cluster", "compactor")
                .whereLayer("config").mayOnlyBeAccessedByLayers("api", "tenant", "ingest", "query", "ruler")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("api", "tenant", "ingest", "query", "ruler")
                .check(classes);
    }

    @Test
    void pureCoreIsFreeOfFrameworks() {
        noClasses().that().resideInAnyPackage("io.strata.logql..", "io.strata.storage..", "io.strata.model..",
                        "io.strata.cluster..", "io.strata.compactor..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.vertx..", "jakarta..", "javax.enterprise..", "io.smallrye..",
                        "org.eclipse.microprofile..", "io.prometheus..")
                .check(classes);
    }

    @Test
    void clusterUsesOnlyStorageAndModel() {
        noClasses().that().resideInAPackage("io.strata.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.api..", "io.strata.config..",
                        "io.strata.query..", "io.strata.logql..", "io.strata.ingest..", "io.strata.tenant..",
                        "io.strata.ruler..", "io.strata.metrics..")
                .check(classes);
    }

    @Test
    void logqlAndStorageDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.strata.logql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.storage..", "io.strata.query..")
                .check(classes);
        noClasses().that().resideInAPackage("io.strata.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.logql..", "io.strata.query..")
                .check(classes);
    }
}
