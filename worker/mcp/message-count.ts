/**
 * How many JSON-RPC messages a POST /mcp body holds, so each counts against the key's read limit. The MCP
 * SDK serves a batch (a JSON array, which the 2025-03-26 protocol allows and we still accept) in one HTTP
 * request, running every message in it: counted as one request, a batch of 100 `tools/call` would be 100
 * reads for the price of one.
 */
import { readRequestBody } from "@modelcontextprotocol/server";

/** The MCP SDK's own cap on a batch: a longer one it refuses (400, "Batch must not exceed 100 messages") unrun. */
export const MAX_BATCH_MESSAGES = 100;

/**
 * The number of messages in the request's body, read from a clone so the SDK can still read the request. A
 * body the SDK refuses without running any of it — over `maxBytes`, not JSON, a batch over its cap — and a
 * single message count 1, as every request does.
 */
export async function messageCount(request: Request, maxBytes: number): Promise<number> {
  const read = await readRequestBody(request.clone(), maxBytes).catch(() => ({ tooLarge: true as const }));
  if (read.tooLarge) return 1;
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return 1;
  }
  return Array.isArray(body) && body.length > 1 && body.length <= MAX_BATCH_MESSAGES ? body.length : 1;
}
