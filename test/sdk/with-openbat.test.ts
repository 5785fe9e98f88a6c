import { convertToModelMessages, simulateReadableStream, stepCountIs, streamText, tool, type UIMessage } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withOpenBat, type WithOpenBatOptions } from "../../sdk/src/ai";
import { createTenant } from "../helpers/tenant";
import { sdk, stored } from "./fixtures";

// The chunks a language model streams, in the AI SDK's provider format (LanguageModelV4StreamPart).
type ModelChunk = Record<string, unknown> & { type: string };
const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};
const finish: ModelChunk = { type: "finish", finishReason: { unified: "stop", raw: undefined }, logprobs: undefined, usage };
const text = (...deltas: string[]): ModelChunk[] => [
  { type: "text-start", id: "t1" },
  ...deltas.map((delta) => ({ type: "text-delta", id: "t1", delta })),
  { type: "text-end", id: "t1" },
];

/** A mock model that streams `chunks` from `stream` (simulated, or one the test drives by hand). */
const mockModel = (stream: () => ReadableStream<ModelChunk>) => new MockLanguageModelV4({ doStream: async () => ({ stream: stream() as never }) });
const simulated = (chunks: ModelChunk[]) => () => simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs: null });

/** A model stream the test feeds chunk by chunk; `started` resolves once the AI SDK has asked for it. */
function handDriven() {
  let begin!: (c: ReadableStreamDefaultController<ModelChunk>) => void;
  const started = new Promise<ReadableStreamDefaultController<ModelChunk>>((resolve) => (begin = resolve));
  const source = () => new ReadableStream<ModelChunk>({ start: (c) => begin(c) });
  return { source, started };
}

const history: UIMessage[] = [
  { id: "u-1", role: "user", parts: [{ type: "text", text: "Hi" }] },
  { id: "a-1", role: "assistant", parts: [{ type: "text", text: "Hello! How can I help?" }] },
  { id: "u-2", role: "user", parts: [{ type: "text", text: "I want to cancel my subscription" }] },
];

/** What a Next.js route returns: the AI SDK's UI message stream response for `history`. */
async function chatResponse(model: MockLanguageModelV4, options: { abortSignal?: AbortSignal } = {}): Promise<Response> {
  const result = streamText({ model, messages: await convertToModelMessages(history), abortSignal: options.abortSignal });
  return result.toUIMessageStreamResponse({ originalMessages: history, generateMessageId: () => "reply-1" });
}

/** Wraps like an integrator on Workers would, keeping the background recording to await in the test. */
function wrap(response: Response, options: Omit<WithOpenBatOptions, "messages" | "waitUntil"> & { messages?: WithOpenBatOptions["messages"] }) {
  const background: Promise<unknown>[] = [];
  const wrapped = withOpenBat(response, { messages: history, waitUntil: (p) => background.push(p), ...options });
  return { wrapped, recorded: () => Promise.all(background) };
}

/** Event-loop turns (macrotasks) until `promise` settles: a clock that workerd cannot blur. */
async function turnsUntil<T>(promise: Promise<T>): Promise<{ turns: number; value: T }> {
  let settled = false;
  let value!: T;
  void promise.then((v) => {
    settled = true;
    value = v;
  });
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    turns++;
  }
  return { turns, value };
}

