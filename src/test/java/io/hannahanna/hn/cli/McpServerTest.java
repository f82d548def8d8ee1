package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `hn mcp` in this JVM, spoken to line by line over its stdin and stdout as the protocol says: the
 * tool calls run hn's command lines, and hostile arguments are tool errors that change nothing.
 * (McpIT holds the conversation with the official TypeScript client against the packaged hn.)
 */
@HnTest
class McpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void toolCallsRunHnAndHostileArgumentsAreToolErrors(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "feat"));
    Files.writeString(repo.worktree("feat").resolve("dirty.txt"), "work\n");

    try (Conversation mcp = new Conversation(hn, root)) {
      JsonNode init =
          mcp.ask(
              "initialize",
              "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}");
      assertEquals("hn", init.at("/result/serverInfo/name").asText());
      mcp.tell("notifications/initialized");

      List<String> tools = new ArrayList<>();
      mcp.ask("tools/list", "{}")
          .at("/result/tools")
          .forEach(t -> tools.add(t.get("name").asText()));
      assertEquals(McpTools.ALL.stream().map(McpTools.Tool::name).toList(), tools);

      JsonNode list = mcp.call("list", "{}");
      assertFalse(list.at("/result/isError").asBoolean(), list.toString());
      assertEquals("feat", list.at("/result/structuredContent/worktrees/1/name").asText());

      JsonNode env = mcp.call("env", "{\"name\":\"feat\"}");
      assertEquals("feat", env.at("/result/structuredContent/WT_NAME").asText(), env.toString());

      assertToolError(
          mcp.call("info", "{\"name\":\"--help\"}"), "must not be empty, start with '-'");
      assertToolError(mcp.call("info", "{\"name\":7}"), "must be a string");
      assertToolError(mcp.call("create", "{\"name\":\"../escape\"}"), "../escape");
      assertToolError(mcp.call("create", "{\"name\":\"x\",\"docker\":\"yes\"}"), "true or false");
      assertToolError(
          mcp.call("create", "{\"name\":\"x\",\"context\":\"--host=tcp://evil\"}"),
          "must not be empty, start with '-'");
      assertToolError(
          mcp.call("create", "{\"name\":\"x\",\"context\":\"no-such-engine\"}"),
          "no docker context 'no-such-engine'");
      assertFalse(Files.exists(repo.worktree("x")), "nothing created");
      assertToolError(mcp.call("docker_logs", "{\"name\":\"feat\",\"tail\":0}"), "from 1 to");
      assertToolError(mcp.call("sync", "{}"), "'name' is required");
      assertToolError(mcp.call("remove", "{\"name\":\"feat\"}"), "uncommitted");
      assertTrue(Files.exists(repo.worktree("feat")), "refused removals remove nothing");
      assertFalse(Files.exists(tmp.resolve("escape")));

      JsonNode removed = mcp.call("remove", "{\"name\":\"feat\",\"force\":true}");
      assertFalse(removed.at("/result/isError").asBoolean(), removed.toString());
      assertFalse(Files.exists(repo.worktree("feat")));
      assertEquals(0, mcp.end().exitCode());
    }
  }

  private static void assertToolError(JsonNode reply, String said) {
    assertTrue(reply.at("/result/isError").asBoolean(), reply.toString());
    String text = reply.at("/result/content/0/text").asText();
    assertTrue(text.contains(said), text);
    assertFalse(text.startsWith("hn: "), "hn's message without its prefix: " + text);
  }

  /** A client's side of stdio: requests into hn's stdin, one reply line at a time from stdout. */
  private static final class Conversation implements AutoCloseable {
    private final InputStream oldIn = System.in;
    private final PrintStream oldOut = System.out;
    private final PipedOutputStream requests = new PipedOutputStream();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<LaunchResult> server;
    private int id;

    Conversation(QuarkusMainLauncher hn, String root) throws Exception {
      System.setIn(new PipedInputStream(requests, 1 << 16));
      System.setOut(new PrintStream(new Lines(replies), true, UTF_8));
      server = thread.submit(() -> hn.launch("-C", root, "mcp"));
    }

    JsonNode ask(String method, String params) throws Exception {
      int sent = ++id;
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + sent
              + ",\"method\":\""
              + method
              + "\",\"params\":"
              + params
              + "}");
      while (true) {
        String line = replies.poll(60, TimeUnit.SECONDS);
        assertNotNull(line, "no reply to " + method);
        JsonNode reply = JSON.readTree(line);
        if (reply.path("id").asInt() == sent) {
          return reply;
        }
      }
    }

    JsonNode call(String tool, String arguments) throws Exception {
      return ask("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    void tell(String method) throws Exception {
      send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
    }

    private void send(String line) throws Exception {
      requests.write((line + "\n").getBytes(UTF_8));
      requests.flush();
    }

    LaunchResult end() throws Exception {
      requests.close(); // the client closes stdin: hn mcp ends
      return server.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws java.io.IOException {
      requests.close();
      thread.shutdownNow();
      System.setIn(oldIn);
      System.setOut(oldOut);
    }
  }

  /** An OutputStream that hands on each line written to it. */
  private static final class Lines extends OutputStream {
    private final BlockingQueue<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Lines(BlockingQueue<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(line.toString(UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
  }
}
