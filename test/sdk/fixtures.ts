import { env, exports } from "cloudflare:workers";
import { conversationStub } from "../../worker/services/conversation-stub";
import { BASE } from "../helpers/http";
import type { Tenant } from "../helpers/tenant";
import { testNetwork, type TestNetwork } from "../helpers/worker-websocket";
import { OpenBat, type Conversation, type ConversationEvents, type OpenBatOptions } from "../../sdk/src/index";

/** Sends the SDK's REST calls to the Worker under test instead of the internet. */
export const workerFetch: typeof fetch = (input, init) => exports.default.fetch(new Request(input, init));

/** A logger that keeps what the SDK reports, so tests can both silence and check it. */
export function recordingLogger() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
  return { lines, warn: keep, error: keep };
}

export interface Sdk {
  openbat: OpenBat;
  net: TestNetwork;
  log: ReturnType<typeof recordingLogger>;
}

/** An SDK wired to the Worker under test: REST through `exports.default.fetch`, sockets through a test network. */
export function sdk(apiKey: string | undefined, options: OpenBatOptions = {}): Sdk {
  const net = testNetwork();
  const log = recordingLogger();
  const openbat = new OpenBat({ apiKey, baseUrl: BASE, fetch: workerFetch, WebSocket: net.WebSocket, logger: log, ...options });
  return { openbat, net, log };
}

/** Reconnect at once in tests (a handful of milliseconds) and never ping. */
export const fast = { reconnect: { minDelayMs: 5, maxDelayMs: 20 }, heartbeatMs: 0 };

/** The next `type` event of a conversation. */
export function next<K extends keyof ConversationEvents>(conversation: Conversation, type: K): Promise<ConversationEvents[K]> {
  return new Promise((resolve) => {
    const off = conversation.on(type, (payload) => {
      off();
      resolve(payload);
    });
  });
}

/** Collects every `type` event of a conversation from now on. */
export function collect<K extends keyof ConversationEvents>(conversation: Conversation, type: K): ConversationEvents[K][] {
  const seen: ConversationEvents[K][] = [];
  conversation.on(type, (payload) => seen.push(payload));
  return seen;
}

/** What the conversation's Durable Object has stored. */
export async function stored(t: Tenant, externalId: string) {
  const snapshot = await conversationStub(env, t.chatbotId, externalId).read(t.chatbotId, { after: 0, limit: 1000 });
  return { messages: snapshot?.messages ?? [], state: snapshot?.state };
}
