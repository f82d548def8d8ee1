package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.BatchRequests;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "allocate",
    mixinStandardHelpOptions = true,
    description = {
      "Allocate host ports for scripts, all or nothing.",
      "Allocate host ports for scripts; all or nothing in one transaction. A request that",
      "already holds a port gets the same port. Prints {\"allocations\": [...]} as JSON.",
      "Batch input: one '<worktree> <service>[:<container port>][/udp]' per line, or a JSON",
      "array of {worktree, service, containerPort, protocol}."
    },
    footer = {
      "",
      "Examples:",
      "  hn ports allocate feat-x web:80 db:5432 dns:53/udp",
      "  printf 'a web:80\\nb web:80\\n' | hn ports allocate --batch -"
    })
public class PortsAllocateCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Mixin Output output;

  @ArgGroup(multiplicity = "1")
  Input input;

  /** Either a worktree with its services, or a batch. */
  static class Input {
    @ArgGroup(exclusive = false)
    Direct direct;

    @Option(
        names = "--batch",
        paramLabel = "<file|->",
        description = "Read requests from a file, or stdin with -.")
    String batch;
  }

  /** `<worktree> <service>...`. */
  static class Direct {
    @Parameters(index = "0", paramLabel = "<worktree>", description = "Worktree name.")
    String worktree;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "<service>",
        description = "service[:container port][/udp]")
    List<String> services;
  }

  public PortsAllocateCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    List<PortRequest> requests =
        input.batch != null
            ? BatchRequests.parse(read(input.batch))
            : input.direct.services.stream()
                .map(s -> PortRequest.parse(input.direct.worktree, s))
                .toList();
    List<PortView> allocated = registry.allocate(requests).stream().map(PortView::of).toList();
    Output.write(output.out(), Map.of("allocations", allocated));
    return ExitCode.OK;
  }

  private static String read(String source) {
    try {
      if (source.equals("-")) {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(source));
    } catch (IOException e) {
      throw new HnException("Cannot read the batch " + source + ": " + e.getMessage() + ".", e);
    }
  }
}
