package io.hannahanna.hn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.state.SqliteNativeLibrary;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run: real commands on a throwaway repository, nothing left behind. */
@HnTest
class LauncherTrainingTest {

  @TempDir Path tmp;

  @Test
  void runsQuietlyRemovesItsRepositoryAndKeepsSqlitesLibrary(QuarkusMainLauncher hn)
      throws Exception {
    List<Path> before = trainingFolders();
    System.setProperty(SqliteNativeLibrary.DIR_PROPERTY, tmp.toString());
    try {
      LaunchResult result = hn.launch("launcher-training");
      assertEquals(0, result.exitCode(), result.getErrorOutput());
      assertEquals("", result.getOutput());
    } finally {
      System.clearProperty(SqliteNativeLibrary.DIR_PROPERTY);
      System.clearProperty("org.sqlite.lib.path");
      System.clearProperty("org.sqlite.lib.name");
    }
    assertEquals(before, trainingFolders());
    try (Stream<Path> kept = Files.walk(tmp)) {
      assertEquals(
          List.of(System.mapLibraryName("sqlitejdbc")),
          kept.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void refusesToTouchASharedRegistry(QuarkusMainLauncher hn) {
    System.setProperty("hn.registry", "/tmp/not-to-be-touched.db");
    try {
      LaunchResult result = hn.launch("launcher-training");
      assertEquals(1, result.exitCode());
      assertTrue(result.getErrorOutput().contains("unset HN_REGISTRY"), result.getErrorOutput());
      assertEquals(false, Files.exists(Path.of("/tmp/not-to-be-touched.db")));
    } finally {
      System.clearProperty("hn.registry");
    }
  }

  private static List<Path> trainingFolders() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("hn-training")).toList();
    }
  }
}
