package com.dinsight.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.dinsight");
    }

    @Test
    void the_query_side_never_touches_the_write_model() {
        noClasses().that().resideInAPackage("com.dinsight.query..")
                .should().dependOnClassesThat().resideInAPackage("com.dinsight.command..")
                .check(classes);
    }

    @Test
    void the_command_side_never_reads_the_read_model() {
        noClasses().that().resideInAPackage("com.dinsight.command..")
                .should().dependOnClassesThat().resideInAPackage("com.dinsight.query..")
                .check(classes);
    }

    @Test
    void the_shared_messages_know_nothing_of_spring() {
        noClasses().that().resideInAPackage("com.dinsight.api..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }
}
