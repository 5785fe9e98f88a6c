/**
 * The one error envelope every failure answers with:
 * `{ "error": { "code", "message", "details"?, "requestId" } }`.
 * Routes and services throw ApiError; app.onError turns it (and anything else) into the envelope.
 */
import type { z } from "zod";

export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  chatbot_archived: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  /** Log-in attempts on one account, whoever makes them: it is locked for a while. */
  too_many_attempts: 429,
  internal_error: 500,
  not_configured: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `messages.3.role`. */
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: (typeof ERROR_STATUS)[ErrorCode];
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds, for 429 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

/** The same refusal naming the field `to` where it named `from` (in its message and details); any other error as it was. */
export function renamedField(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error;
  const details = (error.details as { field: string; message: string }[]).map((d) => (d.field === from ? { ...d, field: to } : d));
  return new ApiError(error.code, error.message.replace(from, to), details, error.retryAfter);
}

/**
 * Turns zod issues into field-named details; the message names the first field so a human sees it at once. Unknown
 * fields are named each by its own path (`cooldown.minutes`), not by the object holding them, so a refused
 * field never reads as a real one of the same name (a note's `body`).
 */
export function validationError(error: z.ZodError, where = "body", input?: unknown): ApiError {
  return invalid(fieldIssues(error.issues, where, input), where);
}

/**
 * One detail per field (its first issue: `""` where an id goes is "must not be empty", not that and its character rule
 * too), in the product's words where zod's are a type system's. Live frames refuse with the same details. `input` is
 * what was parsed: a field missing from it is "required", where zod would say what type or option it expected.
 */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], where: string, input?: unknown): FieldIssue[] {
  const details: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const found =
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => unknownField([...issue.path, key].join("."), key))
        : [{ field: issue.path.length ? issue.path.join(".") : where, message: missing(issue, input) ? "required" : messageOf(issue) }];
    for (const detail of found) {
      if (seen.has(detail.field)) continue;
      seen.add(detail.field);
      details.push(detail);
    }
  }
  return details;
}

/**
 * A field left out: zod 4 reports it as the type or option it expected ("Invalid option: expected one of …"), and its
 * issues carry no input, so the field is looked up in what was parsed. A custom message (a schema's own words) stays.
 */
function missing(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (issue.code !== "invalid_type" && issue.code !== "invalid_value" && issue.code !== "invalid_union") return false;
  if (!zodsWords(issue) || issue.path.length === 0) return false;
  let parent = input;
  for (const key of issue.path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const key = issue.path[issue.path.length - 1]!;
  return parent !== null && typeof parent === "object" && !Array.isArray(parent) && (!Object.hasOwn(parent, key) || (parent as Record<PropertyKey, unknown>)[key] === undefined);
}

const zodsWords = (issue: z.core.$ZodIssue) => issue.message.startsWith("Invalid") || issue.message.startsWith("Too small");

/** Zod's default words (a custom message is kept as written) where a user would read them differently. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (!zodsWords(issue)) return issue.message;
  // "expected int, received number"
  if (issue.code === "invalid_type" && issue.expected === "int") return "must be a whole number";
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1) return "must not be empty";
  if (issue.code === "invalid_union" && "options" in issue && Array.isArray(issue.options) && issue.options.length > 0) {
    return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
  }
  return issue.message;
}

/** Fields (or query parameters) the route does not take, refused naming each. */
export function unknownFieldsError(names: readonly string[]): ApiError {
  return invalid(names.map((name) => unknownField(name, name)), "query");
}

const unknownField = (field: string, key: string): FieldIssue => ({ field, message: `Unrecognized key: "${key}"` });

/** Query parameters given more than once, refused naming each. */
export function repeatedQueryError(names: readonly string[]): ApiError {
  return fieldsError(names, "given more than once; give it once");
}

/**
 * Fields refused for one reason, found by a check of our own rather than a schema: the message is `<first field>:
 * <reason>` and each detail says the same reason, so the two never read differently.
 */
export function fieldsError(fields: readonly string[], message: string): ApiError {
  return issuesError(fields.map((field) => ({ field, message })));
}

/** Fields refused each for its own reason, by a check of our own: the message names the first, as a schema's does. */
export const issuesError = (details: FieldIssue[]): ApiError => invalid(details, "body");

/** One field refused for a reason: `fieldsError` with one field. */
export const fieldError = (field: string, message: string): ApiError => fieldsError([field], message);

function invalid(details: FieldIssue[], where: string): ApiError {
  const first = details[0];
  const message = first ? `${first.field}: ${first.message}` : `invalid ${where}`;
  return new ApiError("invalid_request", message, details);
}

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
}

export function envelope(error: ApiError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
    },
  };
}
