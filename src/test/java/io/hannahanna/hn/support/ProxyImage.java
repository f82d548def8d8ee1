package io.hannahanna.hn.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The proxy image the tests run: Debian's caddy (`apt-get install caddy`, as `.ci/run` does) and
 * the libraries `ldd` names, in an image of its own, since no registry can be reached.
 */
public final class ProxyImage {
  public static final String IMAGE = "hn-test-caddy:latest";
  private static final Path CADDY = Path.of("/usr/bin/caddy");

  private ProxyImage() {}

  /** Builds the image once per engine. */
  public static String require() {
    DockerEngine.require();
    if (DockerEngine.docker("image", "inspect", IMAGE).exit() == 0) {
      return IMAGE;
    }
    if (!Files.isExecutable(CADDY)) {
      fail("the proxy tests need Debian's caddy: apt-get install caddy");
    }
    try {
      Path dir = Files.createTempDirectory("hn-caddy-image");
      copy(CADDY, dir);
      GitRepo.Result ldd = GitRepo.exec(dir, List.of("ldd", CADDY.toString()), Map.of());
      for (String line : ldd.stdout().lines().toList()) {
        // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2
        // (0x…)"
        for (String word : line.strip().split("\\s+")) {
          if (word.startsWith("/")) {
            copy(Path.of(word), dir);
          }
        }
      }
      Files.writeString(
          dir.resolve("Dockerfile"),
          "FROM scratch\nCOPY root/ /\nENV PATH=/usr/bin\n"
              + "CMD [\"caddy\", \"run\", \"--config\", \"/etc/caddy/Caddyfile\","
              + " \"--adapter\", \"caddyfile\"]\n");
      GitRepo.Result built = DockerEngine.docker("build", "-q", "-t", IMAGE, dir.toString());
      if (built.exit() != 0) {
        fail("cannot build the proxy image: " + built.stderr());
      }
    } catch (IOException e) {
      fail("cannot build the proxy image: " + e);
    }
    return IMAGE;
  }

  private static void copy(Path file, Path dir) throws IOException {
    Path target = dir.resolve("root").resolve(file.toString().substring(1));
    Files.createDirectories(target.getParent());
    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
