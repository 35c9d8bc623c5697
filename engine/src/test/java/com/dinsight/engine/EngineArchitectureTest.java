package com.dinsight.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class EngineArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.dinsight.engine");

    @Test
    void the_rule_sees_the_engine_classes() {
        assertThat(engine.size()).isGreaterThan(20);
        assertThat(engine.contain(DInsightEngine.class)).isTrue();
        assertThat(engine.contain(com.dinsight.engine.cli.EngineCli.class)).isTrue();
    }

    @Test
    void no_engine_class_depends_on_spring_or_axon() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.axonframework..")
                .check(engine);
    }

    @Test
    void only_the_command_line_may_exit_the_jvm() {
        noClasses().that().resideOutsideOfPackage("com.dinsight.engine.cli..")
                .should().callMethod(System.class, "exit", int.class)
                .check(engine);
    }
}
