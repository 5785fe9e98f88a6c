/**
 * Bounded context: `custom` is limited per request by its schema, and here per conversation, where
 * every capture and frame merge into one record (README, Capture). A statement that would grow the
 * record past its limit is refused whole, naming the field; one that does not grow it (updating values
 * of a record that predates a limit) still goes through.
 */
import type { z } from "zod";
import { anyCustomFields, BROWSER_LIMITS, LIMITS } from "./protocol";

type Custom = Record<string, string | number | boolean | null>;

export interface ContextRefusal {
  field: string;
  message: string;
}

const utf8 = new TextEncoder();
const bytesOf = (custom: Custom) => utf8.encode(JSON.stringify(custom)).length;

/** Why merging `incoming` into the conversation's `current` custom fields is refused, or null. */
export function customRefusal(current: Custom, incoming: Custom | undefined, browser: boolean): ContextRefusal | null {
  if (!incoming) return null;
  const merged = { ...current, ...incoming };
  const keys = { now: Object.keys(current).length, then: Object.keys(merged).length };
  const bytes = { now: bytesOf(current), then: bytesOf(merged) };
  const maxKeys = browser ? BROWSER_LIMITS.customKeysPerConversation : LIMITS.customKeysPerConversation;
  const maxBytes = browser ? BROWSER_LIMITS.customBytesPerConversation : LIMITS.customBytesPerConversation;
  const who = browser ? " from a browser" : "";
  if (keys.then > maxKeys && keys.then > keys.now) {
    return { field: "custom", message: `a conversation keeps at most ${maxKeys} custom keys${who}; this would make ${keys.then}` };
  }
  if (bytes.then > maxBytes && bytes.then > bytes.now) {
    return { field: "custom", message: `a conversation keeps at most ${maxBytes} bytes of custom fields${who}; this would make ${bytes.then}` };
  }
  return null;
}

/**
 * A context frame the frame schema refused only for sizes — a text field over its length (`user.id` over 128
 * characters, `organization.name` over 256, `session.pageUrl` over 2,048), `custom` over 50 keys in one call or a
 * value over 1,024 characters — is over a limit, answered `context_too_large` naming the field as the
 * conversation's own limits are (and as a browser's frame limits are); anything else wrong with it stays an
 * `invalid_frame`.
 */
export function oversizedContext(frame: unknown, issues: readonly z.core.$ZodIssue[]): ContextRefusal | null {
  const context = frame as { type?: unknown; custom?: unknown } | null;
  if (context?.type !== "context" || !issues.length) return null;
  if (issues.every((i) => i.path[0] === "custom")) return oversizedCustom(context.custom);
  const caps = issues.map(lengthCap);
  if (caps.some((cap) => cap === null)) return null;
  const first = issues[0]!;
  return { field: first.path.join("."), message: `must be at most ${caps[0]} characters` };
}

/** The length a text field was refused for exceeding, or null when it was refused for anything else. */
function lengthCap(issue: z.core.$ZodIssue): number | null {
  if (issue.code === "too_big" && issue.origin === "string") return Number(issue.maximum);
  // `session.referrer` is a URL or "": a long URL fails both branches, the URL one only for its length.
  if (issue.code === "invalid_union") {
    for (const branch of issue.errors) {
      const caps = branch.map(lengthCap);
      if (branch.length && caps.every((cap) => cap !== null)) return caps[0]!;
    }
  }
  return null;
}

function oversizedCustom(raw: unknown): ContextRefusal | null {
  const custom = anyCustomFields.safeParse(raw);
  if (!custom.success) return null;
  const keys = Object.keys(custom.data).length;
  if (keys > LIMITS.customKeys) return { field: "custom", message: `at most ${LIMITS.customKeys} keys in one call; this has ${keys}` };
  const long = Object.entries(custom.data).find(([, value]) => typeof value === "string" && value.length > LIMITS.customValueChars);
  return long ? { field: `custom.${long[0]}`, message: `must be at most ${LIMITS.customValueChars} characters` } : null;
}
