/**
 * The MCP server at /mcp, driven by the MCP SDK's own client over Streamable HTTP against the Worker: the
 * tools it lists, each tool's answer (the REST API's JSON where a REST twin exists), tenancy (another
 * chatbot's ids answer not_found, its rows never count), and keys (missing, wrong or of the wrong kind
 * refused with the error envelope). Both protocol eras are exercised: the 2025 handshake most clients
 * speak today, and 2026-07-28.
 */
import { Client, StreamableHTTPClientTransport, type CallToolResult } from "@modelcontextprotocol/client";
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, conversations, workflowRuns } from "../../worker/db/schema";
import { createKey } from "../../worker/services/keys";
import { BASE, call, capture, type ErrorBody } from "../helpers/http";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createTenant, type Tenant } from "../helpers/tenant";
import readme from "../../README.md?raw";
import { syncIndex } from "../helpers/index-queue";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
/** Monday 1 June 2026, 00:00 UTC: the reviewed week is [T0, T0 + 7 days), the one before [T0 − 7 days, T0). */
const T0 = Date.UTC(2026, 5, 1);
const WEEK = { from: T0, to: T0 + 7 * D };

const TOOL_NAMES = ["analytics_overview", "analytics_sentiment", "get_conversation", "list_conversations", "list_workflow_runs", "list_workflows", "review_digest"];

/** A key of its own for each client, so no test shares another's rate budget. */
const freshKey = async (t: Tenant, kind: "read" | "admin" | "ingest" = "read") =>
  (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind, name: `mcp ${kind}` })).secret;

/** The SDK's client, its requests sent straight to the Worker under test. */
async function connect(key: string, era: "legacy" | "modern" = "legacy"): Promise<Client> {
  const client = new Client({ name: "openbat-test", version: "1.0.0" }, era === "modern" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {});
  const transport = new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: (url, init) => exports.default.fetch(new Request(url, init)),
  });
  await client.connect(transport);
  return client;
}

async function callTool<T = { data: unknown }>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError ?? false, `${name}: ${JSON.stringify(result.content)}`).toBe(false);
  // The same JSON for programs and for models.
  expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
  return result.structuredContent as T;
}

async function toolError(client: Client, name: string, args: Record<string, unknown>): Promise<ErrorBody["error"]> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError).toBe(true);
  return (result.structuredContent as unknown as ErrorBody).error;
}

