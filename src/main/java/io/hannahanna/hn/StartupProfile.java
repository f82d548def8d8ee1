package io.hannahanna.hn;

import java.lang.management.ManagementFactory;

/**
 * With HN_PROFILE set, one line on stderr as hn exits: the wall-clock times (epoch milliseconds) at
 * which it reached {@code main} and its command (0 when it never did), when it began to exit, and
 * how many classes the JVM loaded. StartupBenchmark reads it to see where a command's start goes.
 */
public final class StartupProfile {
  private static volatile long main;
  private static volatile long command;

  private StartupProfile() {}

  static void mainReached() {
    if (System.getenv("HN_PROFILE") != null) {
      main = System.currentTimeMillis();
      Runtime.getRuntime().addShutdownHook(new Thread(StartupProfile::report));
    }
  }

  /** Picocli is about to run the command (or print its help or version). */
  public static void commandReached() {
    if (main != 0 && command == 0) {
      command = System.currentTimeMillis();
    }
  }

  private static void report() {
    long exit = System.currentTimeMillis();
    long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    System.err.printf(
        "hn-profile: main=%d call=%d exit=%d classes=%d%n", main, command, exit, classes);
  }
}
