package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose commands hn would run, recorded by a stand-in compose program (set through
 * docker.compose_command). This checks argv only; DockerComposeTest shows containers running.
 */
@QuarkusMainTest
class ComposeArgvTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  Path log;
  Path failConfig;

  @BeforeEach
  void createRepository() throws Exception {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    log = tmp.resolve("compose.log");
    failConfig = tmp.resolve("fail-config");
    Path fake = tmp.resolve("fake-compose");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "for a in \"$@\"; do printf '[%s]' \"$a\"; done >> '"
            + log
            + "'\n"
            + "echo >> '"
            + log
            + "'\n"
            + "case \" $* \" in *' config -q '*) if [ -e '"
            + failConfig
            + "' ]; then echo 'services.web: bad thing' >&2; exit 1; fi ;; esac\n"
            + "case \" $* \" in *' exec '*) echo from-exec; exit 5 ;; esac\n"
            + "case \" $* \" in *' logs '*) echo log-line ;; esac\n"
            + "exit 0\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    // A stand-in docker CLI too, so this test needs no engine: it answers version and ps.
    Path fakeDocker = tmp.resolve("fake-docker");
    Files.writeString(
        fakeDocker, "#!/bin/sh\ncase \"$1\" in version) echo 20.10.0 ;; esac\nexit 0\n");
    Files.setPosixFilePermissions(fakeDocker, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty("hn.docker", fakeDocker.toString());
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  compose_command: "
            + fake
            + "\n  project_name: \"{{repo_name}}-{{worktree_name}}\"\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
  }

  @AfterEach
  void forgetFakeDocker() {
    System.clearProperty("hn.docker");
  }

  private List<String> calls() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private String project(String worktree) {
    return "[-p][app-"
        + worktree
        + "][-f]["
        + repo.root().resolve(".hn-state/worktrees/" + worktree + "/compose.yml")
        + "][--project-directory]["
        + repo.worktree(worktree)
        + "]";
  }

  @Test
  void eachCommandRunsComposeWithProjectFileAndDirectory(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    assertEquals(List.of(project("a") + "[config][-q]"), calls());
    assertTrue(
        Files.readString(repo.root().resolve(".hn-state/worktrees/a/compose.yml")).contains("app-a")
            == false);

    assertOk(hn.launch("-C", root, "docker", "start", "a"));
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    assertOk(hn.launch("-C", root, "docker", "restart", "a"));
    LaunchResult logs =
        hn.launch("-C", root, "docker", "logs", "a", "web", "--follow", "--tail", "3");
    assertOk(logs);
    assertEquals("log-line", logs.getOutput().strip());
    LaunchResult exec =
        hn.launch("-C", root, "docker", "exec", "a", "web", "--", "sh", "-c", "echo $X; exit 5");
    assertEquals(5, exec.exitCode());
    assertEquals("from-exec", exec.getOutput().strip());
    assertOk(hn.launch("-C", root, "remove", "a"));

    assertEquals(
        Arrays.asList(
            project("a") + "[config][-q]",
            project("a") + "[config][-q]",
            project("a") + "[up][-d]",
            project("a") + "[stop]",
            project("a") + "[restart]",
            project("a") + "[logs][--no-color][--follow][--tail][3][web]",
            project("a") + "[exec][-T][web][sh][-c][echo $X; exit 5]",
            project("a") + "[down][--remove-orphans]"),
        calls());
  }

  @Test
  void addWithDockerStartsAndAValidationErrorLeavesNothing(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "b", "--docker"));
    assertEquals(List.of(project("b") + "[config][-q]", project("b") + "[up][-d]"), calls());

    Files.createFile(failConfig);
    LaunchResult bad = hn.launch("-C", root, "add", "c");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.getErrorOutput().contains("services.web: bad thing"), bad.getErrorOutput());
    assertFalse(Files.exists(repo.worktree("c")));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/c")));

    // A worktree that had ports keeps them and its file when a later start fails to validate.
    String before = Files.readString(repo.root().resolve(".hn-state/worktrees/b/compose.yml"));
    JsonPorts ports = new JsonPorts(hn, root);
    int held = ports.count();
    assertEquals(1, hn.launch("-C", root, "docker", "start", "b").exitCode());
    assertEquals(held, ports.count());
    assertEquals(
        before, Files.readString(repo.root().resolve(".hn-state/worktrees/b/compose.yml")));

    assertOk(hn.launch("-C", root, "add", "d", "--no-docker"));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/d/compose.yml")));
    LaunchResult stop = hn.launch("-C", root, "docker", "stop", "d");
    assertEquals(1, stop.exitCode());
    assertTrue(stop.getErrorOutput().contains("hn docker start d"), stop.getErrorOutput());
  }

  @Test
  void infoShowsPortsAndHowToReachTheProjectWithPlainCompose(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "e"));
    LaunchResult info = hn.launch("-C", root, "info", "e");
    assertOk(info);
    assertTrue(info.getOutput().contains("web 8081->80/tcp"), info.getOutput());
    assertTrue(
        info.getOutput()
            .contains("-p app-e -f " + repo.root().resolve(".hn-state/worktrees/e/compose.yml")),
        info.getOutput());
    LaunchResult list = hn.launch("-C", root, "list", "--json");
    assertEquals(
        8081, json(list).get("worktrees").get(1).get("ports").get(0).get("hostPort").asInt());
    assertTrue(hn.launch("-C", root, "list").getOutput().contains("docker: "));
  }

  /** Counts the repository's allocations through hn. */
  record JsonPorts(QuarkusMainLauncher hn, String root) {
    int count() throws Exception {
      return json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size();
    }
  }
}
