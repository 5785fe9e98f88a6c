/**
 * `openbat/ai`: record a Vercel AI SDK chat turn from the route that streams it. A server entry of its
 * own, so the browser entry (`openbat`) stays within its size budget.
 * @example
 * import { withOpenBat } from "openbat/ai";
 * return withOpenBat(result.toUIMessageStreamResponse(), { conversationId: chatId, messages });
 */
import { ReplyReader, formatOf, type StreamedReply } from "./ai-stream.js";
import { OpenBat } from "./client.js";
import { stableId } from "./environment.js";
import type { MessageInput, RecordMessagesInput } from "./types.js";

export type { StreamedReply } from "./ai-stream.js";

/**
 * A chat message as the AI SDK hands it to your route: a `UIMessage` (`parts`), a `ModelMessage`
 * (`content`, a string or parts) or an AI SDK 4 `Message` (`content` string).
 * @example const m: ChatMessageLike = { id: "m-1", role: "user", parts: [{ type: "text", text: "Hi" }] };
 */
export interface ChatMessageLike {
  id?: string;
  role: string;
  content?: unknown;
  parts?: readonly unknown[];
}

/**
 * What `withOpenBat` records and where.
 * @example
 * withOpenBat(response, { conversationId: chatId, messages, user: { id: session.userId }, waitUntil: ctx.waitUntil.bind(ctx) });
 */
export interface WithOpenBatOptions extends Omit<RecordMessagesInput, "messages" | "userId" | "metadata"> {
  /** The messages your route received (`useChat` sends them all); the last user message is this turn's. */
  messages: readonly ChatMessageLike[];
  /** The client to record with. Default: one made from `OPENBAT_API_KEY` and `OPENBAT_BASE_URL`. */
  openbat?: Pick<OpenBat, "recordMessages">;
  /**
   * Keeps the runtime alive until the turn is recorded: `ctx.waitUntil.bind(ctx)` on Cloudflare Workers,
   * `waitUntil` from `@vercel/functions` (or Next.js `after`) on Vercel. Node servers need none.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Called with what was recorded (or `null` when nothing could be), after the fact. For logs and tests. */
  onRecorded?: (turn: { messages: MessageInput[]; reply: StreamedReply } | null) => void;
}

let fallback: OpenBat | undefined;
const warn = (...args: unknown[]) => {
  try {
    console.warn(...args);
  } catch {
    // a console that throws is no reason to break a chat
  }
};

/**
 * Wraps the streaming `Response` of a Vercel AI SDK route (`toUIMessageStreamResponse()`, an AI SDK 4
 * `toDataStreamResponse()`, or `toTextStreamResponse()`) and records the turn — the last user message
 * and the assistant's streamed text — once the stream has been delivered. The response goes out with
 * the same status and headers and its bytes pass through untouched, one chunk as the reader asks for it:
 * nothing is buffered and the first chunk is not delayed. If the visitor goes away mid-answer the model's
 * stream is cancelled as it would be without the wrapper, and what they received is recorded. Never
 * throws: a failure to record is logged by the SDK and the response is unaffected.
 *
 * Ids are stable: the user message keeps its `id` (or gets one derived from the conversation, its text and
 * its place in the history) and the reply takes the stream's message id (or one derived from the turn and
 * its text), so recording the same turn again — a retried request, a replayed stream — adds nothing.
 * @example
 * // app/api/chat/route.ts (Next.js)
 * import { openai } from "@ai-sdk/openai";
 * import { convertToModelMessages, streamText, type UIMessage } from "ai";
 * import { withOpenBat } from "openbat/ai";
 *
 * export async function POST(req: Request) {
 *   const { id, messages }: { id: string; messages: UIMessage[] } = await req.json();
 *   const result = streamText({ model: openai("gpt-4o-mini"), messages: await convertToModelMessages(messages) });
 *   return withOpenBat(result.toUIMessageStreamResponse({ originalMessages: messages }), { conversationId: id, messages });
 * }
 */
