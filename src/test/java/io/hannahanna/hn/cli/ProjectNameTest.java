package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose project names: per repository and worktree, configurable, within compose's rules. */
@HnTest
class ProjectNameTest {
  @TempDir Path tmp;

  private String project(QuarkusMainLauncher hn, GitRepo repo, String worktree) throws Exception {
    return json(hn.launch("-C", repo.root().toString(), "info", worktree, "--json"))
        .get("docker")
        .get("project")
        .asText();
  }

  @Test
  void twoClonesWithTheSameWorktreeNameGetDifferentProjects(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo one = GitRepo.create(Files.createDirectories(tmp.resolve("one")), "shop");
    GitRepo two = GitRepo.create(Files.createDirectories(tmp.resolve("two")), "shop");
    for (GitRepo repo : new GitRepo[] {one, two}) {
      repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
      assertOk(hn.launch("-C", repo.root().toString(), "add", "Feat_X", "--no-docker"));
    }
    String first = project(hn, one, "Feat_X");
    assertTrue(first.matches("shop-[0-9a-f]{6}-feat_x"), first);
    assertNotEquals(first, project(hn, two, "Feat_X"));
  }

  @Test
  void theTemplateIsConfigurable(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  project_name: \"dev.{{repo_name}}.{{branch}}\"\n");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    assertOk(hn.launch("-C", repo.root().toString(), "add", "x", "--no-docker"));
    // hn keeps a part of its own in every name, so none is another repository's project
    assertEquals("dev-app-x-" + repo.hash(), project(hn, repo, "x"));
  }
}
