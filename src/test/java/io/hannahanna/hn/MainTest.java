package io.hannahanna.hn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where Quarkus starts, so that it reads no `.env` of the checkout: the JDK's folder on a JVM; in a
 * native image, which has no `java.home`, the executable's folder.
 */
class MainTest {
  @Test
  void theJdksFolderOnAJvm() {
    assertEquals("/opt/jdk", Main.neutralFolder("/opt/jdk", () -> Optional.of("/usr/bin/java")));
  }

  @Test
  void aNativeImageHasNoJavaHomeAndStartsInItsOwnFolder() {
    assertEquals(
        "/usr/local/bin", Main.neutralFolder(null, () -> Optional.of("/usr/local/bin/hn")));
    assertEquals("/", Main.neutralFolder(null, Optional::empty));
  }
}
