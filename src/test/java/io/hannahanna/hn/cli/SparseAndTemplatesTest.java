package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn add --sparse (and `sparse:` in config) and hn add --template. */
@QuarkusMainTest
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
    String[] argv = new String[args.length + 2];
    argv[0] = "-C";
    argv[1] = root;
    System.arraycopy(args, 0, argv, 2, args.length);
    return hn.launch(argv);
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

    assertOk(hn(hn, "add", "s", "--sparse", "api/x", "web/"));
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
      assertFalse(add.getErrorOutput().isBlank(), bad);
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
}
