/** The SDK's entry point: configuration, REST capture, conversation tokens and live conversations. */
import { Conversation, json, type LiveOptions } from "./conversation.js";
import { browserSession, env, inBrowser, type Logger, randomId, stableId } from "./environment.js";
import { postJson, type HttpOptions } from "./http.js";
import { FRAME_BUDGETS } from "./pacer.js";
import type { CaptureResult, Context, ConversationToken, OrganizationContext, RecordMessagesInput, UserContext } from "./types.js";

/**
 * How to reach OpenBat.
 * @example
 * const openbat = new OpenBat({ apiKey: "ob_live_…", baseUrl: "https://openbat.example.com" });
 */
export interface OpenBatOptions {
  /** `ob_live_…` on servers, `ob_pub_…` in browsers. Default: `OPENBAT_API_KEY`. */
  apiKey?: string;
  /** Where your OpenBat runs, e.g. `https://openbat.example.com`. Default: `OPENBAT_BASE_URL`. Without one the SDK stays disabled. */
  baseUrl?: string;
  /** `false` makes every call a no-op. Default: `OPENBAT_ENABLED` (`false`, `0`, `no` or `off` disable), else true. */
  enabled?: boolean;
  /** Further attempts of a REST call after network errors, 408, 429 and 5xx (default 2). */
  retries?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** A WebSocket class to use instead of the global one (Node 20: the `ws` package). */
  WebSocket?: unknown;
  /** Where failures are reported (default `console`); a logger that throws is ignored. */
  logger?: Logger;
}

/**
 * What a live conversation starts with.
 * @example openbat.connect({ conversationId: "support-8812", user: { id: "u-42" }, session: { country: "GB" } });
 */
export interface ConnectOptions extends Context, LiveOptions {
  /** Your id for the conversation. Server keys: made up when absent. Publishable keys: leave it out to get a fresh `pub_…` one. */
  conversationId?: string;
  /** A conversation token from your server (`createConversationToken`), or a function that fetches a fresh one for every connection attempt. */
  token?: string | (() => string | Promise<string>);
  /** Replay every message after this sequence number on the first connection too (0: the whole history). */
  after?: number;
}

/**
 * OpenBat's SDK. Every method is safe to call from a chatbot's hot path: nothing throws into your code
 * and nothing waits for the network unless you await it.
 * @example
 * import { OpenBat } from "openbat";
 * const openbat = new OpenBat({ apiKey: process.env.OPENBAT_API_KEY, baseUrl: "https://openbat.example.com" });
 * openbat.recordMessages({ conversationId: "support-8812", messages: [{ role: "user", content: "Hi!" }] });
 */
export class OpenBat {
  /** Whether calls do anything. */
  readonly enabled: boolean;
  private readonly key: string | undefined;
  private readonly base: string;
  private readonly log: Logger;
  private readonly options: OpenBatOptions;

  constructor(options: OpenBatOptions = {}) {
    this.options = options;
    // Reporting a failure must not become one: a logger that throws is ignored.
    const log = options.logger ?? console;
    const guard =
      (method: "warn" | "error") =>
      (...args: unknown[]) => {
        try {
          log[method](...args);
        } catch {
          // nothing sensible is left to do with it
        }
      };
    this.log = { warn: guard("warn"), error: guard("error") };
    this.key = options.apiKey ?? env("OPENBAT_API_KEY");
    this.base = (options.baseUrl ?? env("OPENBAT_BASE_URL") ?? "").replace(/\/+$/, "");
    const wanted = options.enabled ?? !/^(0|false|no|off)$/i.test(env("OPENBAT_ENABLED") ?? "");
    this.enabled = wanted && !!this.base;
    if (wanted && !this.base) this.log.warn("[openbat] no baseUrl (option or OPENBAT_BASE_URL): the SDK is disabled");
    if (this.key?.startsWith("ob_live_") && inBrowser()) {
      this.log.error(
        "[openbat] SECRET INGEST KEY IN A BROWSER: anyone can read it from this page and write into your analytics. " +
          "Use a publishable key (ob_pub_…) or a conversation token minted by your server, and revoke this key.",
      );
    }
  }

  /**
   * Records messages over REST (`POST /api/v1/capture`). Fire-and-forget: returns at once, never
   * throws and never rejects; failures are retried, then logged, and the promise resolves `null`.
   * Await it only where the runtime would otherwise cut it short (a Worker: `ctx.waitUntil(…)`).
   * A message without an `id` gets one derived from the conversation, its role, content, `sentAt`
   * and its position among identical messages of the call, so repeating a call never doubles it;
   * give an `id` or `sentAt` to keep two identical messages sent in separate calls apart.
   * @example
   * openbat.recordMessages({
   *   conversationId: "support-8812",
   *   messages: [
   *     { id: "m-1", role: "user", content: "I want to cancel my subscription" },
   *     { id: "m-2", role: "assistant", content: "Sorry to hear that — may I ask why?" },
   *   ],
   *   user: { id: "u-42", plan: "pro", mrr: 99 },
   * });
   */
  async recordMessages(input: RecordMessagesInput): Promise<CaptureResult | null> {
    const result = await this.request<CaptureResult>("/api/v1/capture", () => {
      const seen = new Map<string, number>();
      const messages = input.messages.map((m) => {
        if (m.id) return m;
        const basis = JSON.stringify([input.conversationId, m.role, m.content, m.sentAt ?? null]);
        const occurrence = seen.get(basis) ?? 0;
        seen.set(basis, occurrence + 1);
        return { ...m, id: stableId(basis + occurrence) };
      });
      const session = browserSession();
      return { ...input, messages, ...(session && { session: { ...session, ...input.session } }) };
    });
    // Stored, yet something deserves a look (an id reused for another message): said once, like a failure.
    for (const warning of result?.warnings ?? []) this.log.warn(`[openbat] ${warning}`);
    return result;
  }

