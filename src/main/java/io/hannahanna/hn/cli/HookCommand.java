package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.compose.DockerWorktreeEnvironment;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Hooks;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worktree's hooks of one point now, as hn runs them.",
      "The points: pre_create, post_create, post_switch, pre_remove, post_remove,",
      "pre_docker_start, post_docker_start. The shell function of 'hn init-shell' runs",
      "post_switch this way after 'hn switch' changed directory. Only a trusted config's hooks",
      "run (see 'hn trust')."
    },
    footer = {"", "Examples:", "  hn hook post_create feat-x", "  hn hook post_switch"})
public class HookCommand implements Callable<Integer> {
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final Hooks hooks;
  private final DockerWorktreeEnvironment docker;

  @Parameters(index = "0", paramLabel = "<point>", description = "The hook point to run.")
  String point;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<worktree>",
      description = "Worktree name, or part of it (default: the one you are in).")
  String name;

  public HookCommand(
      Workspace workspace, Worktrees worktrees, Hooks hooks, DockerWorktreeEnvironment docker) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.hooks = hooks;
    this.docker = docker;
  }

  @Override
  public Integer call() {
    if (!HnConfig.Hooks.POINTS.contains(point)) {
      throw new HnException(
          "There is no hook point '"
              + point
              + "'; the points are "
              + String.join(", ", HnConfig.Hooks.POINTS)
              + ".");
    }
    Repo repo = workspace.repo();
    Worktree worktree = name == null ? worktrees.current() : worktrees.find(name);
    Map<String, String> env = Worktrees.hookEnv(repo, worktree);
    if (repo.config().docker().enabled()) {
      env.putAll(docker.hookEnv(worktree));
    }
    hooks.run(repo, point, worktree.name(), worktree.branch(), worktree.path(), env);
    return ExitCode.OK;
  }
}
