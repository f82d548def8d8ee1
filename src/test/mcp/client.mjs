// A Model Context Protocol conversation with `hn mcp`, driven by the official TypeScript SDK
// (@modelcontextprotocol/sdk, from npm; hn's tests did not write it). Usage:
//   NODE_PATH=<dir with node_modules> node client.mjs <hn> <repository> <calls.json>
// calls.json: [{"tool": "...", "arguments": {...}}, ...]. Prints one JSON line per step: the
// tools offered, then each call's result (isError, text, structuredContent).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [hn, repository, callsFile] = process.argv.slice(2);
const require = createRequire(path.join(process.env.HN_MCP_CLIENT, "node_modules", "x.js"));
const { Client } = await import(require.resolve("@modelcontextprotocol/sdk/client/index.js"));
const { StdioClientTransport } = await import(
  require.resolve("@modelcontextprotocol/sdk/client/stdio.js")
);

const transport = new StdioClientTransport({
  command: hn,
  args: ["-C", repository, "mcp"],
  env: process.env,
  stderr: "inherit",
});
const client = new Client({ name: "hn-test", version: "1.0.0" });
await client.connect(transport);
const tools = await client.listTools();
console.log(JSON.stringify({ tools: tools.tools.map((t) => t.name) }));
for (const call of JSON.parse(readFileSync(callsFile, "utf8"))) {
  const started = process.hrtime.bigint();
  const result = await client.callTool({ name: call.tool, arguments: call.arguments ?? {} });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    JSON.stringify({
      tool: call.tool,
      ms,
      isError: result.isError ?? false,
      text: result.content.map((c) => c.text).join("\n"),
      structuredContent: result.structuredContent ?? null,
    })
  );
}
await client.close();