const rest = async <T>(path: string, key: string) => {
  const res = await call(path, { key });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

/** A conversation captured through the API and analysed by the embedded analyzer; returns its id. */
async function converse(t: Tenant, externalId: string, content: string): Promise<string> {
  const res = await capture(t.ingestKey, { conversationId: externalId, messages: [{ role: "user", content }, { role: "assistant", content: "Let me look into that for you." }] });
  const { conversationId } = (await res.json()) as { conversationId: string };
  await syncIndex(conversationStub(env, t.chatbotId, externalId));
  return conversationId;
}

/** A webhook destination, a workflow on it and one failed run, made through the REST API like a customer would. */
async function workflowWithRun(t: Tenant, conversationId: string): Promise<{ workflowId: string; runId: string }> {
  const admin = t.adminKey;
  const destination = (await (await call("/api/v1/webhooks", { method: "POST", key: admin, json: { name: "d", url: "https://hooks.example.com/x" } })).json()) as { data: { id: string } };
  const workflow = (await (await call("/api/v1/workflows", { method: "POST", key: admin, json: { template: "hallucination_flag", destinationId: destination.data.id } })).json()) as { data: { id: string } };
  const runId = `run_${crypto.randomUUID().replaceAll("-", "")}`;
  await db.insert(workflowRuns).values({ id: runId, organizationId: t.organizationId, chatbotId: t.chatbotId, workflowId: workflow.data.id, conversationId, status: "failed", reason: "receiver answered 500", updatedAt: Date.now() });
  return { workflowId: workflow.data.id, runId };
}

let restoreOutbound: () => void;
let mine: Tenant;
let theirs: Tenant;
let myConversation: string;
let theirConversation: string;
let myWorkflow: { workflowId: string; runId: string };
let theirWorkflow: { workflowId: string; runId: string };

beforeAll(async () => {
  restoreOutbound = mockOutbound(() => new Response("ok"), PUBLIC_DNS).restore;
  mine = await createTenant();
  theirs = await createTenant();
  myConversation = await converse(mine, "mine-1", "This is useless, I want to cancel my subscription");
  theirConversation = await converse(theirs, "theirs-1", "Their private question about invoices");
  myWorkflow = await workflowWithRun(mine, myConversation);
  theirWorkflow = await workflowWithRun(theirs, theirConversation);
});
afterAll(() => restoreOutbound());

describe("MCP tools", () => {
  it("lists the seven read-only tools, each with the input schema of its REST twin", async () => {
    const client = await connect(await freshKey(mine));
    expect(client.getProtocolEra()).toBe("legacy");
    expect(client.getServerVersion()?.name).toBe("openbat");
    expect(client.getInstructions()).toContain("review_digest");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(tool.inputSchema.type, tool.name).toBe("object");
    }
    const list = tools.find((t) => t.name === "list_conversations")!.inputSchema as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(list.properties).sort()).toEqual(["country", "device", "externalId", "from", "language", "limit", "page", "status", "to", "user"]);
    expect(list.properties.limit).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    const get = tools.find((t) => t.name === "get_conversation")!.inputSchema as { required: string[] };
    expect(get.required).toEqual(["id"]);
    const runs = tools.find((t) => t.name === "list_workflow_runs")!.inputSchema as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(runs.required).toEqual(["workflowId"]);
    expect(runs.properties.status?.enum).toEqual(["pending", "triggered", "success", "failed", "skipped"]);
  });

  it("are the tools the README's MCP table documents, with the arguments it names", async () => {
    const client = await connect(await freshKey(mine));
    const section = readme.slice(readme.indexOf("\n## MCP\n"), readme.indexOf("\n## Live protocol\n"));
    const rows = [...section.matchAll(/^\| `(\w+)` \| (.*?) \|/gm)].map((m) => [m[1]!, m[2]!] as const);
    const { tools } = await client.listTools();
    expect(rows.map(([name]) => name).sort()).toEqual(TOOL_NAMES);
    for (const [name, args] of rows) {
      const named = [...new Set([...args.matchAll(/`(\w+)`/g)].map((m) => m[1]!))];
      const documented = named.filter((word) => /^[a-z][A-Za-z]*$/.test(word) && !/^(open|ended|hour|day|week|month|pending|triggered|success|failed|skipped)$/.test(word));
      const schema = tools.find((t) => t.name === name)!.inputSchema as { properties?: Record<string, unknown> };
      expect(documented.sort(), name).toEqual(Object.keys(schema.properties ?? {}).sort());
    }
  });

  it("answers list_conversations with the REST API's JSON for the same filters, and only this chatbot's conversations", async () => {
    const key = await freshKey(mine);
    const client = await connect(key);
    const all = await callTool<{ data: { id: string }[]; pagination: { total: number } }>(client, "list_conversations");
    expect(all).toEqual(await rest("/api/v1/conversations", key));
    expect(all.data.map((c) => c.id)).toEqual([myConversation]);
    const filtered = await callTool(client, "list_conversations", { status: "open", externalId: "mine-1", limit: 5 });
    expect(filtered).toEqual(await rest("/api/v1/conversations?status=open&externalId=mine-1&limit=5", key));
    const none = await callTool<{ data: unknown[] }>(client, "list_conversations", { externalId: "theirs-1" });
    expect(none.data).toEqual([]);
  });

  it("answers get_conversation with the messages and their analysis, as GET /api/v1/conversations/:id does", async () => {
    const key = await freshKey(mine);
    const client = await connect(key);
    const got = await callTool<{ data: { id: string; messages: { role: string; content: string; analysis: { sentiment?: { score: number } } | null }[] } }>(client, "get_conversation", {
      id: myConversation,
    });
    expect(got).toEqual(await rest(`/api/v1/conversations/${myConversation}`, key));
    expect(got.data.id).toBe(myConversation);
    expect(got.data.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    // The user message was analysed: its annotations come with it.
    expect(got.data.messages[0]!.analysis).not.toBeNull();
    const page = await callTool<{ data: { messages: unknown[]; messagesPage: { nextAfter: number | null } } }>(client, "get_conversation", { id: myConversation, limit: 1 });
    expect(page.data.messages).toHaveLength(1);
    expect(page.data.messagesPage.nextAfter).not.toBeNull();
  });

  it("answers analytics_overview and analytics_sentiment with the REST API's figures for the same range", async () => {
    const key = await freshKey(mine);
    const client = await connect(key);
    const range = { from: new Date(Date.now() - 7 * D).toISOString(), to: new Date(Date.now() + H).toISOString() };
    const query = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
    type Overview = { data: { range: unknown; kpis: Record<string, { value: number | null }> } };
    const overview = await callTool<Overview>(client, "analytics_overview", range);
    const restOverview = await rest<Overview>(`/api/v1/analytics/overview?${query}`, key);
    expect(overview.data.range).toEqual(restOverview.data.range);
    expect(overview.data.kpis).toEqual(restOverview.data.kpis);
    expect(overview.data.kpis.conversations!.value).toBe(1);
    const sentiment = await callTool(client, "analytics_sentiment", { ...range, interval: "week" });
    expect(sentiment).toEqual(await rest(`/api/v1/analytics/sentiment?${query}&interval=week`, key));
  });

  it("answers list_workflows and list_workflow_runs with the REST API's JSON", async () => {
    const key = await freshKey(mine);
    const client = await connect(key);
    const workflows = await callTool<{ data: { id: string }[] }>(client, "list_workflows");
    expect(workflows).toEqual(await rest("/api/v1/workflows", key));
    expect(workflows.data.map((w) => w.id)).toEqual([myWorkflow.workflowId]);
    const runs = await callTool<{ data: { id: string; status: string }[] }>(client, "list_workflow_runs", { workflowId: myWorkflow.workflowId, status: "failed" });
    expect(runs).toEqual(await rest(`/api/v1/workflows/${myWorkflow.workflowId}/runs?status=failed`, key));
    expect(runs.data.map((r) => [r.id, r.status])).toEqual([[myWorkflow.runId, "failed"]]);
  });

  it("serves 2026-07-28 clients too, and takes an admin key", async () => {
    const client = await connect(await freshKey(mine, "admin"), "modern");
    expect(client.getProtocolEra()).toBe("modern");
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    const workflows = await callTool<{ data: { id: string }[] }>(client, "list_workflows");
    expect(workflows.data.map((w) => w.id)).toEqual([myWorkflow.workflowId]);
  });
});

