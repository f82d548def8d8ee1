package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose commands hn would run, recorded by a stand-in compose program (set through
 * docker.compose_command). This checks argv only; DockerComposeTest shows containers running.
 */
@HnTest
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
    Path overlap = tmp.resolve("overlap.log");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            // Asked to resolve the project, it prints the file as it is and logs where it ran.
            + "case \" $* \" in *' --profile * config ') "
            // With a slow-resolve file, a resolve takes half a second and logs when it ran.
            + ("[ -e '" + tmp.resolve("slow-resolve") + "' ] && echo begin >> '" + overlap + "'")
            + (" && sleep 0.5 && echo end >> '" + overlap + "'; ")
            + "printf '(%s)' \"$PWD\" >> '"
            + tmp.resolve("resolve.log")
            + "'; for a in \"$@\"; do printf '[%s]' \"$a\"; done >> '"
            + tmp.resolve("resolve.log")
            + "'; echo >> '"
            + tmp.resolve("resolve.log")
            + "'; cat compose.yml; exit 0 ;; esac\n"
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
    Files.writeString(fakeDocker, fakeDockerScript(tmp.resolve("docker.log"), repo.hash()));
    Files.setPosixFilePermissions(fakeDocker, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty("hn.docker", fakeDocker.toString());
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  compose_command: "
            + fake
            + "\n  project_name: \"{{repo_name}}-{{worktree_name}}\"\n");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
  }

  /**
   * A docker CLI that answers as an engine would with two of this repository's projects: a (its
   * worktree exists) and app-gone (its worktree was deleted), plus a shared volume.
   */
  static String fakeDockerScript(Path log, String hash) {
    String a = "app-a-" + hash;
    return "#!/bin/sh\n"
        + "echo \"$*\" >> '"
        + log
        + "'\n"
        + "case \"$*\" in\n"
        + "  version*) echo 20.10.0 ;;\n"
        // running containers with their published ports, as a test lays them out
        + "  'ps --filter label=io.hannahanna.hn.managed=true --filter status=running'*) cat '"
        + log.resolveSibling("running.txt")
        + "' 2>/dev/null ;;\n"
        + "  compose*' --profile * config') cat compose.yml ;;\n"
        + "  *'{{.State}}'*) printf ''"
        + a
        + "'\\tweb\\t'"
        + a
        + "'_web_1\\trunning\\napp-gone\\tweb\\tapp-gone_web_1\\texited\\n' ;;\n"
        + "  'ps -a --filter'*) printf 'c1\\t'"
        + a
        + "'_web_1\\ta\\t'"
        + a
        + "'\\nc2\\tapp-gone_web_1\\tgone\\tapp-gone\\n' ;;\n"
        + "  'network ls --filter'*) printf 'n1\\t'"
        + a
        + "'_default\\ta\\t'"
        + a
        + "'\\nn2\\tapp-gone_default\\tgone\\tapp-gone\\n' ;;\n"
        + "  'volume ls --filter'*) printf ''"
        + a
        + "'_data\\t'"
        + a
        + "'_data\\ta\\t'"
        + a
        + "'\\napp-gone_data\\tapp-gone_data\\tgone\\tapp-gone\\nshared\\tshared\\t\\t\\n' ;;\n"
        + "  'ps -a -q --filter volume='"
        + a
        + "'_data') echo c1 ;;\n"
        + "  'network rm n2') echo 'Error: No such network: n2' >&2; exit 1 ;;\n"
        + "esac\n"
        + "exit 0\n";
  }

  @Test
  void pruneAndVolumesWorkOnWhatTheEngineReports(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    Path dockerLog = tmp.resolve("docker.log");

    JsonNode ps = json(hn.launch("-C", root, "docker", "ps", "--json")).get("projects").get(0);
    assertEquals("running", ps.get("state").asText());
    assertOk(hn.launch("-C", root, "add", "b"));
    JsonNode one = json(hn.launch("-C", root, "docker", "ps", "a", "--json")).get("projects");
    assertEquals(1, one.size(), "one worktree's project: " + one);
    assertEquals("a", one.get(0).get("worktree").asText());
    assertEquals(1, ps.get("running").asInt());
    assertTrue(
        hn.launch("-C", root, "docker", "ps").getOutput().contains("web:" + ports(hn).get(0)));

    LaunchResult dry = hn.launch("-C", root, "docker", "prune", "--dry-run");
    assertOk(dry);
    assertEquals("app-gone", dry.getOutput().strip());
    assertFalse(Files.readString(dockerLog).contains(" rm "), "a dry run removes nothing");

    JsonNode pruned =
        json(hn.launch("-C", root, "docker", "prune", "--volumes", "--json")).get("pruned").get(0);
    assertEquals("gone", pruned.get("worktree").asText());
    assertEquals("[\"app-gone_web_1\"]", pruned.get("containers").toString());
    assertEquals("[\"app-gone_data\"]", pruned.get("volumes").toString());
    String log = Files.readString(dockerLog);
    assertTrue(log.contains("rm -f c2\n"), log);
    assertTrue(log.contains("network rm n2\n"), log);
    assertTrue(log.contains("volume rm app-gone_data\n"), log);
    assertFalse(
        log.contains("rm -f c1")
            || log.contains("network rm n1")
            || log.contains("volume rm shared"),
        log);

    JsonNode volumes = json(hn.launch("-C", root, "docker", "volumes", "--json")).get("volumes");
    assertEquals(2, volumes.size(), "shared volumes are not a worktree's");
    assertTrue(volumes.get(0).get("inUse").asBoolean());
    assertTrue(volumes.get(0).get("worktreeExists").asBoolean());
    assertFalse(volumes.get(1).get("worktreeExists").asBoolean());
    assertTrue(hn.launch("-C", root, "docker", "volumes").getOutput().contains("app-gone_data"));
    LaunchResult volumePrune = hn.launch("-C", root, "docker", "volume", "prune", "--dry-run");
    assertEquals("app-gone_data", volumePrune.getOutput().strip());
  }

  @Test
  void worktreePruneCleansDockerForThePrunedWorktrees(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    assertOk(hn.launch("-C", root, "add", "gone"));
    io.hannahanna.hn.worktree.Worktrees.deleteTree(repo.worktree("gone"));
    LaunchResult prune = hn.launch("-C", root, "prune");
    assertOk(prune);
    assertEquals("gone", prune.getOutput().strip());
    String log = Files.readString(tmp.resolve("docker.log"));
    assertTrue(log.contains("rm -f c2\n"), log + prune.getErrorOutput());
    assertFalse(log.contains("rm -f c1"), log);
  }

  @Test
  void sharedVolumesAndNetworksAreCreatedWhenMissing(QuarkusMainLauncher hn) throws Exception {
    repo.write(
        ".hannahanna.yml",
        Files.readString(repo.root().resolve(".hannahanna.yml"))
            + "  shared:\n    volumes: [cache]\n    networks: [proxy]\n");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    assertOk(hn.launch("-C", root, "add", "s", "--docker"));
    String log = Files.readString(tmp.resolve("docker.log"));
    assertTrue(
        log.matches(
            "(?s).*volume create --label io.hannahanna.hn.managed=true --label io.hannahanna.hn.shared=true --label io.hannahanna.hn.repository="
                + java.util.regex.Pattern.quote(root)
                + " app-[0-9a-f]{6}_cache\n.*"),
        log);
    assertTrue(log.contains("network create --label io.hannahanna.hn.managed=true"), log);
    assertTrue(log.contains(" proxy\n"), log);
  }

  @AfterEach
  void forgetFakeDocker() {
    System.clearProperty("hn.docker");
  }

  private List<String> calls() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The project name of a worktree under this test's project_name: hn appends its own part. */
  private String name(String worktree) {
    return "app-" + worktree + "-" + repo.hash();
  }

  private String project(String worktree) {
    return "[-p]["
        + name(worktree)
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
    // compose resolves the project in the worktree, and in the main checkout for its own ports
    // (both at once: in either order)
    assertEquals(
        java.util.Set.of(
            "(" + repo.worktree("a") + ")[-p][" + name("a") + "][--profile][*][config]",
            "(" + repo.root() + ")[-p][" + name("a") + "][--profile][*][config]"),
        java.util.Set.copyOf(Files.readAllLines(tmp.resolve("resolve.log"))));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(
                repo.root().resolve(".hn-state/worktrees/a/compose.yml"))),
        "values from .env can be secrets: the generated file is its owner's only");
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
            project("a") + "[config][-q]", // the start wrote the same file: no second check
            project("a") + "[up][-d]",
            project("a") + "[stop]",
            project("a") + "[restart]",
            project("a") + "[logs][--no-color][--follow][--tail][3][web]",
            project("a") + "[exec][-T][web][sh][-c][echo $X; exit 5]",
            project("a") + "[rm][-f][-s][-v]",
            project("a") + "[down][--remove-orphans]"),
        calls());
  }

  @Test
  void aNewWorktreesProjectAndTheMainCheckoutsAreResolvedAtOnce(QuarkusMainLauncher hn)
      throws Exception {
    Files.writeString(tmp.resolve("slow-resolve"), "");
    assertOk(hn.launch("-C", root, "add", "a"));
    assertEquals(
        List.of("begin", "begin", "end", "end"),
        Files.readAllLines(tmp.resolve("overlap.log")),
        "the second compose process began before the first ended");
  }

  @Test
  void startChecksTheGeneratedFileOnlyWhenItChangedAndAsksTheEngineOnlyForATakenPort(
      QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    Path dockerLog = tmp.resolve("docker.log");
    Files.writeString(dockerLog, "");
    assertOk(hn.launch("-C", root, "docker", "start", "a"));
    assertEquals(List.of(project("a") + "[config][-q]", project("a") + "[up][-d]"), calls());
    // (the engine is asked whose the project is, not which containers hold the ports)
    assertFalse(
        Files.readString(dockerLog).contains("label=io.hannahanna.hn.repository"),
        Files.readString(dockerLog));
    assertFalse(
        Files.readString(dockerLog).contains("version"),
        "compose itself says when the daemon is down: no probe first");
    List<String> resolved = Files.readAllLines(tmp.resolve("resolve.log"));
    assertEquals(3, resolved.size(), resolved.toString());
    assertEquals(
        "(" + repo.worktree("a") + ")[-p][" + name("a") + "][--profile][*][config]",
        resolved.get(2),
        "every port held: the main checkout's own ports need not be asked for again");

    assertOk(hn.launch("-C", root, "ports", "reassign", "a"));
    assertOk(hn.launch("-C", root, "docker", "start", "a"));
    List<String> after = calls().subList(2, calls().size());
    assertEquals(
        List.of(
            project("a") + "[config][-q]",
            // the stand-in engine says web runs: reassign recreates it on its new port
            project("a") + "[up][-d][--no-deps][web]",
            project("a") + "[up][-d]"),
        after,
        "new ports, a new file: checked once, when it was written");

    int port = ports(hn).get(0);
    try (java.net.ServerSocket someoneElse =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("0.0.0.0"))) {
      assertTrue(someoneElse.isBound());
      Files.writeString(dockerLog, "");
      assertOk(hn.launch("-C", root, "docker", "start", "a"));
      // the stand-in engine says app-a runs: its own containers hold the port, nothing moves
      assertTrue(
          Files.readString(dockerLog).contains("label=io.hannahanna.hn.repository"),
          "a taken port: the engine is asked");
      assertEquals(port, ports(hn).get(0));
    }
  }

  private List<Integer> ports(QuarkusMainLauncher hn) throws Exception {
    return ports(hn, "a");
  }

  /** A worktree's host ports, as hn ports show gives them. */
  private List<Integer> ports(QuarkusMainLauncher hn, String worktree) throws Exception {
    List<Integer> ports = new java.util.ArrayList<>();
    json(hn.launch("-C", root, "ports", "show", worktree, "--json"))
        .get("allocations")
        .forEach(p -> ports.add(p.get("hostPort").asInt()));
    return ports;
  }

  @Test
  void startTurnsOnConfiguredProfilesThoseNamedAndComposeProfilesFromDotEnv(QuarkusMainLauncher hn)
      throws Exception {
    repo.write(
        ".hannahanna.yml",
        Files.readString(repo.root().resolve(".hannahanna.yml")) + "  profiles: [tools]\n");
    // as ragflow writes it: compose interpolates the value, and so does hn
    repo.write(".env", "DOC_ENGINE=debug\nCOMPOSE_PROFILES=\"${DOC_ENGINE},${DEVICE:-tools}\"\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "profiles");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    assertOk(hn.launch("-C", root, "add", "a"));
    assertOk(hn.launch("-C", root, "docker", "start", "a", "--profile", "extra"));
    assertEquals(
        project("a") + "[--profile][tools][--profile][extra][--profile][debug][up][-d]",
        calls().get(calls().size() - 1),
        "compose ignores COMPOSE_PROFILES once --profile is given, so hn passes it on itself");

    LaunchResult badProfile = hn.launch("-C", root, "docker", "start", "a", "--profile", "-x;y");
    assertEquals(1, badProfile.exitCode());
    assertTrue(
        badProfile.getErrorOutput().contains("Invalid profile '-x;y'"),
        badProfile.getErrorOutput());
    LaunchResult badTail = hn.launch("-C", root, "docker", "logs", "a", "--tail", "-5");
    assertEquals(2, badTail.exitCode());
    assertTrue(
        badTail.getErrorOutput().contains("--tail takes a number"), badTail.getErrorOutput());
    assertFalse(calls().get(calls().size() - 1).contains("[logs]"), "compose never got -5");
  }

  @Test
  void execWithoutAServiceUsesTheDefaultOrTheOnlyOneAndSaysWhich(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    LaunchResult only = hn.launch("-C", root, "docker", "exec", "a", "--", "sh", "-c", "id");
    assertEquals(5, only.exitCode(), only.getErrorOutput()); // the fake compose's exec exits 5
    assertEquals(project("a") + "[exec][-T][web][sh][-c][id]", calls().get(calls().size() - 1));
    assertTrue(only.getErrorOutput().contains("in service web"), only.getErrorOutput());

    repo.write(
        "compose.yml",
        "services:\n  web:\n    image: x\n    ports: ['8080:80']\n  db:\n    image: x\n");
    repo.git("commit", "-q", "-am", "two services");
    assertOk(hn.launch("-C", root, "add", "b"));
    LaunchResult ambiguous = hn.launch("-C", root, "docker", "exec", "b", "--", "ls");
    assertEquals(1, ambiguous.exitCode());
    assertTrue(
        ambiguous.getErrorOutput().contains("services db, web")
            && ambiguous.getErrorOutput().contains("docker.default_service"),
        ambiguous.getErrorOutput());

    repo.write(
        ".hannahanna.yml",
        Files.readString(repo.root().resolve(".hannahanna.yml")) + "  default_service: db\n");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    LaunchResult chosen = hn.launch("-C", root, "docker", "exec", "b", "--", "ls");
    assertEquals(5, chosen.exitCode(), chosen.getErrorOutput());
    assertEquals(project("b") + "[exec][-T][db][ls]", calls().get(calls().size() - 1));
    // a service named before -- is used as before
    hn.launch("-C", root, "docker", "exec", "b", "web", "--", "ls");
    assertEquals(project("b") + "[exec][-T][web][ls]", calls().get(calls().size() - 1));
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

    // A worktree that had ports keeps them and its file when a later start fails to validate
    // (a start validates a file that changed: here its base file did).
    String before = Files.readString(repo.root().resolve(".hn-state/worktrees/b/compose.yml"));
    Files.writeString(
        repo.worktree("b").resolve("compose.yml"),
        "services:\n  web:\n    image: y\n    ports: ['8080:80']\n");
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
    // whatever port the registry gave (8081 may be taken on this machine)
    int web = ports(hn, "e").get(0);
    assertNotEquals(8080, web, "the main checkout's fixed port stays free");
    LaunchResult info = hn.launch("-C", root, "info", "e");
    assertOk(info);
    assertTrue(info.getOutput().contains("web " + web + "->80/tcp"), info.getOutput());
    assertTrue(
        info.getOutput()
            .contains(
                "-p "
                    + name("e")
                    + " -f "
                    + repo.root().resolve(".hn-state/worktrees/e/compose.yml")),
        info.getOutput());
    LaunchResult list = hn.launch("-C", root, "list", "--json");
    assertEquals(
        web, json(list).get("worktrees").get(1).get("ports").get(0).get("hostPort").asInt());
    assertTrue(hn.launch("-C", root, "list").getOutput().contains("docker: "));
  }

  @Test
  void envPrintsTheWorktreesVariablesForShellsScriptsAndDotenv(QuarkusMainLauncher hn)
      throws Exception {
    repo.write(
        ".hannahanna.yml",
        Files.readString(repo.root().resolve(".hannahanna.yml"))
            + "  env:\n    APP_URL: \"http://localhost:{{port.web}}/it's \\\"$HOME\\\"\"\n"
            + "  env_file: .env.hn\n");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    assertOk(hn.launch("-C", root, "add", "e"));
    int web = ports(hn, "e").get(0);
    String url = "http://localhost:" + web + "/it's \"$HOME\"";

    LaunchResult shell = hn.launch("-C", root, "env", "e", "--format", "shell");
    assertOk(shell);
    GitRepo.Result evaluated =
        GitRepo.exec(
            tmp,
            List.of(
                "bash",
                "-c",
                "eval \"$1\"; printf '%s|%s|%s|%s|%s' \"$WT_NAME\" \"$WT_PORTS_WEB\""
                    + " \"$WT_PORTS_WEB_80\" \"$COMPOSE_PROJECT_NAME\" \"$APP_URL\"",
                "bash",
                shell.getOutput()),
            Map.of());
    assertEquals(
        "e|" + web + "|" + web + "|" + name("e") + "|" + url,
        evaluated.stdout(),
        evaluated.stderr());
    assertTrue(shell.getOutput().contains("COMPOSE_FILE="), shell.getOutput());

    JsonNode asJson = json(hn.launch("-C", root, "env", "e", "--format", "json"));
    assertEquals(url, asJson.get("APP_URL").asText());
    assertEquals(
        repo.root().resolve(".hn-state/worktrees/e/compose.yml").toString(),
        asJson.get("COMPOSE_FILE").asText());

    // docker.env_file: the same variables in the worktree, for apps run on the host; not in git
    Path envFile = repo.worktree("e").resolve(".env.hn");
    assertTrue(
        Files.readString(envFile).contains("WT_PORTS_WEB=" + web), Files.readString(envFile));
    assertEquals("", GitRepo.gitIn(repo.worktree("e"), "status", "--porcelain"));
    LaunchResult dotenv = hn.launch("-C", root, "env", "e");
    List<String> written = Files.readAllLines(envFile);
    assertTrue(written.get(0).startsWith("# written by hn"), written.get(0));
    assertEquals(String.join("\n", written.subList(1, written.size())), dotenv.getOutput().strip());

    // reassign refreshes the env file and the generated compose file with the new port
    int moved =
        json(hn.launch("-C", root, "ports", "reassign", "e", "web", "--json"))
            .get("allocations")
            .get(0)
            .get("hostPort")
            .asInt();
    assertNotEquals(web, moved);
    assertTrue(
        Files.readString(envFile).contains("WT_PORTS_WEB=" + moved), Files.readString(envFile));
    assertTrue(
        Files.readString(repo.root().resolve(".hn-state/worktrees/e/compose.yml"))
            .contains(String.valueOf(moved)),
        "the generated file publishes the new port");
  }

  @Test
  void aCommittedSymbolicLinkCannotCarryTheEnvFileOrTheStateFolderOutOfTheRepository(
      QuarkusMainLauncher hn) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim"), "precious\n");
    Files.createSymbolicLink(repo.root().resolve(".env.hn"), victim);
    repo.write(
        ".hannahanna.yml",
        Files.readString(repo.root().resolve(".hannahanna.yml")) + "  env_file: .env.hn\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "hostile env file");
    io.hannahanna.hn.support.Trusted.config(repo.root());
    LaunchResult add = hn.launch("-C", root, "add", "e");
    assertEquals(1, add.exitCode());
    assertTrue(
        add.getErrorOutput().contains("docker.env_file '.env.hn' leads outside the repository"),
        add.getErrorOutput());
    assertEquals("precious\n", Files.readString(victim), "nothing written through the link");
    assertFalse(Files.exists(repo.worktree("e")), "the worktree was rolled back");

    // a state folder that is a link elsewhere: hn writes nothing there
    GitRepo clone = GitRepo.create(tmp, "linked-state");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(clone.root().resolve(".hn-state"), elsewhere);
    clone.git("add", ".hn-state");
    clone.git("commit", "-q", "-m", "state elsewhere");
    LaunchResult linked = hn.launch("-C", clone.root().toString(), "add", "x");
    assertEquals(1, linked.exitCode());
    assertTrue(
        linked.getErrorOutput().contains(".hn-state is a symbolic link"), linked.getErrorOutput());
    try (var files = Files.list(elsewhere)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void linksCommittedInsideTheStateFolderCannotCarryHnsWritesOut(QuarkusMainLauncher hn)
      throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("bashrc"), "precious\n");
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    Path linked = repo.root().resolve(".hn-state/worktrees/e/compose.yml");
    Files.createDirectories(linked.getParent());
    Files.createSymbolicLink(linked, victim);
    repo.git("add", "-f", ".hn-state");
    repo.git("commit", "-q", "-m", "a generated file that points elsewhere");
    LaunchResult add = hn.launch("-C", root, "add", "e");
    assertEquals(1, add.exitCode());
    assertTrue(add.getErrorOutput().contains("leads outside"), add.getErrorOutput());
    assertEquals("precious\n", Files.readString(victim), "nothing written through the link");
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)),
        "its permissions untouched");

    // the registry file itself as a link: hn opens nothing through it
    GitRepo other = GitRepo.create(tmp, "linked-db");
    Path victimDb = Files.writeString(outside.resolve("other.db"), "not yours\n");
    Files.createDirectories(other.root().resolve(".hn-state"));
    Files.createSymbolicLink(other.root().resolve(".hn-state/hn.db"), victimDb);
    other.git("add", "-f", ".hn-state");
    other.git("commit", "-q", "-m", "a registry that points elsewhere");
    LaunchResult ports =
        hn.launch("-C", other.root().toString(), "ports", "allocate", "x", "web:80");
    assertEquals(1, ports.exitCode());
    assertTrue(ports.getErrorOutput().contains("symbolic link"), ports.getErrorOutput());
    assertEquals("not yours\n", Files.readString(victimDb));
  }

  @Test
  void listDoesNotAskWhichComposeIsInstalledAndTheAnswerIsKept(QuarkusMainLauncher hn)
      throws Exception {
    // No compose_command: hn finds out (through HN_DOCKER's `compose version`) only when needed,
    // and keeps the answer (in the state folder) until the docker program changes.
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  project_name: \"{{repo_name}}-{{worktree_name}}\"\n");
    Path dockerLog = tmp.resolve("docker.log");
    Files.writeString(dockerLog, "");
    assertOk(hn.launch("-C", root, "list"));
    assertFalse(
        Files.readString(dockerLog).contains("compose version"), Files.readString(dockerLog));

    assertOk(hn.launch("-C", root, "add", "f"));
    LaunchResult info = hn.launch("-C", root, "info", "f");
    assertOk(info);
    assertTrue(
        info.getOutput().contains("fake-docker compose -p app-" + repo.hash() + "-f"),
        info.getOutput());
    assertEquals(
        1,
        Files.readString(dockerLog).lines().filter(l -> l.equals("compose version")).count(),
        "asked once, by add: " + Files.readString(dockerLog));
  }

  /** Counts the repository's allocations through hn. */
  record JsonPorts(QuarkusMainLauncher hn, String root) {
    int count() throws Exception {
      return json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size();
    }
  }
}
