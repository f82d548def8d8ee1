package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.MainWithVolume;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A main checkout whose database volume holds data, run by the user's own `docker compose up`: new
 * worktrees start with a copy of it, taken while main's container is paused, and keep their writes
 * to themselves. Snapshots give a worktree's data back.
 */
@HnTest
class VolumeSeedingTest {
  @TempDir Path tmp;
  GitRepo repo;
  String compose;

  @AfterEach
  void cleanEngine() {
    if (repo != null) {
      mainCompose("down", "-v");
      DockerEngine.clean(repo.root());
    }
    DockerEngine.reset();
  }

  /** A repository whose main checkout runs its stack as its user would, with data in it. */
  private String mainWithData(String compose) {
    DockerEngine.use(compose);
    this.compose = compose;
    repo = MainWithVolume.create(tmp, "shop");
    mainCompose("up", "-d");
    mainCompose("exec", "-T", "db", "sh", "-c", "echo from-main > /data/v");
    return DockerEngine.lines("ps", "-q", "--filter", "label=com.docker.compose.project=shop")
        .get(0);
  }

  private GitRepo.Result mainCompose(String... args) {
    return MainWithVolume.compose(repo, compose, args);
  }

  private String data(QuarkusMainLauncher hn, String worktree) {
    LaunchResult cat =
        hn.launch("-C", repo.root().toString(), "docker", "exec", worktree, "--", "cat", "/data/v");
    return cat.exitCode() == 0 ? cat.getOutput().strip() : "(none: " + cat.getErrorOutput() + ")";
  }

  private void write(QuarkusMainLauncher hn, String worktree, String text) {
    assertOk(
        hn.launch(
            "-C",
            repo.root().toString(),
            "docker",
            "exec",
            worktree,
            "--",
            "sh",
            "-c",
            "echo " + text + " > /data/v"));
  }

  @ComposeV2
  void aNewWorktreeStartsWithMainsDataCopiedWhileMainIsPaused(
      String compose, QuarkusMainLauncher hn) {
    String mainDb = mainWithData(compose);
    long t0 = System.currentTimeMillis() / 1000 - 1;
    String root = repo.root().toString();

    LaunchResult add = hn.launch("-C", root, "add", "a", "--docker");
    assertOk(add);
    assertTrue(add.getErrorOutput().contains("seeded data from main: "), add.getErrorOutput());
    assertEquals("from-main", data(hn, "a"));
    List<String> events =
        DockerEngine.lines(
            "events",
            "--since",
            Long.toString(t0),
            "--until",
            Long.toString(System.currentTimeMillis() / 1000 + 1),
            "--filter",
            "container=" + mainDb,
            "--filter",
            "event=pause",
            "--filter",
            "event=unpause",
            "--format",
            "{{.Action}}");
    assertEquals(List.of("pause", "unpause"), events);
    assertEquals(
        "running false",
        DockerEngine.lines("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", mainDb).get(0));

    // a's writes are a's own
    write(hn, "a", "from-a");
    assertEquals(
        "from-main",
        mainCompose("exec", "-T", "db", "cat", "/data/v").stdout().strip(),
        "a's write reached main");

    // another source, and seeding again later: refused while the stack runs, then replaced
    assertOk(hn.launch("-C", root, "add", "b", "--docker", "--seed-from", "a"));
    assertEquals("from-a", data(hn, "b"));
    LaunchResult running = hn.launch("-C", root, "docker", "seed", "b", "--yes");
    assertNotEquals(0, running.exitCode());
    assertTrue(running.getErrorOutput().contains("hn docker stop b"), running.getErrorOutput());
    assertOk(hn.launch("-C", root, "docker", "stop", "b"));
    LaunchResult again = hn.launch("-C", root, "docker", "seed", "b", "--yes");
    assertOk(again);
    assertOk(hn.launch("-C", root, "docker", "start", "b"));
    assertEquals("from-main", data(hn, "b"));

    // without seeding, the volume starts empty
    assertOk(hn.launch("-C", root, "add", "c", "--docker", "--no-seed"));
    assertTrue(data(hn, "c").startsWith("(none"), data(hn, "c"));

    // snapshots: save, change, restore (the running stack is stopped and started around it)
    assertOk(hn.launch("-C", root, "docker", "volumes", "snapshot", "save", "a", "before"));
    write(hn, "a", "changed");
    assertOk(hn.launch("-C", root, "docker", "volumes", "snapshot", "restore", "a", "before"));
    assertEquals("from-a", data(hn, "a"), "restore gave back what was saved");
    LaunchResult list =
        hn.launch("-C", root, "docker", "volumes", "snapshot", "list", "a", "--json");
    assertOk(list);
    String compact = list.getOutput().replaceAll("\\s", "");
    assertTrue(
        compact.contains("\"name\":\"before\"") && compact.contains("\"volumes\":[\"data\"]"),
        list.getOutput());
    assertOk(hn.launch("-C", root, "docker", "volumes", "snapshot", "rm", "a", "before"));
    assertEquals(
        "",
        hn.launch("-C", root, "docker", "volumes", "snapshot", "list", "a").getOutput().strip());

    // removing a worktree without a terminal to ask keeps its snapshots, and says so
    assertOk(hn.launch("-C", root, "docker", "volumes", "snapshot", "save", "b", "kept"));
    LaunchResult removed = hn.launch("-C", root, "remove", "b", "--force");
    assertOk(removed);
    assertTrue(
        removed.getErrorOutput().contains("kept 1 volume snapshot"), removed.getErrorOutput());
    assertEquals(
        1,
        DockerEngine.lines("volume", "ls", "-q", "--filter", "label=io.hannahanna.hn.snapshot=kept")
            .size());
  }
}
