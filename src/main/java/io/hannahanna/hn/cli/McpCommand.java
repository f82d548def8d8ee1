package io.hannahanna.hn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve this repository's worktrees to agents over the Model Context Protocol (stdio).",
      "A Model Context Protocol server on stdin/stdout, for coding agents: one JVM for all their",
      "calls. Tools: list, info, create (docker, seed, template, branch, from, context), remove",
      "(force), env, ports, docker_status, docker_start, docker_stop, docker_logs (tail), sync.",
      "Each call runs the hn command line it stands for, with the same checks and trust; an error",
      "is a tool error with hn's message. Ends when the client closes stdin."
    },
    footer = {
      "",
      "Example (an agent's MCP configuration):",
      "  {\"mcpServers\": {\"hn\": {\"command\": \"hn\", \"args\": [\"-C\", \"/src/shop\", \"mcp\"]}}}"
    })
public class McpCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HnApplication application;
  private final Workspace workspace;

  @Mixin Output output;

  public McpCommand(HnApplication application, Workspace workspace) {
    this.application = application;
    this.workspace = workspace;
  }

  @Override
  public Integer call() throws InterruptedException {
    Path root = workspace.repo().root(); // outside a repository: hn's usual error, before serving
    PrintStream protocol = System.out;
    System.setOut(System.err); // only the protocol may write to stdout from now on
    CountDownLatch closed = new CountDownLatch(1);
    InputStream in = countingDownAtTheEnd(System.in, closed);
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(JSON);
    // each call in a thread of its own making: a fresh invocation scope, as for a new process
    ExecutorService calls = Executors.newSingleThreadExecutor();
    McpServer.SyncSpecification<?> spec =
        McpServer.sync(new StdioServerTransportProvider(mapper, in, protocol))
            .serverInfo("hn", new VersionProvider().getVersion()[0].replaceFirst("^hn ", ""))
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    for (McpTools.Tool tool : McpTools.ALL) {
      spec.toolCall(
          McpSchema.Tool.builder()
              .name(tool.name())
              .description(tool.description())
              .inputSchema(mapper, tool.schema())
              .build(),
          (exchange, request) -> call(calls, root, tool, request.arguments()));
    }
    McpSyncServer server = spec.build();
    try {
      closed.await();
      server.closeGracefully();
    } finally {
      calls.shutdownNow();
      System.setOut(protocol);
    }
    return ExitCode.OK;
  }

  /** The client's requests; the latch opens when the client closes them. */
  private static InputStream countingDownAtTheEnd(InputStream in, CountDownLatch closed) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          closed.countDown();
        }
        return n;
      }
    };
  }

  private McpSchema.CallToolResult call(
      ExecutorService calls, Path root, McpTools.Tool tool, Map<String, Object> args) {
    try {
      return calls.submit(() -> run(root, tool, args)).get();
    } catch (ExecutionException e) {
      return error(e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("interrupted");
    }
  }

  private McpSchema.CallToolResult run(Path root, McpTools.Tool tool, Map<String, Object> args)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("-C", root.toString()));
    try {
      argv.addAll(McpTools.argv(tool.name(), args));
    } catch (HnException e) {
      return error(e.getMessage());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        application.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    if (code != ExitCode.OK) {
      return error(err.toString());
    }
    McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder();
    String text = out.toString().strip();
    if (tool.json()) {
      result.structuredContent(JSON.readValue(text, Map.class));
    }
    String said = err.toString().strip();
    return result.addTextContent(said.isEmpty() ? text : text + "\n" + said).build();
  }

  /** hn's own message, without the `hn: ` in front of each line. */
  private static McpSchema.CallToolResult error(String message) {
    String text = message == null ? "failed" : message.strip().replaceAll("(?m)^hn: ", "");
    return McpSchema.CallToolResult.builder().isError(true).addTextContent(text).build();
  }
}
