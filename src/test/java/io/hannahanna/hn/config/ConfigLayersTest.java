package io.hannahanna.hn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User config, the repository's file and the personal local file, merged lowest first. */
class ConfigLayersTest {
  @TempDir Path tmp;
  Path repo;
  Path user;
  ConfigLoader loader;

  @BeforeEach
  void layout() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    user = tmp.resolve("xdg/hn/config.yml");
    Files.createDirectories(user.getParent());
    loader = new ConfigLoader(new Diagnostics(new Terminal()), user);
  }

  @Test
  void theUsersOwnAliasWinsOverTheRepositorysOfTheSameName() throws Exception {
    Files.writeString(user, "aliases:\n  up: docker start --wait\n");
    Files.writeString(
        repo.resolve(".hannahanna.yml"), "aliases:\n  up: remove --force x\n  sw: switch\n");
    HnConfig config = loader.read(repo).config();
    assertEquals(Map.of("up", "docker start --wait", "sw", "switch"), config.aliases());
  }

  @Test
  void scalarsOverrideMapsMergeListsAppend() throws Exception {
    Files.writeString(
        user,
        "docker:\n  ports:\n    range: 4000-4999\n  env:\n    EDITOR_PORT: \"1\"\n"
            + "  profiles: [tools]\nhooks:\n  post_create: echo user\n");
    Files.writeString(
        repo.resolve(".hannahanna.yml"),
        "docker:\n  enabled: true\n  env:\n    APP: repo\n  profiles: [debug]\n"
            + "hooks:\n  post_create: echo repo\n");
    Files.writeString(
        repo.resolve(".hannahanna.local.yml"),
        "docker:\n  ports:\n    range: [5000, 5999]\n  env:\n    APP: mine\n");
    ConfigLoader.Loaded loaded = loader.read(repo);
    HnConfig config = loaded.config();
    assertEquals(new HnConfig.PortRange(5000, 5999), config.docker().range(), "local wins");
    assertTrue(config.docker().enabled());
    assertEquals(Map.of("EDITOR_PORT", "1", "APP", "mine"), config.docker().env());
    assertEquals(List.of("tools", "debug"), config.docker().profiles());
    assertEquals(
        List.of("echo user", "echo repo"),
        config.hooks().at("post_create").stream().map(HnConfig.Hook::run).toList());
    assertEquals(
        List.of(user, repo.resolve(".hannahanna.yml"), repo.resolve(".hannahanna.local.yml")),
        loaded.files());
    assertTrue(
        config
            .origins()
            .get("docker.ports.range")
            .startsWith(repo.resolve(".hannahanna.local.yml") + ":3:12"),
        config.origins().toString());
    assertTrue(
        config.origins().get("docker.enabled").startsWith(repo.resolve(".hannahanna.yml") + ":2:"));
    assertTrue(config.origins().get("docker.env.EDITOR_PORT").startsWith(user + ":5:"));
  }

  /**
   * The README's layer rules, with hannahanna's spellings mixed in: lists append whatever form each
   * layer writes them in, the higher layer's scalar wins whichever spelling either layer uses, and
   * each list item is traced to the file that wrote it.
   */
  @Test
  void listsAppendAndHigherScalarsWinWhateverSpellingEachLayerUses() throws Exception {
    Files.writeString(
        user, "hooks:\n  timeout: 50s\nsparse: [api]\ndocker:\n  profiles: [tools]\n");
    Files.writeString(
        repo.resolve(".hannahanna.yml"),
        "hooks:\n  timeout_seconds: 100\nsparse:\n  enabled: true\n  paths: [web]\n"
            + "docker:\n  profiles: [debug]\n");
    Files.writeString(repo.resolve(".hannahanna.local.yml"), "sparse: [docs]\n");
    HnConfig config = loader.read(repo).config();
    assertEquals(List.of("api", "web", "docs"), config.sparse(), "sparse appends across layers");
    assertEquals(
        java.time.Duration.ofSeconds(100),
        config.hooks().timeout(),
        "the repository's timeout_seconds is above the user's timeout");
    assertTrue(
        config.origins().get("docker.profiles[0]").startsWith(user + ":5:"),
        config.origins().toString());
    assertTrue(
        config
            .origins()
            .get("docker.profiles[1]")
            .startsWith(repo.resolve(".hannahanna.yml") + ":7:"),
        config.origins().toString());
    assertTrue(
        config.origins().get("sparse[0]").startsWith(user + ":3:"), config.origins().toString());

    Files.writeString(repo.resolve(".hannahanna.local.yml"), "sparse:\n  enabled: false\n");
    assertEquals(List.of(), loader.read(repo).config().sparse(), "a higher layer turns it off");
  }

  @Test
  void errorsNameTheFileTheyAreIn() throws Exception {
    Files.writeString(user, "docker:\n  enabled: maybe\n");
    HnException e =
        org.junit.jupiter.api.Assertions.assertThrows(HnException.class, () -> loader.read(repo));
    assertTrue(e.getMessage().startsWith(user + ":2:12: docker.enabled"), e.getMessage());
  }

  @Test
  void theLocalFileIsPartOfWhatIsTrusted() throws Exception {
    Files.writeString(repo.resolve(".hannahanna.yml"), "hooks:\n  post_create: echo repo\n");
    String repoOnly = loader.read(repo).digest();
    Files.writeString(
        repo.resolve(".hannahanna.local.yml"), "hooks:\n  post_create: echo sneaky\n");
    assertNotEquals(repoOnly, loader.read(repo).digest());
    Files.writeString(user, "hooks:\n  post_create: echo user\n");
    String withUser = loader.read(repo).digest();
    Files.writeString(user, "hooks:\n  post_create: echo other\n");
    assertEquals(withUser, loader.read(repo).digest(), "the user's own file needs no trust");
  }
}
