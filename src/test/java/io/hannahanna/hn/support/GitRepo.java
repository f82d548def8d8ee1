package io.hannahanna.hn.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temporary folder, with one commit on branch main. */
public final class GitRepo {
  private final Path root;

  private GitRepo(Path root) {
    this.root = root;
  }

  /** Creates `<parent>/app` as a repository; worktrees land in `<parent>/app-worktrees`. */
  public static GitRepo create(Path parent) {
    return create(parent, "app");
  }

  public static GitRepo create(Path parent, String name) {
    Path root = parent.resolve(name);
    try {
      Files.createDirectories(root);
      GitRepo repo = new GitRepo(root.toRealPath());
      repo.git("init", "-q", "-b", "main");
      repo.git("config", "user.email", "test@example.com");
      repo.git("config", "user.name", "Test");
      repo.git("config", "commit.gpgsign", "false");
      repo.write("README.md", "sample\n");
      repo.git("add", "README.md");
      repo.git("commit", "-q", "-m", "initial");
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  /** hn's part of every compose project name of this repository: six hex digits of its path. */
  public String hash() {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(root.toString().getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path worktree(String name) {
    return root.resolveSibling(root.getFileName() + "-worktrees").resolve(name);
  }

  public GitRepo write(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String git(String... args) {
    return gitIn(root, args);
  }

  /** Runs git in a folder and fails the test when git fails. */
  public static String gitIn(Path dir, String... args) {
    Result result = run(dir, args);
    assertEquals(0, result.exit(), "git " + String.join(" ", args) + ": " + result.stderr());
    return result.stdout().strip();
  }

  /** The result of a finished process. */
  public record Result(int exit, String stdout, String stderr) {}

  public static Result run(Path dir, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    return exec(dir, argv, java.util.Map.of());
  }

  /** Runs a program, captures its output; stdin is closed. */
  public static Result exec(Path dir, List<String> argv, java.util.Map<String, String> env) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
      builder.environment().putAll(env);
      Path out = Files.createTempFile("out", ".txt");
      Path err = Files.createTempFile("err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      int exit = builder.start().waitFor();
      Result result =
          new Result(
              exit,
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
