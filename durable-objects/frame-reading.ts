/**
 * Reading a client's text frame against its socket's schema, and the error frame that refuses one: a
 * conversation's socket and the live feed refuse a frame in the same shape and words (README "Live protocol",
 * error frame codes). The socket stays open either way.
 */
import { z } from "zod";
import { fieldIssues, type FieldIssue } from "../worker/errors";
import { errorFrame, LIMITS, type ErrorFrameCode } from "./protocol";
import { overBytes } from "./text-bytes";

/** The codes a frame is refused with for what it is (the others — rate limits, context limits — are a conversation's). */
export const FRAME_REFUSAL_CODES = ["invalid_json", "invalid_frame", "payload_too_large"] as const satisfies readonly ErrorFrameCode[];

/**
 * The error frame of a socket whose client only pings (the live feed, a member's notification channel): a
 * conversation socket's error frame with just the refusal codes. Each socket's frame union adds its own description.
 */
export const frameRefusalFrame = errorFrame.pick({ type: true, message: true, details: true }).extend({ code: z.enum(FRAME_REFUSAL_CODES) });

export interface FrameRefusal {
  type: "error";
  code: (typeof FRAME_REFUSAL_CODES)[number];
  /** `<field>: <reason>` for a field refused, as a request body's refusal says it. */
  message: string;
  details?: FieldIssue[];
}

export type FrameRead<T> =
  | { ok: true; frame: T }
  /** `json` and `issues` when the frame was JSON that the schema refused, for callers that answer some of those otherwise. */
  | { ok: false; refusal: FrameRefusal; json?: unknown; issues?: readonly z.core.$ZodIssue[] };

/**
 * A frame as its socket's schema reads it, or why not: a binary frame, one over LIMITS.frameBytes (not parsed), one
 * that is not JSON, or one the schema refuses (one detail per field, the message naming the first).
 * @example const read = readFrame(data, feedClientFrame); if (!read.ok) ws.send(JSON.stringify(read.refusal));
 */
export function readFrame<S extends z.ZodType>(data: string | ArrayBuffer, schema: S): FrameRead<z.output<S>> {
  const text = readJson(data);
  return text.ok ? checkFrame(text.json, schema) : text;
}

/**
 * readFrame's first half: the frame's JSON, or why it has none (binary, too large to parse, not JSON). A socket
 * that must look at a frame before checking it against its schema (a conversation telling pings from the frames
 * it rate-limits) parses it once here and then calls checkFrame.
 */
export function readJson(data: string | ArrayBuffer): { ok: true; json: unknown } | { ok: false; refusal: FrameRefusal } {
  if (typeof data !== "string") return refused("invalid_frame", "binary frames are not supported; send JSON text");
  if (overBytes(data, LIMITS.frameBytes)) return refused("payload_too_large", `frames are limited to ${LIMITS.frameBytes} bytes`);
  try {
    return { ok: true, json: JSON.parse(data) };
  } catch {
    return refused("invalid_json", "frame is not valid JSON");
  }
}

/** readFrame's second half: parsed JSON against the socket's schema. */
export function checkFrame<S extends z.ZodType>(json: unknown, schema: S): FrameRead<z.output<S>> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const details = fieldIssues(parsed.error.issues, "frame", json);
  const first = details[0];
  return { ...refused("invalid_frame", first ? `${first.field}: ${first.message}` : "invalid frame", details), json, issues: parsed.error.issues };
}

function refused(code: FrameRefusal["code"], message: string, details?: FieldIssue[]): { ok: false; refusal: FrameRefusal } {
  return { ok: false, refusal: { type: "error", code, message, ...(details ? { details } : {}) } };
}
