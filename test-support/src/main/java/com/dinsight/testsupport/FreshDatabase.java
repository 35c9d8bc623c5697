package com.dinsight.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Gives a Spring test class its own empty database (and data directory) on the JVM's test
 * PostgreSQL, by setting {@code dinsight.db.*} and {@code dinsight.data-dir} before the
 * context starts. The context is closed after the class, so its processors stop with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface FreshDatabase {
}
