/**
 * Reading request input through zod: one place that turns bad JSON, oversized bodies and schema
 * violations into the error envelope, so routes only ever see valid values.
 */
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./context";
import { ApiError, validationError } from "./errors";
import { LIMITS } from "../durable-objects/protocol";

/**
 * `application/json`, with or without parameters (`; charset=utf-8`). Other JSON-based types are refused (415): each
 * names rules of its own the API does not follow (`application/merge-patch+json`, `application/json-patch+json`,
 * `application/vnd.api+json`), and a client sending one expects them.
 */
export const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

/**
 * A request's JSON body, parsed: not JSON → 415, over the body limit → 413 (by the declared length
 * before reading, and by what arrived), not UTF-8 (JSON's encoding between systems, RFC 8259) or not parseable →
 * 400 `invalid_json`: bytes that are not UTF-8 are refused rather than stored as U+FFFD.
 */
export async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  if (!JSON_CONTENT_TYPE.test(c.req.header("content-type") ?? "")) {
    throw notJson();
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > LIMITS.bodyBytes) throw tooLarge();
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > LIMITS.bodyBytes) throw tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw new ApiError("invalid_json", "body is not valid UTF-8: send JSON encoded as UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "body is not valid JSON");
  }
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where, value);
  return result.data;
}

/** A body sent as anything but JSON (415). */
export function notJson() {
  return new ApiError("unsupported_media_type", "send the body as JSON with `Content-Type: application/json`");
}

function tooLarge() {
  return new ApiError("payload_too_large", `body must be at most ${LIMITS.bodyBytes} bytes`);
}
