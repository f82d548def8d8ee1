package io.hannahanna.hn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The yardstick for hn's start-up in {@link StartupBenchmark}: the same queries hn's commands make,
 * written as a minimal plain-Java program (picocli + sqlite-jdbc, no framework, no migrations).
 */
@Command(
    name = "ref",
    mixinStandardHelpOptions = true,
    version = "ref 1",
    subcommands = {ReferenceCli.Ports.class, ReferenceCli.ListWorktrees.class})
public class ReferenceCli {
  public static void main(String[] args) {
    System.exit(new CommandLine(new ReferenceCli()).execute(args));
  }

  @Command(name = "ports", subcommands = Ports.ListPorts.class)
  static class Ports {
    @Command(name = "list")
    static class ListPorts implements Callable<Integer> {
      @Override
      public Integer call() throws Exception {
        Path root = repositoryRoot();
        try (Connection c = open(root);
            PreparedStatement query =
                c.prepareStatement(
                    "SELECT a.worktree, a.service, a.container_port, a.host_port, a.protocol"
                        + " FROM port_allocations a JOIN repositories r ON r.id = a.repository_id"
                        + " WHERE r.root_path = ? ORDER BY a.worktree, a.service")) {
          query.setString(1, root.toString());
          ResultSet rs = query.executeQuery();
          System.out.println("WORKTREE  SERVICE  CONTAINER  HOST  PROTO");
          while (rs.next()) {
            System.out.printf(
                "%s  %s  %d  %d  %s%n",
                rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5));
          }
        }
        return 0;
      }
    }
  }

  @Command(name = "list")
  static class ListWorktrees implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Path root = repositoryRoot();
      String porcelain = git(root, "worktree", "list", "--porcelain");
      try (Connection c = open(root);
          PreparedStatement query =
              c.prepareStatement(
                  "SELECT w.name, w.path, w.parent FROM worktrees w"
                      + " JOIN repositories r ON r.id = w.repository_id WHERE r.root_path = ?")) {
        query.setString(1, root.toString());
        ResultSet rs = query.executeQuery();
        while (rs.next()) {
          boolean present = porcelain.contains("worktree " + rs.getString(2) + "\n");
          System.out.printf(
              "%s  %s  %s%s%n",
              rs.getString(1), rs.getString(3), rs.getString(2), present ? "" : "  (missing)");
        }
      }
      return 0;
    }
  }

  static Path repositoryRoot() throws IOException, InterruptedException {
    String commonDir =
        git(Path.of(""), "rev-parse", "--path-format=absolute", "--git-common-dir").strip();
    return Path.of(commonDir).getParent().toRealPath();
  }

  static Connection open(Path root) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + root.resolve(".hn-state/hn.db"));
  }

  static String git(Path dir, String... args) throws IOException, InterruptedException {
    String[] argv = new String[args.length + 1];
    argv[0] = "git";
    System.arraycopy(args, 0, argv, 1, args.length);
    Process p = new ProcessBuilder(argv).directory(dir.toAbsolutePath().toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("git " + args[0] + " failed");
    }
    return out;
  }
}
