/**
 * Reads the assistant's reply out of the bytes of a Vercel AI SDK response, as they pass by. Three
 * wire formats: the UI message stream (SSE, `x-vercel-ai-ui-message-stream: v1`, AI SDK 5 and later),
 * the data stream of AI SDK 4 (`x-vercel-ai-data-stream: v1`, lines such as `0:"Hello"`) and a plain
 * text stream (`toTextStreamResponse()`). Only text is kept: reasoning, tool calls and their results,
 * sources and data parts are not messages of the conversation.
 */

/**
 * What the reply turned out to be once the stream ended (or was cut short), as `onRecorded` reports it.
 * @example withOpenBat(response, { conversationId, messages, onRecorded: (turn) => turn?.reply.aborted && console.log("cut short") });
 */
export interface StreamedReply {
  /** The message id the stream announced (`start` part / `f:` line), when it announced one. */
  messageId?: string;
  text: string;
  /** The stream said it was aborted, or the reader went away before the end. */
  aborted: boolean;
}

type Format = "ui" | "data" | "text";

/** Which of the three formats a response carries, from its headers. */
export function formatOf(headers: Headers): Format {
  if (headers.has("x-vercel-ai-ui-message-stream")) return "ui";
  if (headers.has("x-vercel-ai-data-stream")) return "data";
  if ((headers.get("content-type") ?? "").includes("text/event-stream")) return "ui";
  return "text";
}

/** Accumulates a reply from chunks of bytes; `finish()` says what it was. */
export class ReplyReader {
  private readonly decoder = new TextDecoder();
  private pending = "";
  private messageId: string | undefined;
  /** Text blocks in the order they started (the UI stream interleaves them by id). */
  private readonly blocks = new Map<string, string>();
  /** The block a text id currently writes to: providers may reuse an id in every step ("0", "t1"). */
  private readonly current = new Map<string, string>();
  private aborted = false;

  constructor(private readonly format: Format) {}

  push(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk, { stream: true });
    if (this.format === "text") return this.append("0", text);
    this.pending += text;
    const lines = this.pending.split("\n");
    this.pending = lines.pop() ?? "";
    for (const line of lines) this.line(line.replace(/\r$/, ""));
  }

  /** The reply so far; `cut` says the reader stopped before the stream's end. */
  finish(cut: boolean): StreamedReply {
    const rest = this.pending + this.decoder.decode();
    this.pending = "";
    if (this.format === "text") this.append("0", rest);
    else if (rest) this.line(rest);
    const text = [...this.blocks.values()]
      .map((block) => block.trim())
      .filter(Boolean)
      .join("\n\n");
    return { ...(this.messageId && { messageId: this.messageId }), text, aborted: this.aborted || cut };
  }

  private append(id: string, delta: unknown): void {
    if (typeof delta === "string") this.blocks.set(id, (this.blocks.get(id) ?? "") + delta);
  }

  private line(line: string): void {
    if (this.format === "ui") {
      if (!line.startsWith("data:")) return;
      const data = line.slice(5).trim();
      if (data === "[DONE]") return;
      const part = asObject(parse(data));
      if (part?.type === "start" && typeof part.messageId === "string") this.messageId = part.messageId;
      else if (part?.type === "text-start") this.current.set(String(part.id), `ui:${this.blocks.size}:${String(part.id)}`);
      else if (part?.type === "text-delta") this.append(this.current.get(String(part.id)) ?? `ui:${String(part.id)}`, part.delta);
      else if (part?.type === "abort") this.aborted = true;
      return;
    }
    // AI SDK 4: `<code>:<json>`; 0 is text, f starts a message (with its id).
    const colon = line.indexOf(":");
    const code = line.slice(0, colon);
    const value = parse(line.slice(colon + 1));
    const start = asObject(value);
    if (code === "0") this.append("data", value);
    else if (code === "f" && typeof start?.messageId === "string") this.messageId ??= start.messageId;
  }
}

/** The JSON in a line, or undefined for what is not JSON (a comment line, garbage). */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
