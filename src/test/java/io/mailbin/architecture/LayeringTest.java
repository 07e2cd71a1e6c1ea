package io.mailbin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core (mail, ingest, store) knows nothing of how mail arrives or is served: protocol adapters
 * (SMTP, HTTP API, CLI, web, POP3, delivery) depend on the core, never the other way round.
 */
class LayeringTest {
    static final String[] CORE = {"io.mailbin.mail..", "io.mailbin.account..", "io.mailbin.ingest..", "io.mailbin.store..",
            "io.mailbin.policy.."};
    static final String[] ADAPTERS = {"io.mailbin.smtp..", "io.mailbin.api..", "io.mailbin.cli..", "io.mailbin.web..",
            "io.mailbin.pop3..", "io.mailbin.delivery.."};
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mailbin");
    }

    @Test
    void theCoreDoesNotDependOnAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(classes);
    }

    @Test
    void theCoreDoesNotDependOnHttpOrCliFrameworks() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "picocli..", "jakarta.servlet..")
                .check(classes);
    }

    /**
     * Adapters stand alone, with deliberate exceptions: the HTTP API serves the delivery features (web
     * sockets, delivery log) and mounts the web inbox (API and UI are one role, one origin), handing it
     * the API's read rules through the web's own {@code ReadGate}; deliveries send the API's JSON shapes
     * ({@code api.json}). The web never depends on the API.
     */
    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = java.util.Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter))
                    .filter(a -> !(adapter.equals("io.mailbin.api..") && a.equals("io.mailbin.delivery..")))
                    .filter(a -> !(adapter.equals("io.mailbin.delivery..") && a.equals("io.mailbin.api..")))
                    .filter(a -> !(adapter.equals("io.mailbin.api..") && a.equals("io.mailbin.web..")))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(adapter)
                    .and().resideOutsideOfPackage("io.mailbin.cli..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void deliveriesUseOnlyTheApisJsonShapes() {
        noClasses().that().resideInAPackage("io.mailbin.delivery..")
                .should().dependOnClassesThat().resideInAPackage("io.mailbin.api")
                .check(classes);
    }

    @Test
    void storeImplementationsAreReachedOnlyThroughTheStoreInterface() {
        noClasses().that().resideOutsideOfPackages("io.mailbin.store.sqlite..", "io.mailbin.store.postgres..")
                .and().doNotHaveFullyQualifiedName("io.mailbin.Mailbin")
                .and().resideOutsideOfPackage("io.mailbin.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailbin.store.sqlite..", "io.mailbin.store.postgres..")
                .check(classes);
    }

    @Test
    void theSpamClassifierIsAStandaloneLibrary() {
        noClasses().that().resideInAPackage("io.mailbin.spam..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.mailbin.mail..", "io.mailbin.ingest..", "io.mailbin.store..", "io.mailbin.smtp..",
                        "io.mailbin.api..", "io.mailbin.config..", "io.mailbin.delivery..", "io.mailbin.web..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
