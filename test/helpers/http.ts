import { exports } from "cloudflare:workers";

export const BASE = "https://openbat.test";

/** Calls the Worker under test the way a client would. */
export function call(path: string, init: RequestInit & { key?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(new Request(`${BASE}${path}`, { ...init, headers, body }));
}

export async function capture(key: string, json: unknown, headers?: HeadersInit): Promise<Response> {
  return call("/api/v1/capture", { method: "POST", key, json, headers });
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[]; requestId: string };
}
