package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.TrustStore;
import io.hannahanna.hn.config.TrustStore.Verdict;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description = {
      "Allow this repository's .hannahanna.yml to run code on this machine.",
      "Allow this repository's .hannahanna.yml, as it is now, to run its hooks and",
      "docker.compose_command and to place worktrees outside the repository's folder.",
      "hn records the file's SHA-256 in your own state folder; when the file changes, hn",
      "skips those settings again until you trust it again."
    },
    footer = {
      "",
      "Examples:",
      "  hn trust --show     # what the file would run, and whether it is trusted",
      "  hn trust",
      "  hn untrust"
    })
public class TrustCommand implements Callable<Integer> {
  private final Workspace workspace;
  private final RepositoryTrust trust;
  private final TrustStore store;

  @Mixin Output output;

  @Option(names = "--show", description = "Print what would run and the verdict; change nothing.")
  boolean show;

  public TrustCommand(Workspace workspace, RepositoryTrust trust, TrustStore store) {
    this.workspace = workspace;
    this.trust = trust;
    this.store = store;
  }

  @Override
  public Integer call() {
    Repo repo = workspace.repo();
    if (repo.configDigest() == null) {
      throw new HnException("There is no " + repo.configFile() + ", so there is nothing to trust.");
    }
    PrintWriter out = output.out();
    Map<String, String> items = trust.needingTrust(repo, workspace);
    if (show) {
      show(out, repo, items);
      return ExitCode.OK;
    }
    store.trust(repo.configFile(), repo.configDigest());
    PrintWriter err = output.err();
    err.println(
        "Trusted "
            + repo.configFile()
            + " (sha256 "
            + repo.configDigest().substring(0, 12)
            + "…)"
            + (items.isEmpty()
                ? "."
                : ": " + String.join(", ", items.keySet()) + " now take effect."));
    err.flush();
    return ExitCode.OK;
  }

  private void show(PrintWriter out, Repo repo, Map<String, String> items) {
    Verdict verdict = trust.verdict(repo);
    out.println(
        repo.configFile()
            + ": "
            + switch (verdict) {
              case TRUSTED -> "trusted";
              case CHANGED -> "changed since you trusted it (not trusted)";
              case UNTRUSTED -> "not trusted";
            });
    if (items.isEmpty()) {
      out.println(
          "It names nothing that needs trust (no hooks, compose_command or far worktree_dir).");
    }
    items.forEach(
        (key, value) -> {
          out.println(key + ":");
          value.strip().lines().forEach(line -> out.println("    " + line));
        });
    out.flush();
  }
}
