package io.hannahanna.hn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real-engine scenario run with Compose v2 only: what it checks is hn's own logic (a health
 * verdict, a port moved, a rewritten service or subnet, orphans found by hn's labels), and each
 * compose call it makes, and each kind of file hn writes for it, is run with both variants by
 * another scenario ({@link ComposeVariants}, RealComposeSetupsTest). A v1 run takes about twice as
 * long as v2's (Python).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ValueSource(strings = {DockerEngine.COMPOSE_V2})
public @interface ComposeV2 {}