export function withOpenBat(response: Response, options: WithOpenBatOptions): Response {
  try {
    const source = response.body;
    if (!source || response.bodyUsed || source.locked) {
      warn("[openbat] withOpenBat: the response has no unread body; nothing will be recorded");
      notify(options, null);
      return response;
    }
    const startedAt = Date.now();
    const reader = source.getReader();
    const reply = new ReplyReader(formatOf(response.headers));
    let settle!: () => void;
    const recorded = new Promise<void>((resolve) => (settle = resolve));
    let ended = false;
    const end = (cut: boolean) => {
      if (ended) return;
      ended = true;
      // Recording runs after the last byte went out, off the stream's own path; it never rejects.
      void record(options, reply.finish(cut), startedAt).then(settle);
    };
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch (error) {
            end(true);
            controller.error(error);
            return;
          }
          if (next.done) {
            controller.close();
            end(false);
            return;
          }
          controller.enqueue(next.value);
          try {
            reply.push(next.value);
          } catch {
            // a chunk that is not bytes is passed on all the same; only the recording misses it
          }
        },
        cancel(reason) {
          end(true);
          return reader.cancel(reason);
        },
      },
      // Nothing is read ahead of the consumer: the source is pulled exactly as fast as it would be unwrapped.
      { highWaterMark: 0 },
    );
    options.waitUntil?.(recorded);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    warn("[openbat] withOpenBat could not wrap the response; it goes out unrecorded:", error);
    return response;
  }
}

/** Records the turn; resolves when done, never rejects. */
async function record(options: WithOpenBatOptions, reply: StreamedReply, startedAt: number): Promise<void> {
  let turn: { messages: MessageInput[]; reply: StreamedReply } | null = null;
  try {
    const { messages: history, openbat, waitUntil: _w, onRecorded: _o, ...context } = options;
    const messages = turnMessages(options.conversationId, history, reply, startedAt);
    if (messages.length) {
      const client = openbat ?? (fallback ??= new OpenBat());
      const result = await client.recordMessages({ ...context, messages });
      if (result) turn = { messages, reply };
    }
  } catch (error) {
    warn("[openbat] withOpenBat could not record the turn:", error);
  }
  notify(options, turn);
}

/** Tells `onRecorded` what was recorded; the integrator's callback must not become our failure. */
function notify(options: WithOpenBatOptions, turn: { messages: MessageInput[]; reply: StreamedReply } | null): void {
  try {
    options.onRecorded?.(turn);
  } catch {
    // the integrator's callback threw: theirs to handle, never a failure of their response
  }
}

/** The last user message of the history and the reply, with stable ids. */
function turnMessages(conversationId: string, history: readonly ChatMessageLike[], reply: StreamedReply, startedAt: number): MessageInput[] {
  const messages: MessageInput[] = [];
  let index = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]?.role === "user" && textOf(history[i]!)) {
      index = i;
      break;
    }
  }
  const question = index >= 0 ? history[index]! : undefined;
  let questionId: string | undefined;
  if (question) {
    const content = textOf(question);
    questionId = usableId(question.id) ?? stableId(JSON.stringify([conversationId, "user", question.id ?? null, content, index]));
    messages.push({ id: questionId, role: "user", content: clip(content), sentAt: startedAt });
  }
  if (reply.text) {
    const id = usableId(reply.messageId) ?? stableId(JSON.stringify([conversationId, "assistant", questionId ?? null, reply.text]));
    messages.push({ id, role: "assistant", content: clip(reply.text), sentAt: Date.now() });
  }
  return messages;
}

/** An id the server accepts as it is (printable ASCII, ≤ 128), else undefined and one is derived. */
const usableId = (id: string | undefined): string | undefined => (id && /^[\x21-\x7e]{1,128}$/.test(id) ? id : undefined);

const CONTENT_BYTES = 32 * 1024;
/** The server refuses a message over 32 KB (and with it the whole turn): a longer reply is cut to fit. */
function clip(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= CONTENT_BYTES) return text;
  // Cut on a character boundary: a partial UTF-8 sequence at the end decodes to U+FFFD, which goes.
  return new TextDecoder().decode(bytes.slice(0, CONTENT_BYTES - 3)).replace(/\uFFFD$/, "");
}

/** The text of a chat message in any of the AI SDK's shapes. */
function textOf(message: ChatMessageLike): string {
  const parts = Array.isArray(message.parts) ? message.parts : Array.isArray(message.content) ? message.content : undefined;
  if (typeof message.content === "string" && !Array.isArray(message.parts)) return message.content.trim();
  if (!parts) return "";
  return parts
    .map((part) => (part && typeof part === "object" && (part as { type?: unknown }).type === "text" ? String((part as { text?: unknown }).text ?? "") : ""))
    .filter(Boolean)
    .join("\n")
    .trim();
}
