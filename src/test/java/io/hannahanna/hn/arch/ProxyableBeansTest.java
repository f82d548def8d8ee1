package io.hannahanna.hn.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.enterprise.context.RequestScoped;
import org.junit.jupiter.api.Test;

/**
 * A request-scoped bean (what one invocation learns, see HnApplication) is reached through a client
 * proxy, which needs a constructor without parameters. Without one Quarkus rewrites the class to
 * add it, and JaCoCo cannot match a rewritten class to target/classes: its coverage reads 0.
 */
class ProxyableBeansTest {
  static final ArchCondition<JavaClass> A_NON_PRIVATE_NO_ARGUMENT_CONSTRUCTOR =
      new ArchCondition<>("have a non-private constructor without parameters") {
        @Override
        public void check(JavaClass bean, ConditionEvents events) {
          boolean has =
              bean.getConstructors().stream()
                  .anyMatch(
                      c ->
                          c.getRawParameterTypes().isEmpty()
                              && !c.getModifiers().contains(JavaModifier.PRIVATE));
          events.add(new SimpleConditionEvent(bean, has, bean.getName()));
        }
      };

  @Test
  void requestScopedBeansCanBeProxiedAsTheyAre() {
    JavaClasses main = LayersTest.mainClasses();
    assertTrue(
        main.stream().anyMatch(c -> c.isAnnotatedWith(RequestScoped.class)),
        "the rule checks something");
    classes()
        .that()
        .areAnnotatedWith(RequestScoped.class)
        .should(A_NON_PRIVATE_NO_ARGUMENT_CONSTRUCTOR)
        .check(main);
  }
}
