package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hn config show` and `hn config path` over the repository's and the local file. */
@HnTest
class ConfigCommandTest {
  @TempDir Path tmp;

  /** A broken config never locks anyone out of seeing, inspecting and removing worktrees. */
  @Test
  void aConfigErrorStillLetsListConfigShowAndRemoveWork(QuarkusMainLauncher hn) {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "x"));
    repo.write(".hannahanna.yml", "sparse:\n  enabled: yes please\n");
    String where = repo.root().resolve(".hannahanna.yml") + ":2:12";
    for (String[] command :
        new String[][] {{"list"}, {"config", "show"}, {"remove", "x"}, {"list", "--json"}}) {
      String[] argv = new String[command.length + 2];
      argv[0] = "-C";
      argv[1] = root;
      System.arraycopy(command, 0, argv, 2, command.length);
      LaunchResult run = hn.launch(argv);
      assertOk(run);
      assertTrue(run.getErrorOutput().contains(where), run.getErrorOutput());
      assertTrue(run.getErrorOutput().contains("with hn's defaults"), run.getErrorOutput());
    }
    LaunchResult add = hn.launch("-C", root, "add", "y");
    assertEquals(1, add.exitCode(), "a command that acts on the config still refuses it");
    assertTrue(add.getErrorOutput().contains(where), add.getErrorOutput());
  }

  @Test
  void showsTheMergedConfigAndWhereEachSettingCameFrom(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  ports:\n    range: 4000-4999\nhooks:\n  post_create: make\n"
            + "sparse: [api]\n");
    repo.write(".hannahanna.local.yml", "docker:\n  ports:\n    range: 5000-5999\nsparse: [web]\n");

    LaunchResult yaml = hn.launch("-C", root, "config", "show");
    assertOk(yaml);
    assertTrue(yaml.getOutput().contains("range: 5000-5999"), yaml.getOutput());
    assertTrue(yaml.getOutput().contains("enabled: true"), yaml.getOutput());

    LaunchResult origins = hn.launch("-C", root, "config", "show", "--origin");
    assertOk(origins);
    String local = repo.root().resolve(".hannahanna.local.yml").toString();
    String shared = repo.root().resolve(".hannahanna.yml").toString();
    assertTrue(
        origins.getOutput().contains("docker.ports.range = 5000-5999    # " + local + ":3:12"),
        origins.getOutput());
    assertTrue(
        origins.getOutput().contains("hooks.post_create[0].run = make    # " + shared + ":6:16"),
        origins.getOutput());
    assertTrue(
        origins.getOutput().contains("sparse[0] = api    # " + shared + ":7:10"),
        "a list item from the lower layer: " + origins.getOutput());
    assertTrue(
        origins.getOutput().contains("sparse[1] = web    # " + local + ":4:10"),
        origins.getOutput());
    assertTrue(
        origins.getOutput().contains("docker.auto_start = false    # default"),
        origins.getOutput());

    JsonNode doc = json(hn.launch("-C", root, "config", "show", "--json"));
    assertEquals("5000-5999", doc.get("config").get("docker").get("ports").get("range").asText());
    assertEquals(2, doc.get("files").size());
    assertTrue(doc.get("origins").get("docker.enabled").asText().startsWith(shared + ":2:"));

    assertEquals(
        "", repo.git("status", "--porcelain", "--", ".hannahanna.local.yml"), "kept out of git");

    LaunchResult paths = hn.launch("-C", root, "config", "path");
    assertOk(paths);
    String[] lines = paths.getOutput().strip().split("\n");
    assertEquals(3, lines.length, paths.getOutput());
    assertTrue(lines[0].startsWith("user") && lines[0].endsWith("absent"), lines[0]);
    assertTrue(lines[1].contains(shared) && lines[1].endsWith("read"), lines[1]);
    assertTrue(lines[2].contains(local) && lines[2].endsWith("read"), lines[2]);
  }

  @Test
  void aliasesExpandBeforeParsingAndNeverShadowACommand(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    repo.write(
        ".hannahanna.yml",
        "aliases:\n  sw: switch\n  where: sw\n  list: prune\n  loop: round\n  round: loop x\n");
    assertOk(hn.launch("-C", root, "add", "feat"));
    // a clone's aliases make hn do things: untrusted, they are not used
    LaunchResult untrusted = hn.launch("-C", root, "where", "feat");
    assertEquals(2, untrusted.exitCode());
    assertTrue(untrusted.getErrorOutput().contains("skipped"), untrusted.getErrorOutput());
    assertTrue(untrusted.getErrorOutput().contains("aliases."), untrusted.getErrorOutput());
    io.hannahanna.hn.support.Trusted.config(repo.root());
    LaunchResult sw = hn.launch("-C", root, "where", "feat");
    assertOk(sw);
    assertEquals(repo.worktree("feat").toString(), sw.getOutput().strip());
    LaunchResult list = hn.launch("-C", root, "list", "--json");
    assertOk(list);
    assertTrue(list.getOutput().contains("\"worktrees\""), "list is still hn's list");
    LaunchResult loop = hn.launch("-C", root, "loop");
    assertEquals(1, loop.exitCode());
    assertTrue(loop.getErrorOutput().contains("loop -> round -> loop"), loop.getErrorOutput());
    LaunchResult unknown = hn.launch("-C", root, "nothing");
    assertEquals(2, unknown.exitCode());
  }
}
