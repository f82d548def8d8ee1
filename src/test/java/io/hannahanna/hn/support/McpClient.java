package io.hannahanna.hn.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The official TypeScript MCP client (`src/test/mcp/client.mjs`, installed by `.ci/run`) holding
 * one conversation with `hn mcp`: the calls in a JSON file, one result line each on stdout.
 */
public final class McpClient {
  private McpClient() {}

  public static GitRepo.Result converse(Path hn, Path client, Path repository, Path calls) {
    return GitRepo.exec(
        repository,
        List.of(
            "node",
            Path.of("src/test/mcp/client.mjs").toAbsolutePath().toString(),
            hn.toString(),
            repository.toString(),
            calls.toString()),
        Map.of("HN_MCP_CLIENT", client.toString()));
  }
}
