package io.mailbin.spam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** io.mailbin.spam is a standalone library: nothing else in Mailbin, no HTTP or JSON stack. */
class SpamDependenciesTest {

    @Test
    void spamPackageDependsOnlyOnTheJdkMime4jAndJsoup() {
        JavaClasses spam = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mailbin.spam");

        classes().that().resideInAPackage("io.mailbin.spam")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.mailbin.spam", "java..", "org.apache.james.mime4j..", "org.jsoup..")
                .check(spam);
    }
}
