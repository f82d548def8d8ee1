package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.state.SqliteNativeLibrary;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The launcher's training run: hn's everyday commands on a throwaway repository, so the class-data
 * cache recorded during this run holds the classes those commands load.
 */
@Command(
    name = "launcher-training",
    hidden = true,
    description = "Run common commands on a throwaway repository (the launcher records its cache).")
public class LauncherTrainingCommand implements Callable<Integer> {
  private final Git git;
  private final Optional<String> registry;

  @Spec CommandSpec spec;

  public LauncherTrainingCommand(
      Git git, @ConfigProperty(name = "hn.registry") Optional<String> registry) {
    this.git = git;
    this.registry = registry;
  }

  @Override
  public Integer call() throws IOException {
    if (registry.isPresent()) {
      throw new HnException(
          "The training run must not touch a shared registry; unset HN_REGISTRY.");
    }
    SqliteNativeLibrary.keep();
    Path dir = Files.createTempDirectory("hn-training").toRealPath();
    try {
      Path repo = trainingRepository(dir);
      CommandLine root = spec.root().commandLine();
      PrintWriter sink = new PrintWriter(Writer.nullWriter());
      root.setOut(sink);
      root.setErr(sink);
      String at = repo.toString();
      for (List<String> args :
          List.of(
              List.of("-C", at, "add", "training"),
              List.of("-C", at, "list", "--json"),
              List.of("-C", at, "info", "training"),
              List.of("-C", at, "ports", "allocate", "training", "web:80"),
              List.of("-C", at, "ports", "list"),
              List.of("-C", at, "remove", "training", "--force"),
              List.of("--help"))) {
        root.execute(args.toArray(String[]::new));
      }
      return ExitCode.OK;
    } finally {
      Worktrees.deleteTree(dir);
    }
  }

  /** A repository with one empty commit, made without the user's git config or hooks. */
  private Path trainingRepository(Path dir) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    git.output(repo, "init", "-q");
    git.output(
        repo,
        "-c",
        "user.name=hn",
        "-c",
        "user.email=hn@localhost",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--allow-empty",
        "--no-verify",
        "-m",
        "training");
    return repo;
  }
}
