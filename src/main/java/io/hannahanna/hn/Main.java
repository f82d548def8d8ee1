package io.hannahanna.hn;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

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
    workingDirectory = System.getProperty("user.dir");
    System.setProperty("user.dir", System.getProperty("java.home"));
    Quarkus.run(PicocliRunner.class, args);
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
