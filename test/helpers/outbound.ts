import { vi } from "vitest";

export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The redirect mode the Worker asked fetch for. */
  redirect: Request["redirect"];
}

type Reply = (request: Received) => Response | Promise<Response>;

/**
 * Mocks outbound HTTP (the Worker and the test share one isolate, so a spy on fetch sees the Worker's
 * requests): DNS-over-HTTPS look-ups answer from `dns` (read at each look-up, so a test may change an
 * answer between save and send; "unavailable" makes the resolver fail), everything else from `reply`,
 * recorded in order.
 */
export function mockOutbound(reply: Reply, dns: Record<string, string[] | "unavailable"> = {}) {
  const received: Received[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname === "cloudflare-dns.com") {
      const name = url.searchParams.get("name") ?? "";
      const known = dns[name] ?? [];
      if (known === "unavailable") return new Response("resolver down", { status: 503 });
      const type = url.searchParams.get("type") === "AAAA" ? 28 : 1;
      const answers = known.filter((a) => (type === 28) === a.includes(":")).map((data) => ({ type, data }));
      return Response.json({ Status: 0, Answer: answers });
    }
    const record = { url: request.url, headers: Object.fromEntries(request.headers), body: await request.text(), redirect: request.redirect };
    received.push(record);
    return reply(record);
  });
  return { received, restore: () => spy.mockRestore() };
}

export const PUBLIC_DNS = { "hooks.example.com": ["93.184.216.34"], "other.example.com": ["93.184.216.35"] };
