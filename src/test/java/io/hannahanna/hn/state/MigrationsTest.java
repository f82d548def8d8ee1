package io.hannahanna.hn.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void schemaVersionConstantMatchesTheNewestMigration() throws Exception {
    Pattern versioned = Pattern.compile("V(\\d+)__.+\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(Path.of("migrations"))) {
      newest =
          files
              .map(p -> versioned.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElse(0);
    }
    assertEquals(newest, Migrations.SCHEMA_VERSION);
  }
}
