package io.hannahanna.hn.support;

import io.quarkus.test.junit.QuarkusTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of whole hn commands: the application is booted once for the suite ({@code QuarkusTest})
 * and each test method's {@code QuarkusMainLauncher} runs commands in it ({@link InProcessHn}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@ExtendWith(InProcessHn.class)
public @interface HnTest {}
