package com.dinsight.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.util.FileSystemUtils;

/** Registered in META-INF/spring.factories; acts on test classes marked {@link FreshDatabase}. */
public class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        if (!AnnotatedElementUtils.hasAnnotation(testClass, FreshDatabase.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    /** Equal only for the same test class, so no two classes share a context or a database. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            TestDatabase database = TestPostgres.freshDatabase(testClass.getSimpleName());
            String dataDir;
            try {
                dataDir = Files.createTempDirectory("dinsight-test-" + testClass.getSimpleName()).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dataDirectory = Path.of(dataDir);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    FileSystemUtils.deleteRecursively(dataDirectory.toFile());
                }
            });
            MapPropertySource freshDatabase = new MapPropertySource("freshDatabase", Map.of(
                    "dinsight.db.url", database.jdbcUrl(),
                    "dinsight.db.user", database.user(),
                    "dinsight.db.password", database.password() == null ? "" : database.password(),
                    "dinsight.data-dir", dataDir,
                    "dinsight.db.pool-size", "5"));
            // below a test's own inlined properties, so a test class can still set e.g. the pool size
            var sources = context.getEnvironment().getPropertySources();
            if (sources.contains(INLINED_TEST_PROPERTIES)) {
                sources.addAfter(INLINED_TEST_PROPERTIES, freshDatabase);
            } else {
                sources.addFirst(freshDatabase);
            }
        }
    }
}
