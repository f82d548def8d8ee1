package io.hannahanna.hn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the command a run names is built; help, completion and unknown names get all of them. */
class SubcommandsTest {

  @Test
  void theNamedCommandOnlyAfterRootOptions() {
    assertEquals(List.of(ListCommand.class), Subcommands.needed("-C", "/tmp", "ls", "--json"));
    assertEquals(List.of(RemoveCommand.class), Subcommands.needed("--no-color", "rm", "x"));
    assertEquals(List.of(PortsCommand.class), Subcommands.needed("ports", "list"));
  }

  @Test
  void noneForTheVersion() {
    assertEquals(List.of(), Subcommands.needed("--version"));
    assertEquals(List.of(), Subcommands.needed("-V"));
  }

  @Test
  void allWhenTheWholeTreeIsShownOrTheNameIsUnknown() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"completion", "bash"},
            new String[] {"launcher-training"},
            new String[] {"lst"},
            new String[] {"-C"})) {
      assertEquals(Subcommands.ALL, Subcommands.needed(args), String.join(" ", args));
    }
  }
}
