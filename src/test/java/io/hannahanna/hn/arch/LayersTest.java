package io.hannahanna.hn.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direction of the house: a package may use the packages below it, never one above. From the
 * top: commands, the doctor's checkup, compose, worktrees, ports, the registry's storage, the
 * repository context, config, processes, and the root package's few shared types (errors,
 * diagnostics, the terminal).
 */
class LayersTest {
  static final String ROOT = "io.hannahanna.hn";

  /** Top first. */
  static final List<String> LAYERS =
      List.of(
          "cli", "checkup", "compose", "worktree", "ports", "state", "repo", "config", "process");

  private static JavaClasses main;

  /** hn's own classes, imported once for the architecture tests (it takes a few seconds). */
  static synchronized JavaClasses mainClasses() {
    if (main == null) {
      main =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages(ROOT);
    }
    return main;
  }

  static ArchRule layering() {
    List<ArchRule> rules = new ArrayList<>();
    for (int i = 1; i < LAYERS.size(); i++) {
      String[] above =
          LAYERS.subList(0, i).stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(ROOT + "." + LAYERS.get(i) + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(above)
              .because(LAYERS.get(i) + " sits below " + String.join(", ", LAYERS.subList(0, i)))
              .allowEmptyShould(true));
    }
    String[] all = LAYERS.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
    rules.add(
        noClasses()
            .that()
            .resideInAPackage(ROOT)
            .and()
            .doNotHaveSimpleName("Main")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(all)
            .because("the root package's shared types sit below every package")
            .allowEmptyShould(true));
    CompositeArchRule layering = CompositeArchRule.of(rules.get(0));
    for (ArchRule rule : rules.subList(1, rules.size())) {
      layering = layering.and(rule);
    }
    return layering;
  }

  @Test
  void commandsWriteThroughTheOutputMixinOnly() {
    noClasses()
        .that()
        .areAnnotatedWith(picocli.CommandLine.Command.class)
        .and()
        .doNotBelongToAnyOf(io.hannahanna.hn.cli.Output.class)
        .should()
        .callMethod(picocli.CommandLine.class, "getOut")
        .orShould()
        .callMethod(picocli.CommandLine.class, "getErr")
        .because("the Output mixin is every command's one output path (--json, colours, quiet)")
        .check(mainClasses());
  }

  @Test
  void noPackageUsesOneAboveIt() {
    // an empty import would pass every rule: each layer must have been imported
    for (String layer : LAYERS) {
      assertTrue(
          mainClasses().stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + layer)),
          "no classes of " + layer + " were imported");
    }
    layering().check(mainClasses());
  }

  @Test
  void theRuleCatchesAnInvertedImport() throws Exception {
    // a class of the registry's storage that reaches up into the commands
    JavaClasses inverted =
        new ClassFileImporter()
            .importClasses(
                Class.forName("io.hannahanna.hn.state.InvertedImportFixture"),
                io.hannahanna.hn.cli.ExitCode.class);
    AssertionError failure = assertThrows(AssertionError.class, () -> layering().check(inverted));
    assertTrue(failure.getMessage().contains("InvertedImportFixture"), failure.getMessage());
  }
}