describe("MCP tenancy", () => {
  it("answers not_found for another chatbot's conversation, exactly as for one that does not exist", async () => {
    const client = await connect(await freshKey(mine));
    const theirs = await toolError(client, "get_conversation", { id: theirConversation });
    expect(theirs).toMatchObject({ code: "not_found", message: "conversation not found" });
    const unknown = await toolError(client, "get_conversation", { id: "0".repeat(64) });
    expect({ ...unknown, requestId: "" }).toEqual({ ...theirs, requestId: "" });
  });

  it("answers not_found for another chatbot's workflow, and never lists its workflows", async () => {
    const client = await connect(await freshKey(mine));
    expect(await toolError(client, "list_workflow_runs", { workflowId: theirWorkflow.workflowId })).toMatchObject({ code: "not_found", message: "workflow not found" });
    const workflows = await callTool<{ data: { id: string }[] }>(client, "list_workflows");
    expect(workflows.data.map((w) => w.id)).not.toContain(theirWorkflow.workflowId);
  });

  it("still serves the other chatbot its own conversation, so the not_found above is about tenancy", async () => {
    const client = await connect(await freshKey(theirs));
    const got = await callTool<{ data: { id: string } }>(client, "get_conversation", { id: theirConversation });
    expect(got.data.id).toBe(theirConversation);
  });
});