describe("withOpenBat around a Vercel AI SDK stream", () => {
  it("records the streamed turn once: the last user message and the assistant's text, with stable ids", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const model = mockModel(simulated([...text("Sorry to hear that", " — may I ask why?"), finish]));
    const first = wrap(await chatResponse(model), { openbat, conversationId: "ai-turn", user: { id: "u-42" } });
    await first.wrapped.text();
    await first.recorded();
    // The same request again (a retry, a refresh): the same ids, nothing added.
    const again = wrap(await chatResponse(model), { openbat, conversationId: "ai-turn", user: { id: "u-42" } });
    await again.wrapped.text();
    await again.recorded();

    const { messages, state } = await stored(t, "ai-turn");
    expect(messages.map((m) => [m.id, m.role, m.content])).toEqual([
      ["u-2", "user", "I want to cancel my subscription"],
      ["reply-1", "assistant", "Sorry to hear that — may I ask why?"],
    ]);
    expect(state?.user).toMatchObject({ id: "u-42" });
  });

  it("hands the integrator the same status, headers and bytes as the unwrapped response", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const model = mockModel(simulated([...text("Of course", ", one moment."), finish]));
    const plain = await chatResponse(model);
    const { wrapped, recorded } = wrap(await chatResponse(model), { openbat, conversationId: "ai-bytes" });
    expect(wrapped.status).toBe(plain.status);
    expect([...wrapped.headers]).toEqual([...plain.headers]);
    expect(wrapped.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(await wrapped.text()).toBe(await plain.text());
    await recorded();
  });

  it("delivers every chunk in the same event-loop turn as the unwrapped stream", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    /** Drives a model by hand and counts, per chunk the model emits, the turns until the reader has it. */
    const measure = async (wrapIt: boolean) => {
      const model = handDriven();
      const response = await chatResponse(mockModel(model.source));
      const body = wrapIt ? wrap(response, { openbat, conversationId: "ai-timing" }).wrapped : response;
      const reader = body.body!.getReader();
      const decoder = new TextDecoder();
      /** Turns until a chunk with this part type arrives (the stream's own opening parts may come first). */
      const arrival = async (type: string) => {
        let turns = 0;
        for (;;) {
          const read = await turnsUntil(reader.read());
          turns += read.turns;
          if (decoder.decode(read.value.value).includes(`"type":"${type}"`)) return turns;
        }
      };
      const first = arrival("start");
      const controller = await model.started;
      const turns = [await first];
      for (const chunk of text("Sorry", " to hear that")) {
        controller.enqueue(chunk);
        turns.push(await arrival(chunk.type));
      }
      controller.enqueue(finish);
      controller.close();
      while (!(await reader.read()).done);
      return turns;
    };
    const unwrapped = await measure(false);
    const wrapped = await measure(true);
    expect(wrapped).toHaveLength(5);
    expect(wrapped).toEqual(unwrapped);
  });

  it("reads the route's body only as fast as the visitor reads the response", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>(
      { pull: (c) => void (pulls++, c.enqueue(new TextEncoder().encode(`chunk ${pulls}\n`))) },
      { highWaterMark: 0 },
    );
    const { wrapped } = wrap(new Response(source), { openbat, conversationId: "ai-pace" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pulls).toBe(0);
    const reader = wrapped.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("chunk 1\n");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pulls).toBe(1);
    await reader.cancel();
  });

  it("records what the visitor received when they leave mid-answer, and cancels the wrapped body as the runtime would have", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const model = handDriven();
    const original = await chatResponse(mockModel(model.source));
    // The route's own response body, watched: does the visitor's cancel reach it?
    let cancelled: unknown;
    const upstream = original.body!.getReader();
    const watched = new ReadableStream<Uint8Array>({
      pull: async (c) => {
        const next = await upstream.read();
        if (next.done) c.close();
        else c.enqueue(next.value);
      },
      cancel: (reason) => {
        cancelled = reason;
        return upstream.cancel(reason);
      },
    });
    const response = new Response(watched, { headers: original.headers });
    const { wrapped, recorded } = wrap(response, { openbat, conversationId: "ai-left" });
    const reader = wrapped.body!.getReader();
    let seen = "";
    const reading = (async () => {
      while (!seen.includes("Let me check")) seen += new TextDecoder().decode((await reader.read()).value);
    })();
    for (const chunk of text("Let me check")) (await model.started).enqueue(chunk);
    await reading;
    await reader.cancel("visitor closed the tab");
    await recorded();
    expect(cancelled).toBe("visitor closed the tab");
    const { messages } = await stored(t, "ai-left");
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "I want to cancel my subscription"],
      ["assistant", "Let me check"],
    ]);
  });

  it("records a stream aborted on the server (abortSignal) with the text streamed before the abort", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const abort = new AbortController();
    const model = handDriven();
    const turns: unknown[] = [];
    const { wrapped, recorded } = wrap(await chatResponse(mockModel(model.source), { abortSignal: abort.signal }), {
      openbat,
      conversationId: "ai-abort",
      onRecorded: (turn) => turns.push(turn),
    });
    const reading = wrapped.text();
    for (const chunk of text("Half an ans")) (await model.started).enqueue(chunk);
    await new Promise((resolve) => setTimeout(resolve, 0));
    abort.abort();
    expect(await reading).toContain('"type":"abort"');
    await recorded();
    expect(turns).toEqual([expect.objectContaining({ reply: expect.objectContaining({ aborted: true, text: "Half an ans" }) })]);
    const { messages } = await stored(t, "ai-abort");
    expect(messages.map((m) => m.content)).toEqual(["I want to cancel my subscription", "Half an ans"]);
  });

  it("passes a broken stream's error on to the reader and still records the user's message", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) controller.enqueue(new TextEncoder().encode('data: {"type":"text-delta","id":"0","delta":"Partial"}\n\n'));
        else controller.error(new Error("upstream reset"));
        sent = true;
      },
    });
    const response = new Response(broken, { headers: { "x-vercel-ai-ui-message-stream": "v1", "content-type": "text/event-stream" } });
    const { wrapped, recorded } = wrap(response, { openbat, conversationId: "ai-broken" });
    await expect(wrapped.text()).rejects.toThrow("upstream reset");
    await recorded();
    const { messages } = await stored(t, "ai-broken");
    expect(messages.map((m) => m.content)).toEqual(["I want to cancel my subscription", "Partial"]);
  });

  it("never throws into the route: a failing OpenBat is logged and the stream is unaffected", async () => {
    const t = await createTenant();
    const { openbat, log } = sdk(t.ingestKey, {
      retries: 0,
      fetch: async () => {
        throw new TypeError("fetch failed: connection refused");
      },
    });
    const turns: unknown[] = [];
    const model = mockModel(simulated([...text("Fine."), finish]));
    const { wrapped, recorded } = wrap(await chatResponse(model), { openbat, conversationId: "ai-down", onRecorded: (turn) => turns.push(turn) });
    expect(await wrapped.text()).toContain("Fine.");
    await recorded();
    expect(turns).toEqual([null]);
    expect(log.lines.join("\n")).toContain("connection refused");
    // A response without a body (an error answer of the route) is handed back as it is, and onRecorded hears null.
    const empty = new Response(null, { status: 500 });
    const told: unknown[] = [];
    expect(withOpenBat(empty, { openbat, conversationId: "ai-down", messages: history, onRecorded: (turn) => told.push(turn) })).toBe(empty);
    expect(told).toEqual([null]);
  });

  it("records a tool-calling turn as the text of its steps, without the tool call or its result", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const toolCall: ModelChunk = { type: "tool-call", toolCallId: "call-1", toolName: "weather", input: '{"city":"Oslo"}' };
    const stepped: ModelChunk = { ...finish, finishReason: { unified: "tool-calls", raw: undefined } };
    // Two model calls: the first asks for the tool, the second answers with its result. Both reuse text id "t1".
    const model = new MockLanguageModelV4({
      doStream: [
        { stream: simulated([...text("Let me look that up."), toolCall, stepped])() as never },
        { stream: simulated([...text("It is sunny in Oslo."), finish])() as never },
      ],
    });
    const weather = tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, weather: "sunny" }) });
    const result = streamText({ model, messages: await convertToModelMessages(history), tools: { weather }, stopWhen: stepCountIs(2) });
    const { wrapped, recorded } = wrap(result.toUIMessageStreamResponse({ originalMessages: history, generateMessageId: () => "reply-tools" }), { openbat, conversationId: "ai-tools" });
    expect(await wrapped.text()).toContain('"type":"tool-output-available"');
    await recorded();
    const { messages } = await stored(t, "ai-tools");
    expect(messages.map((m) => [m.id, m.content])).toEqual([
      ["u-2", "I want to cancel my subscription"],
      ["reply-tools", "Let me look that up.\n\nIt is sunny in Oslo."],
    ]);
  });

  it("keeps a text id that a later step reuses (as some providers do) apart from the first step's text", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const parts = [
      { type: "start", messageId: "reply-reused" },
      { type: "start-step" },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "Checking the order." },
      { type: "text-end", id: "0" },
      { type: "finish-step" },
      { type: "start-step" },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "It ships tomorrow." },
      { type: "text-end", id: "0" },
      { type: "finish-step" },
      { type: "finish" },
    ];
    const sse = parts.map((p) => `data: ${JSON.stringify(p)}\n\n`).join("") + "data: [DONE]\n\n";
    const response = new Response(sse, { headers: { "content-type": "text/event-stream", "x-vercel-ai-ui-message-stream": "v1" } });
    const { wrapped, recorded } = wrap(response, { openbat, conversationId: "ai-reused" });
    await wrapped.text();
    await recorded();
    expect((await stored(t, "ai-reused")).messages.map((m) => m.content)).toEqual(["I want to cancel my subscription", "Checking the order.\n\nIt ships tomorrow."]);
  });

  it("reads toTextStreamResponse() and the AI SDK 4 data stream too", async () => {
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    const result = streamText({ model: mockModel(simulated([...text("Plain", " text."), finish])), messages: await convertToModelMessages(history) });
    const plain = wrap(result.toTextStreamResponse(), { openbat, conversationId: "ai-text" });
    expect(await plain.wrapped.text()).toBe("Plain text.");
    await plain.recorded();
    expect((await stored(t, "ai-text")).messages.map((m) => m.content)).toEqual(["I want to cancel my subscription", "Plain text."]);

    const v4 = new Response('f:{"messageId":"msg-v4"}\n0:"Data "\n0:"stream."\ne:{"finishReason":"stop"}\nd:{"finishReason":"stop"}\n', {
      headers: { "x-vercel-ai-data-stream": "v1", "content-type": "text/plain; charset=utf-8" },
    });
    const legacy = wrap(v4, { openbat, conversationId: "ai-v4", messages: [{ id: "q-1", role: "user", content: "Old SDK?" }] });
    await legacy.wrapped.text();
    await legacy.recorded();
    expect((await stored(t, "ai-v4")).messages.map((m) => [m.id, m.content])).toEqual([
      ["q-1", "Old SDK?"],
      ["msg-v4", "Data stream."],
    ]);
  });
});
