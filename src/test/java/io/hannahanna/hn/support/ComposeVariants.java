package io.hannahanna.hn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real-engine test run once per compose variant, Compose v2 first (see {@link ComposeV2} for the
 * scenarios run with v2 only): its first parameter is the compose command; the test calls {@link
 * DockerEngine#use(String)} with it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ValueSource(strings = {DockerEngine.COMPOSE_V2, DockerEngine.COMPOSE_V1})
public @interface ComposeVariants {}
