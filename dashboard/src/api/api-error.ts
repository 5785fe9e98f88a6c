import type { FieldIssue } from "./types";

export type ErrorDetail = FieldIssue;

/** An answer other than 2xx, from the error envelope: its message is meant for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
    /** A 429's or 503's `Retry-After`, in seconds: when trying again can succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
