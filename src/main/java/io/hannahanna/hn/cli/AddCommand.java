package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.InvalidInput;
import io.hannahanna.hn.compose.DockerWorktreeEnvironment;
import io.hannahanna.hn.compose.HealthChecks;
import io.hannahanna.hn.compose.ProjectLifecycle;
import io.hannahanna.hn.compose.VolumeSeeding;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeCreation;
import io.hannahanna.hn.worktree.WorktreeCreation.AddRequest;
import io.hannahanna.hn.worktree.WorktreeEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Create a worktree on a new branch, in a folder beside the main checkout.",
      "Create a worktree on a new branch <name>, in a folder beside the main checkout",
      "(worktree_dir in .hannahanna.yml, default ../<repo>-worktrees/<name>).",
      "Prints the new worktree's path."
    },
    footer = {
      "",
      "Examples:",
      "  hn add feat-login",
      "  hn add hotfix --from v1.2.0",
      "  hn add review-42 --no-branch",
      "  hn add api-fix --sparse services/api libs/common",
      "  hn add feat-db --docker --seed   # its database starts as main's",
      "  hn add agent-3 --docker -x claude   # start work in one command",
      "  hn add fix-42 -x npm -- run dev",
      "  hn add demo --template with-seed-data"
    })
public class AddCommand implements Callable<Integer> {
  private final WorktreeCreation creation;

  @Mixin Output output;

  @Parameters(
      paramLabel = "<name>",
      description = "Worktree and branch name: letters, digits, '-', '_'.")
  String name;

  @Option(
      names = "--from",
      paramLabel = "<ref>",
      description = "Start the branch at <ref> (default: HEAD of where hn runs).")
  String from;

  @Option(
      names = "--branch",
      paramLabel = "<branch>",
      description =
          "The branch to create (or, with --no-branch, to check out); default: named like the"
              + " worktree.")
  String branch;

  @Option(
      names = "--no-branch",
      description = "Check out the existing branch <name> instead of creating it.")
  boolean noBranch;

  @Option(
      names = "--no-hooks",
      description = "Run nothing from the repository: no hooks, no docker.compose_command.")
  boolean noHooks;

  @Option(
      names = "--docker",
      description = "Set up and start the worktree's Docker Compose project.")
  boolean docker;

  @Option(
      names = "--context",
      paramLabel = "<docker context>",
      description = "Run the stack on this docker context's engine, for good (implies --docker).")
  String dockerContext;

  @Option(names = "--no-docker", description = "Skip Docker even when docker.enabled is true.")
  boolean noDocker;

  @Option(
      names = "--seed",
      description =
          "Copy the main checkout's named volumes into the new stack's before it starts"
              + " (the default when docker.seed is set).")
  boolean seed;

  @Option(
      names = "--seed-from",
      paramLabel = "<worktree>",
      description = "Seed from this worktree's volumes instead of the main checkout's.")
  String seedFrom;

  @Option(
      names = "--no-seed",
      description = "Start with empty volumes even when docker.seed is set.")
  boolean noSeed;

  @Option(
      names = {"-x", "--exec"},
      paramLabel = "<program>",
      description =
          "Once the worktree (and its stack, with --docker) is ready, run <program> [args…] in it"
              + " with its WT_* variables on this terminal; hn's exit code is the program's.")
  String program;

  @Parameters(
      index = "1..*",
      paramLabel = "<args>",
      description =
          "Arguments of the -x program (after --); without -x, one word is the branch"
              + " (hannahanna's hn add <name> <branch>).")
  java.util.List<String> programArgs = new java.util.ArrayList<>();

  @Option(
      names = "--sparse",
      arity = "1..*",
      paramLabel = "<folder>",
      description =
          "Check out only these folders (and the top-level files), with git's cone mode;"
              + " default: sparse in .hannahanna.yml, else everything.")
  java.util.List<String> sparse;

  @Option(
      names = "--template",
      paramLabel = "<name>",
      description =
          "Copy in .hn-templates/<name>/ (placeholders filled in) and merge its .hannahanna.yml"
              + " over the repository's for this add; see 'hn templates'.")
  String template;

  private final Workspace workspace;
  private final ProjectLifecycle lifecycle;
  private final DockerWorktreeEnvironment dockerEnvironment;

  private final HealthChecks health;
  private final RepositoryTrust trust;
  private final VolumeSeeding seeding;
  private final WorktreeProgram worktreeProgram;

