package io.hannahanna.hn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native build cannot run on this machine (no GraalVM), so its configuration is checked here:
 * the Maven profile, the resources it must carry and the types Jackson reads by reflection.
 */
class NativeBuildConfigTest {

  @Test
  void mavenHasANativeProfileSwitchedOnByDashDNative() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    String profile = pom.substring(pom.indexOf("<id>native</id>"), pom.indexOf("</profile>"));
    assertTrue(profile.contains("<name>native</name>"), "activated by -Dnative");
    assertTrue(profile.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"), profile);
  }

  @Test
  void theNativeImageCarriesTheMigrations() throws Exception {
    Properties properties = new Properties();
    try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
      properties.load(in);
    }
    assertEquals("db/migration/*.sql", properties.getProperty("quarkus.native.resources.includes"));
  }

  @Test
  void everyRecordIsRegisteredForReflection() throws Exception {
    Set<String> registered =
        Set.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).classNames());
    Path classes = Path.of("target/classes");
    List<String> records;
    try (Stream<Path> files = Files.walk(classes)) {
      records =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
              .filter(NativeBuildConfigTest::isRecord)
              .toList();
    }
    assertTrue(records.size() > 30, records.toString());
    for (String record : records) {
      assertTrue(registered.contains(record), record + " is missing from NativeReflection");
    }
  }

  private static boolean isRecord(String name) {
    try {
      return Class.forName(name, false, NativeBuildConfigTest.class.getClassLoader()).isRecord();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