describe("MCP input and keys", () => {
  it("refuses input outside the tool's schema with an error naming the field", async () => {
    const client = await connect(await freshKey(mine));
    const over = (await client.callTool({ name: "list_conversations", arguments: { limit: 101 } })) as CallToolResult;
    expect(over.isError).toBe(true);
    expect((over.content[0] as { text: string }).text).toMatch(/^Input validation error: .*limit/);
    // An argument the tool does not take is refused too, not ignored.
    const unknown = (await client.callTool({ name: "list_conversations", arguments: { bogus: 1 } })) as CallToolResult;
    expect(unknown.isError).toBe(true);
    expect((unknown.content[0] as { text: string }).text).toMatch(/^Input validation error: .*bogus/);
    const range = await toolError(client, "analytics_sentiment", { from: 0, to: 2000 * D, interval: "day" });
    expect(range).toMatchObject({ code: "invalid_request", details: [{ field: "interval" }] });
  });

  it("words a refused argument as the REST API does: a left-out field is required, an empty one must not be empty", async () => {
    const client = await connect(await freshKey(mine));
    const refusal = async (name: string, args: Record<string, unknown>) => {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError).toBe(true);
      return (result.content[0] as { text: string }).text;
    };
    expect(await refusal("get_conversation", {})).toBe("Input validation error: Invalid arguments for tool get_conversation: id: required");
    expect(await refusal("list_workflow_runs", {})).toBe("Input validation error: Invalid arguments for tool list_workflow_runs: workflowId: required");
    expect(await refusal("list_workflow_runs", { workflowId: "" })).toBe("Input validation error: Invalid arguments for tool list_workflow_runs: workflowId: must not be empty");
    expect(await refusal("get_conversation", { id: "x", bogus: 1 })).toBe('Input validation error: Invalid arguments for tool get_conversation: Unrecognized key: "bogus"');
  });

  it("answers 401 with the error envelope for a missing or wrong key, and 403 for an ingest key", async () => {
    const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } };
    const post = (key?: string) => call("/mcp", { method: "POST", key, json: initialize, headers: { accept: "application/json, text/event-stream" } });
    for (const [key, status, code] of [
      [undefined, 401, "unauthorized"],
      ["ob_read_not-a-real-key", 401, "unauthorized"],
      [mine.ingestKey, 403, "forbidden"],
    ] as const) {
      const res = await post(key);
      expect(res.status, String(key)).toBe(status);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(code);
      expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    }
    // The SDK client does not connect, and passes the envelope's message on.
    await expect(connect("ob_read_not-a-real-key")).rejects.toThrow(/invalid, expired or revoked API key/);
    // A real key gets past the same request.
    expect((await post(await freshKey(mine))).status).toBe(200);
  });

  it("answers one tools/call sent on its own, without a handshake, as curl would send it", async () => {
    const res = await call("/mcp", {
      method: "POST",
      key: await freshKey(mine),
      json: { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "list_workflows", arguments: {} } },
      headers: { accept: "application/json, text/event-stream" },
    });
    expect(res.status).toBe(200);
    // As the README says: a server-sent event stream, the JSON-RPC answer on its `data:` line.
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const lines = (await res.text()).split("\n");
    expect(lines).toContain("event: message");
    const message = JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice(6)) as {
      id: number;
      result: { structuredContent: { data: { id: string }[] } };
    };
    expect(message.id).toBe(7);
    expect(message.result.structuredContent.data.map((w) => w.id)).toEqual([myWorkflow.workflowId]);
  });

  it("answers 406 to a request whose Accept names JSON alone, as the README warns", async () => {
    const res = await call("/mcp", {
      method: "POST",
      key: await freshKey(mine),
      json: { jsonrpc: "2.0", id: 8, method: "tools/call", params: { name: "list_workflows", arguments: {} } },
      headers: { accept: "application/json" },
    });
    expect(res.status).toBe(406);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/must accept both application\/json and text\/event-stream/);
  });

  it("counts every message of a JSON-RPC batch against the key's read limit, and runs none of a batch larger than what is left", async () => {
    // The test runner's read limit is 25 a minute (vitest.config.ts); a fresh key starts with all of it.
    const key = await freshKey(mine);
    const batch = (ids: number[]) =>
      call("/mcp", {
        method: "POST",
        key,
        json: ids.map((id) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "list_workflows", arguments: {} } })),
        headers: { accept: "application/json, text/event-stream" },
      });
    const first = await batch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(first.status).toBe(200);
    expect((await first.text()).match(/"id":\d+/g)).toHaveLength(20);
    // 5 reads are left: a batch of 6 is refused whole, in the error envelope, before the MCP SDK reads it.
    const refused = await batch([21, 22, 23, 24, 25, 26]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toBe("rate limit exceeded: a batch of 6 messages counts as 6 requests, more than this key has left; retry after 60 seconds");
    expect(body.error.requestId).toBe(refused.headers.get("x-request-id"));
  });

  it("answers 405 to GET and DELETE: the endpoint keeps no sessions", async () => {
    for (const method of ["GET", "DELETE"]) {
      const res = await call("/mcp", { method, key: mine.readKey });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(((await res.json()) as ErrorBody).error.code).toBe("method_not_allowed");
    }
  });
});