  public AddCommand(
      WorktreeCreation creation,
      Workspace workspace,
      ProjectLifecycle lifecycle,
      DockerWorktreeEnvironment dockerEnvironment,
      HealthChecks health,
      RepositoryTrust trust,
      VolumeSeeding seeding,
      WorktreeProgram worktreeProgram) {
    this.worktreeProgram = worktreeProgram;
    this.trust = trust;
    this.seeding = seeding;
    this.creation = creation;
    this.workspace = workspace;
    this.lifecycle = lifecycle;
    this.dockerEnvironment = dockerEnvironment;
    this.health = health;
  }

  @Override
  public Integer call() {
    if (program == null && programArgs.size() == 1 && branch == null) {
      branch = programArgs.remove(0); // hannahanna's `hn add <name> <branch>`
    }
    if (program == null && !programArgs.isEmpty()) {
      throw new InvalidInput(
          "'"
              + programArgs.get(0)
              + "' is not an option of hn add; to run a program in the new worktree, give it with"
              + " -x <program> -- <args>.");
    }
    int code = create();
    return code == ExitCode.OK && program != null
        ? worktreeProgram.run(created, program, programArgs)
        : code;
  }

  private Worktree created;

  /** Creates the worktree (and its stack); returns hn's exit code so far. */
  private int create() {
    if (template != null) {
      workspace.useTemplate(template); // before anything reads the config
    }
    if (noHooks) {
      trust.runNothingFromTheRepository();
    }
    HnConfig.Docker config = workspace.repo().config().docker();
    if (dockerContext != null) {
      docker = true;
      dockerEnvironment.pinTo(dockerContext);
    }
    boolean withDocker = !noDocker && (docker || config.enabled());
    Worktree source = seedSource(withDocker);
    created =
        creation.add(
            new AddRequest(name, branch, from, noBranch, !noHooks, sparse, template),
            withDocker ? dockerEnvironment : WorktreeEnvironment.NONE);
    announce(created);
    if (withDocker && dockerEnvironment.skipped() != null) {
      // said why and how to finish; a failure only when --docker asked for it
      return docker ? ExitCode.FAILURE : ExitCode.OK;
    }
    if (source != null && !seed(created, source)) {
      return ExitCode.FAILURE;
    }
    if (withDocker && (docker || trust.autoStart(workspace.repo()))) {
      return startContainers(created, config);
    }
    if (withDocker && config.autoStart()) {
      output
          .err()
          .println(
              "hn: "
                  + workspace.repo().configFile()
                  + " is not trusted, so hn did not start the containers of '"
                  + created.name()
                  + "' (docker.auto_start); start them with 'hn docker start "
                  + created.name()
                  + "', or review the file with 'hn trust --show' and allow it with 'hn trust'.");
    }
    return ExitCode.OK;
  }

  private void announce(Worktree created) {
    output
        .err()
        .println(
            "Created worktree '"
                + created.name()
                + "' on branch "
                + created.branch()
                + " (parent: "
                + created.parent()
                + ").");
    output.err().flush();
    output.result(created.path());
  }

  /** Where the new stack's volumes come from (checked before anything is made), or null. */
  private Worktree seedSource(boolean withDocker) {
    if ((seed || seedFrom != null) && !withDocker) {
      throw new InvalidInput(
          "--seed copies volumes into the new worktree's Docker stack; add --docker.");
    }
    boolean seeded = !noSeed && (seed || seedFrom != null || seeding.configured());
    return withDocker && seeded ? seeding.source(seedFrom) : null;
  }

  /** Fills the new stack's volumes before it first starts; false (said why) when that failed. */
  private boolean seed(Worktree created, Worktree source) {
    try {
      seeding.seed(created, source, false);
      return true;
    } catch (HnException e) {
      output
          .err()
          .println(
              "hn: the worktree was created, but its volumes were not seeded: "
                  + HnException.sentence(e.getMessage())
                  + " Seed them later with 'hn docker seed "
                  + created.name()
                  + "'.");
      output.err().flush();
      return false;
    }
  }

  /** Starts the new worktree's stack (and waits for it when docker.healthcheck says so). */
  private int startContainers(Worktree created, HnConfig.Docker config) {
    try {
      lifecycle.start(created);
    } catch (HnException e) {
      output
          .err()
          .println(
              "hn: the worktree was created, but its containers were not started: "
                  + HnException.sentence(e.getMessage())
                  + " Start them later with 'hn docker start "
                  + created.name()
                  + "'.");
      output.err().flush();
      return ExitCode.FAILURE;
    }
    if (config.healthcheck().enabled()) {
      health.await(created);
    }
    return ExitCode.OK;
  }
}
