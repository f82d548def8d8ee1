package io.hannahanna.hn;

import io.hannahanna.hn.cli.HnApplication;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * hn runs inside other people's checkouts, whose `.env` and `config/application.properties`
 * configure their app, not hn. Quarkus reads both from the folder in the `user.dir` property while
 * it starts, so hn points that property at the JDK's folder until its configuration is built. The
 * working directory itself does not change (paths resolve as before).
 */
@QuarkusMain
public class Main {
  private static String workingDirectory;

  public static void main(String... args) {
    StartupProfile.mainReached();
    workingDirectory = System.getProperty("user.dir");
    System.setProperty(
        "user.dir",
        neutralFolder(
            System.getProperty("java.home"), () -> ProcessHandle.current().info().command()));
    Quarkus.run(HnApplication.class, args);
  }

  /**
   * A folder that holds no app's configuration: the JDK's, or in a native image (no `java.home`)
   * the executable's own folder, else the file system's root.
   */
  static String neutralFolder(String javaHome, Supplier<Optional<String>> executable) {
    if (javaHome != null) {
      return javaHome;
    }
    return executable.get().map(Path::of).map(Path::getParent).map(Path::toString).orElse("/");
  }

  /** Puts `user.dir` back once the configuration is built, before any command runs. */
  @Singleton
  static class RestoreWorkingDirectory {
    void restore(@Observes StartupEvent started) {
      if (workingDirectory != null) {
        System.setProperty("user.dir", workingDirectory);
      }
    }
  }
}
