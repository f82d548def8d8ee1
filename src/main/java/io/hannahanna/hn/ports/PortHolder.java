package io.hannahanna.hn.ports;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which process holds a local port, found as {@code ss -lnp} finds it: the listening socket's inode
 * in /proc/net/{tcp,udp}{,6}, then the process with a file descriptor on that socket. Empty when
 * the system cannot tell (not Linux, or the holder belongs to another user).
 */
public final class PortHolder {
  /** A process holding a port. */
  public record Holder(long pid, String command) {
    @Override
    public String toString() {
      return command + " (pid " + pid + ")";
    }
  }

  private static final Path PROC = Path.of("/proc");
  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";

  private PortHolder() {}

  public static Optional<Holder> of(int port, Protocol protocol) {
    Set<String> sockets = socketInodes(port, protocol);
    return sockets.isEmpty() ? Optional.empty() : processWithSocket(sockets);
  }

  private static Set<String> socketInodes(int port, Protocol protocol) {
    String name = protocol.id();
    String state = protocol == Protocol.TCP ? TCP_LISTEN : UDP_UNCONNECTED;
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    Set<String> inodes = new HashSet<>();
    for (String table : List.of(name, name + "6")) {
      try {
        for (String line : Files.readAllLines(PROC.resolve("net").resolve(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(state) && !f[9].equals("0")) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException e) {
        // no such table (no IPv6, or no /proc): the other tables still tell
      }
    }
    return inodes;
  }

  private static Optional<Holder> processWithSocket(Set<String> sockets) {
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (holdsAny(process, sockets)) {
          return Optional.of(
              new Holder(Long.parseLong(process.getFileName().toString()), command(process)));
        }
      }
    } catch (IOException e) {
      // no /proc: the system cannot tell
    }
    return Optional.empty();
  }

  private static boolean holdsAny(Path process, Set<String> sockets) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException e) {
          // closed while we looked
        }
      }
    } catch (IOException | SecurityException e) {
      // another user's process, or gone
    }
    return false;
  }

  private static String command(Path process) {
    try {
      return Files.readString(process.resolve("comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