  /**
   * Ends a conversation over REST (`POST /api/v1/capture/end`). Like `recordMessages`, never throws;
   * resolves whether it worked.
   * @example openbat.endConversation("support-8812");
   */
  endConversation(conversationId: string): Promise<boolean> {
    return this.request("/api/v1/capture/end", () => ({ conversationId })).then((r) => r !== null);
  }

  /**
   * Server side: mints a short-lived token that lets one browser open one conversation
   * (`POST /api/v1/conversation-tokens`, with your ingest key). Resolves `null` (and logs) on failure
   * or when disabled.
   * @example
   * // in your server's page handler
   * const grant = await openbat.createConversationToken({ conversationId: `support-${user.id}`, user: { id: user.id, email: user.email, plan: "pro" } });
   * // in the page: new OpenBat({ baseUrl }).connect({ token: grant.token })
   */
  async createConversationToken(
    options: { conversationId?: string; ttlSeconds?: number; user?: UserContext; organization?: OrganizationContext } = {},
  ): Promise<ConversationToken | null> {
    const answer = await this.request<{ data: ConversationToken }>("/api/v1/conversation-tokens", () => options);
    return answer?.data ?? null;
  }

  /**
   * Opens a live conversation over WebSocket. Returns at once; messages sent before the connection is
   * up are buffered. Server keys are offered as the `openbat` subprotocol, publishable keys go in
   * `?key=`, tokens in `?token=`. In browsers, page URL, referrer and device are added to the session.
   * @example
   * const conversation = openbat.connect({ conversationId: "support-8812", user: { id: "u-42" } });
   * conversation.on("annotation", (a) => console.log(a.analysis.sentiment?.label));
   * await conversation.send({ role: "user", content: "Where is my order?" });
   */
  connect(options: ConnectOptions = {}): Conversation {
    const { conversationId, token, after, user, organization, session, custom, ...live } = options;
    const key = this.key;
    const publishable = !token && key?.startsWith("ob_pub_");
    const inert = !this.enabled || (!token && !key);
    if (this.enabled && inert) this.log.warn("[openbat] connect() needs an apiKey or a token: this conversation records nothing");
    const browser = browserSession();
    const context: Context = { user, organization, custom, session: browser || session ? { ...browser, ...session } : undefined };
    const stated = Object.values(context).some((v) => v !== undefined);
    const base = this.base.replace(/^http/, "ws");
    return new Conversation(
      {
        log: this.log,
        inert,
        WebSocket: this.options.WebSocket,
        // The key rides as a subprotocol because browsers and Node's WebSocket cannot set headers.
        protocols: token || publishable ? undefined : ["openbat", key!],
        renewable: typeof token === "function",
        frames: token || publishable ? FRAME_BUDGETS.browser : FRAME_BUDGETS.server,
        refusal: async (url) => {
          const fetcher = this.options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
          // A plain GET: the server answers 426 to a credential it takes, 401/403 to one it refuses, 404 to a browser's
          // conversation id nobody opened (retrying would never find it), and says why.
          // Bounded: the first failure is reported only once this answers (conversation.ts, firstFailure).
          const res = await fetcher(url.replace(/^ws/, "http"), { headers: token || publishable ? {} : { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(5000) });
          if (res.status !== 401 && res.status !== 403 && res.status !== 404) return null;
          const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
          const message = typeof body?.error?.message === "string" ? body.error.message : res.statusText;
          return `the server refused the connection (HTTP ${res.status}): ${message}`;
        },
        url: async (id, seq) => {
          const query = new URLSearchParams();
          if (token) query.set("token", typeof token === "string" ? token : await token());
          else if (publishable) query.set("key", key!);
          if (seq !== undefined) query.set("after", String(seq));
          const path = id && !token ? `/${encodeURIComponent(id)}` : "";
          return `${base}/api/v1/live${path}${String(query) ? `?${query}` : ""}`;
        },
      },
      conversationId ?? (publishable || token ? undefined : randomId("c_")),
      stated ? json(context, this.log) : undefined,
      { ...live, after },
    );
  }

  /** A REST call that never throws: the body is built inside the guard, failures are logged. */
  private async request<T>(path: string, body: () => unknown): Promise<T | null> {
    if (!this.enabled) return null;
    try {
      if (!this.key) throw new Error("no apiKey (option or OPENBAT_API_KEY)");
      const http: HttpOptions = {
        fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
        baseUrl: this.base,
        apiKey: this.key,
        retries: this.options.retries ?? 2,
      };
      // Yield first so that building and sending the body never delays the caller's own work.
      await undefined;
      return await postJson<T>(http, path, body());
    } catch (error) {
      this.log.warn(`[openbat] ${path} failed:`, error instanceof Error ? error.message : error);
      return null;
    }
  }
}
