/** JSON over HTTP with retries, for the REST calls. Retries only what may succeed later. */
import { OpenBatError } from "./errors.js";

export interface HttpOptions {
  fetch: typeof fetch;
  baseUrl: string;
  apiKey: string;
  /** Further attempts after the first for network errors, 408, 429 and 5xx. */
  retries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs `body` and resolves with the JSON answer; rejects with an OpenBatError once retries are spent
 * or at once for a request the server refused on its merits (other 4xx).
 */
export async function postJson<T>(http: HttpOptions, path: string, body: unknown): Promise<T> {
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    let error: OpenBatError;
    let wait = 500 * 4 ** attempt; // 0.5 s, 2 s, 8 s…
    try {
      const response = await http.fetch(`${http.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${http.apiKey}`, "content-type": "application/json" },
        body: payload,
      });
      const text = await response.text();
      if (response.ok) return JSON.parse(text) as T;
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message ?? message;
      } catch {
        // not our JSON envelope (a proxy's page): keep the text
      }
      error = new OpenBatError(`http_${response.status}`, `${response.status}: ${message}`);
      const status = response.status;
      if (status < 500 && status !== 408 && status !== 429) throw error;
      // The server says when a rate limit lifts; honour it, within reason for a background call.
      const after = Number(response.headers.get("retry-after"));
      if (after > 0) wait = Math.min(after, 60) * 1000;
    } catch (caught) {
      if (caught instanceof OpenBatError) throw caught;
      error = new OpenBatError("network", String(caught));
    }
    if (attempt >= http.retries) throw error;
    await sleep(wait);
  }
}
