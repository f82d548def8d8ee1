package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.StandInDocker;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn add --sparse (and `sparse:` in config) and hn add --template. */
@HnTest
class SparseAndTemplatesTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private LaunchResult hn(QuarkusMainLauncher hn, String... args) {
    return WorktreeAcceptanceTest.in(hn, root, args);
  }

  private void commitAll() {
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "files");
  }

  private String repositoryState() {
    return repo.git("for-each-ref") + repo.git("worktree", "list", "--porcelain");
  }

  @Test
  void sparseChecksOutOnlyTheNamedFoldersAndTheCommandLineWinsOverConfig(QuarkusMainLauncher hn) {
    repo.write("api/x/f.txt", "1").write("web/f.txt", "2").write("docs/f.txt", "3");
    repo.write(".hannahanna.yml", "sparse: [docs]\n");
    commitAll();

    LaunchResult sparse = hn(hn, "add", "s", "--sparse", "api/x", "web/");
    assertOk(sparse);
    assertTrue(
        sparse.getErrorOutput().contains("Checked out only api/x, web (and the top-level files)"),
        sparse.getErrorOutput());
    Path s = repo.worktree("s");
    assertTrue(Files.exists(s.resolve("api/x/f.txt")));
    assertTrue(Files.exists(s.resolve("web/f.txt")));
    assertTrue(Files.exists(s.resolve("README.md")), "cone mode keeps the top-level files");
    assertFalse(Files.exists(s.resolve("docs")));
    assertEquals("api/x\nweb", GitRepo.gitIn(s, "sparse-checkout", "list"));
    assertEquals("", GitRepo.gitIn(s, "status", "--porcelain"));

    assertOk(hn(hn, "add", "c"));
    assertTrue(Files.exists(repo.worktree("c").resolve("docs/f.txt")));
    assertFalse(Files.exists(repo.worktree("c").resolve("api")));
  }

  @Test
  void sparsePathsMustStayInsideTheRepository(QuarkusMainLauncher hn) {
    String before = repositoryState();
    for (String bad : List.of("../outside", "/etc", "a/../../x", ".git", "a/*", "-x")) {
      LaunchResult add = hn(hn, "add", "w", "--sparse", bad);
      assertTrue(add.exitCode() != 0, bad);
      assertTrue(
          add.getErrorOutput().contains("--sparse") && add.getErrorOutput().contains(bad),
          add.getErrorOutput());
      assertFalse(Files.exists(repo.worktree("w")), bad);
    }
    repo.write(".hannahanna.yml", "sparse: ['../../home']\n");
    commitAll();
    String withConfig = repositoryState();
    LaunchResult fromConfig = hn(hn, "add", "w");
    assertEquals(1, fromConfig.exitCode());
    assertTrue(fromConfig.getErrorOutput().contains("sparse"), fromConfig.getErrorOutput());
    assertEquals(withConfig, repositoryState());
    assertFalse(before.isEmpty());
  }

  @AfterEach
  void forgetStandIn() {
    System.clearProperty("hn.docker");
  }

  @Test
  void aTemplatesFilesAreCopiedWithPlaceholdersAndModesAndItsConfigShapesThatAdd(
      QuarkusMainLauncher hn) throws Exception {
    StandInDocker docker = StandInDocker.in(tmp);
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    repo.write(
        ".hn-templates/full/.env.local",
        "NAME={{worktree_name}}\nBRANCH={{branch}}\nURL=http://localhost:{{port.web}}\n"
            + "OTHER={{ .Values.kept }}\n");
    repo.write(".hn-templates/full/bin/setup.sh", "#!/bin/sh\necho {{worktree_name}}\n");
    Files.setPosixFilePermissions(
        repo.root().resolve(".hn-templates/full/bin/setup.sh"),
        PosixFilePermissions.fromString("rwxr-x---"));
    byte[] binary = {0, 1, '{', '{', 'b', 'r', 'a', 'n', 'c', 'h', '}', '}', (byte) 0xff};
    Files.write(repo.root().resolve(".hn-templates/full/data.bin"), binary);
    repo.write(
        ".hn-templates/full/.hannahanna.yml",
        "docker:\n  enabled: true\n  compose_command: "
            + docker.compose()
            + "\nhooks:\n  post_create: echo made > from-template.txt\n");
    repo.write(".hn-templates/empty/keep.txt", "");
    commitAll();
    assertEquals(
        hn(hn, "templates", "--json").getOutput(),
        hn(hn, "templates", "list", "--json").getOutput(),
        "hannahanna's spelling");
    String show = hn(hn, "trust", "--show").getOutput();
    assertTrue(show.contains("templates.full.hooks.post_create"), show);
    assertTrue(show.contains("templates.full.docker.compose_command"), show);
    Trusted.config(repo.root());

    assertOk(hn(hn, "add", "a", "--template", "full"));
    Path a = repo.worktree("a");
    int port =
        json(hn(hn, "ports", "show", "a", "--json"))
            .get("allocations")
            .get(0)
            .get("hostPort")
            .asInt();
    assertEquals(
        "NAME=a\nBRANCH=a\nURL=http://localhost:" + port + "\nOTHER={{ .Values.kept }}\n",
        Files.readString(a.resolve(".env.local")));
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("bin/setup.sh"))));
    assertArrayEquals(binary, Files.readAllBytes(a.resolve("data.bin")));
    assertFalse(Files.exists(a.resolve(".hannahanna.yml.copy")));
    assertEquals("made\n", Files.readString(a.resolve("from-template.txt")));

    assertOk(hn(hn, "add", "b"));
    assertFalse(Files.exists(repo.worktree("b").resolve("from-template.txt")), "no template");
    assertFalse(Files.exists(repo.worktree("b").resolve(".env.local")));

    LaunchResult templates = hn(hn, "templates");
    String listed = templates.getOutput();
    assertTrue(listed.contains("full") && listed.contains("empty"), listed);
    assertTrue(
        templates.getErrorOutput().strip().endsWith("templates."), templates.getErrorOutput());
    assertEquals(
        listed.lines().count() + " templates.",
        templates.getErrorOutput().strip().lines().reduce((first, last) -> last).orElse(""));
    assertTrue(listed.contains("+ .hannahanna.yml"), listed);

    // a changed fragment needs trust again: its hook is skipped until then
    repo.write(".hn-templates/full/.hannahanna.yml", "hooks:\n  post_create: echo x > again.txt\n");
    LaunchResult changed = hn(hn, "add", "c", "--template", "full");
    assertOk(changed);
    assertFalse(Files.exists(repo.worktree("c").resolve("again.txt")), changed.getErrorOutput());
  }

  /**
   * hannahanna's layout, from its documentation: files under files/, ${HNHN_*} placeholders, a
   * description in README.md or the template's config; and `templates show` / `create`.
   */
  @Test
  void hannahannasTemplateLayoutShowAndCreate(QuarkusMainLauncher hn) throws Exception {
    repo.write(".hn-templates/svc/.hannahanna.yml", "template:\n  description: Backend service\n");
    repo.write(".hn-templates/svc/README.md", "# Backend microservice with Docker\n\nMore.\n");
    repo.write(
        ".hn-templates/svc/files/.env.example",
        "NAME=${HNHN_NAME}\nWHERE=${HNHN_PATH}\nBRANCH=${HNHN_BRANCH}\nKEEP=${HOME}\n");
    repo.write(".hn-templates/svc/files/scripts/setup.sh", "echo ${HNHN_NAME}\n");
    repo.write(".hn-templates/legacy/README.md", "# Old style\n");
    repo.write(".hn-templates/legacy/files/a.txt", "a\n");
    commitAll();
    Trusted.config(repo.root());

    assertOk(hn(hn, "add", "api", "--template", "svc"));
    Path api = repo.worktree("api");
    assertEquals(
        "NAME=api\nWHERE=" + api + "\nBRANCH=api\nKEEP=${HOME}\n",
        Files.readString(api.resolve(".env.example")));
    assertEquals("echo api\n", Files.readString(api.resolve("scripts/setup.sh")));
    assertFalse(Files.exists(api.resolve("files")), "the files/ folder's content, not the folder");

    LaunchResult show = hn(hn, "templates", "show", "svc");
    assertOk(show);
    assertTrue(show.getOutput().contains("Backend service"), show.getOutput());
    assertTrue(show.getOutput().contains("files/.env.example"), show.getOutput());
    JsonNode shown = json(hn(hn, "templates", "show", "legacy", "--json"));
    assertEquals("Old style", shown.get("description").asText(), "README.md's first line");
    assertEquals("hannahanna", shown.get("layout").asText());
    LaunchResult listed = hn(hn, "templates");
    assertTrue(listed.getOutput().contains("Backend service"), listed.getOutput());

    // a template from what was set up by hand in a worktree: its untracked and changed files
    Files.writeString(api.resolve("local.env"), "SECRET=${HNHN_NAME}\n");
    Files.writeString(api.resolve("README.md"), "changed here\n");
    LaunchResult created =
        hn(hn, "templates", "create", "mine", "--from", "api", "--description", "My setup");
    assertOk(created);
    assertTrue(
        Files.isRegularFile(repo.root().resolve(".hn-templates/mine/files/local.env")),
        created.getErrorOutput());
    assertOk(hn(hn, "add", "b", "--template", "mine"));
    assertEquals("SECRET=b\n", Files.readString(repo.worktree("b").resolve("local.env")));
    assertEquals("changed here\n", Files.readString(repo.worktree("b").resolve("README.md")));
    assertEquals(1, hn(hn, "templates", "create", "mine", "--from", "api").exitCode());
    assertEquals(1, hn(hn, "templates", "create", "../x", "--from", "api").exitCode());
  }

  @Test
  void templatesThatReachOutOrDoNotExistAreRefusedBeforeAnythingIsCreated(QuarkusMainLauncher hn)
      throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret\n");
    Files.createDirectories(repo.root().resolve(".hn-templates/linked"));
    Files.createSymbolicLink(
        repo.root().resolve(".hn-templates/linked/secret"), outside.resolve("secret"));
    Files.createSymbolicLink(repo.root().resolve(".hn-templates/whole"), outside);
    repo.write(".hn-templates/into-link/conf/app.yml", "x: 1\n");
    Files.createSymbolicLink(repo.root().resolve("conf"), outside);
    commitAll();
    String before = repositoryState();

    for (String template : List.of("linked", "whole", "nope", "../outside")) {
      LaunchResult add = hn(hn, "add", "w", "--template", template);
      assertEquals(1, add.exitCode(), template);
      assertTrue(
          add.getErrorOutput().contains("template") && add.getErrorOutput().contains(template),
          add.getErrorOutput());
      assertFalse(Files.exists(repo.worktree("w")), template);
      assertEquals(before, repositoryState(), template);
    }
    LaunchResult through = hn(hn, "add", "w", "--template", "into-link");
    assertEquals(1, through.exitCode());
    assertTrue(through.getErrorOutput().contains("symbolic link"), through.getErrorOutput());
    assertFalse(Files.exists(outside.resolve("app.yml")), "nothing written through the link");
    assertFalse(Files.exists(repo.worktree("w")));
    assertEquals(before, repositoryState());
  }
}
