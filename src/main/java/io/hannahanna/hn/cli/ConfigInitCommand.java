package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a starting .hannahanna.yml in the main checkout (hannahanna's spelling).",
      "Every setting in it is a comment: it changes nothing until you uncomment a line.",
      "An existing file (or a link of that name) is never overwritten."
    },
    footer = {"", "Example:", "  hn config init && $EDITOR .hannahanna.yml && hn config validate"})
public class ConfigInitCommand implements Callable<Integer> {
  static final String STARTER =
      """
      # hn's config for this repository: every key is optional; see the README's Configuration.
      # Uncomment what you need, then 'hn config validate' and 'hn trust'.

      # worktree_dir: ../{repo}-worktrees   # where new worktrees go

      # docker:
      #   enabled: true           # a Docker Compose stack per worktree
      #   ports:
      #     range: 3000-4999      # host ports hn hands out

      # hooks:                    # shell code, run once you have run hn trust
      #   post_create: npm ci
      #   pre_remove: ./scripts/save-db.sh

      # shared_resources:         # link a main-checkout folder into each new worktree
      #   - source: node_modules
      #     compatibility: package-lock.json

      # sparse: [services/api]    # new worktrees check out only these folders
      """;

  private final Workspace workspace;
  @Mixin Output output;

  public ConfigInitCommand(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    Path file = workspace.repo().root().resolve(".hannahanna.yml");
    try {
      // CREATE_NEW: refused if the name exists, a link (even a dangling one) included
      Files.writeString(file, STARTER, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new HnException(
          file + " already exists; 'hn config show --origin' shows what it sets.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    output.info("Wrote " + file + "; every setting in it is a comment until you change it.");
    return ExitCode.OK;
  }
}
