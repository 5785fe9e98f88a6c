/**
 * The overview page with its KPIs drawn in by the Worker (worker/first-paint): what it paints equals what the
 * analytics API answers the same member for the same range, and only a member of the chatbot's organization
 * who has told us their time zone gets figures; everyone else gets the plain page, never an error.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/services/conversation-stub";
import { dataBlock, overlay } from "../../worker/first-paint/markup";
import type { FirstPaint } from "../../dashboard/src/lib/first-paint-contract";
import { call, capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { as, chatbotOf, memberIn, signup, type Member } from "../helpers/member";
import { inFreshRateWindow } from "../helpers/rate-window";

const DAY = 86_400_000;

/** The page as a member's browser asks for it, with whatever cookies it holds besides the session. */
function page(member: Pick<Member, "cookie"> | null, path: string, cookies: string[] = ["ob_tz=Europe%2FParis"], headers: Record<string, string> = {}) {
  const cookie = [member?.cookie, ...cookies].filter(Boolean).join("; ");
  return call(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

/** The answer inlined in a page, or null when the page came plain. */
function paintedIn(html: string): FirstPaint | null {
  const m = /<script type="application\/json" id="first-paint-data">([^<]*)<\/script>/.exec(html);
  return m ? (JSON.parse(m[1]!) as FirstPaint) : null;
}

const valueIn = (html: string, id: string) => new RegExp(`data-testid="kpi-${id}-value"[^>]*>([^<]*)<`).exec(html)?.[1];

let owner: Member;
let chatbotId: string;

beforeAll(async () => {
  owner = await signup("Painter");
  const bot = await chatbotOf(owner);
  chatbotId = bot.chatbotId;
  for (const [id, text] of [
    ["fp-1", "This is terrible, I want to cancel my subscription"],
    ["fp-2", "Thanks, that solved it!"],
    ["fp-3", "How do I add a teammate?"],
  ] as const) {
    const res = await capture(bot.ingestKey, { conversationId: id, messages: [{ role: "user", content: text }, { role: "assistant", content: "Let me help." }], organization: { id: `o-${id}`, name: "Org", mrr: 250 } });
    expect(res.ok).toBe(true);
    await syncIndex(conversationStub(env, chatbotId, id));
  }
});

describe("the overview page's first paint", () => {
  it("draws the figures the analytics API answers the same member for the same range", async () => {
    const res = await page(owner, `/chatbots/${chatbotId}/overview`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    const painted = paintedIn(html);
    expect(painted).not.toBeNull();
    expect(painted!).toMatchObject({ chatbotId, timeZone: "Europe/Paris" });
    // Seven days back from the minute it was drawn in, open-ended: the dashboard's default range (lib/range.ts).
    expect(painted!.span).toEqual({ from: Math.floor(painted!.now / 60_000) * 60_000 - 7 * DAY });

    const api = await as(owner, `/api/v1/chatbots/${chatbotId}/analytics/overview?from=${painted!.span.from}&to=${painted!.now}&timeZone=Europe%2FParis`);
    const { data } = (await api.json()) as { data: FirstPaint["overview"] };
    expect(painted!.overview.kpis).toEqual(data.kpis);
    expect(data.kpis.conversations.value).toBe(3);
    expect(data.kpis.messages.value).toBe(6);

    expect(valueIn(html, "conversations")).toBe("3");
    expect(valueIn(html, "messages")).toBe("6");
    expect(valueIn(html, "analysed")).toBe(String(data.kpis.analysedToday.value));
    expect(valueIn(html, "sentiment")).toBe(`${data.kpis.averageSentiment.value! > 0 ? "+" : ""}${data.kpis.averageSentiment.value!.toFixed(2)}`);
    // The application's own page is still there, under the overlay it removes.
    expect(html).toContain('<div id="root"></div>');
  });

  it("keeps the dashboard's policy and hardening headers", async () => {
    const res = await page(owner, `/chatbots/${chatbotId}/overview`);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("vary")?.toLowerCase()).toContain("cookie");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("counts the range in the address, as the page asks for it", async () => {
    const month = paintedIn(await (await page(owner, `/chatbots/${chatbotId}/overview?range=30d`)).text())!;
    expect(month.span).toEqual({ from: Math.floor(month.now / 60_000) * 60_000 - 30 * DAY });
    const custom = paintedIn(await (await page(owner, `/chatbots/${chatbotId}/overview?from=2026-06-01&to=2026-06-07`)).text())!;
    // Midnight to midnight in the viewer's zone (Paris is UTC+2 in June).
    expect(custom.span).toEqual({ from: Date.UTC(2026, 4, 31, 22), to: Date.UTC(2026, 5, 7, 22) });
    expect(custom.overview.kpis.conversations.value).toBe(0);
  });

  it("paints for a read-only member of the organization too", async () => {
    const reader = await memberIn(owner.organizationId, "member");
    const painted = paintedIn(await (await page(reader, `/chatbots/${chatbotId}/overview`)).text());
    expect(painted?.overview.kpis.conversations.value).toBe(3);
  });

  it("writes the figures in the browser's language", async () => {
    const html = await (await page(owner, `/chatbots/${chatbotId}/overview`, undefined, { "accept-language": "de-DE,de;q=0.9" })).text();
    // German: the currency after the figure, a no-break space between.
    expect(valueIn(html, "mrr")).toBe("250\u00a0$");
  });

  it("answers the plain page, with nothing of the chatbot in it, to anyone else", async () => {
    const stranger = await signup("Stranger");
    const cases: [string, Promise<Response>][] = [
      ["no session", page(null, `/chatbots/${chatbotId}/overview`)],
      ["another organization's member", page(stranger, `/chatbots/${chatbotId}/overview`)],
      ["a chatbot that does not exist", page(owner, `/chatbots/cb_nope/overview`)],
      ["no time zone yet", page(owner, `/chatbots/${chatbotId}/overview`, [])],
      ["a time zone that is not one", page(owner, `/chatbots/${chatbotId}/overview`, ["ob_tz=Mars%2FOlympus"])],
      ["a session that is not one", page({ cookie: "ob_session=forged" }, `/chatbots/${chatbotId}/overview`)],
    ];
    for (const [what, pending] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(200);
      expect(res.headers.get("cache-control"), what).toBe("no-cache");
      const html = await res.text();
      expect(html, what).toContain('<div id="root"></div>');
      expect(html, what).not.toContain("first-paint");
    }
  });

  it("counts against the member's read limit, and past it answers the plain page, not an error", async () => {
    // The tests' member read limit is 50 a minute (vitest.config.ts); a member of their own, so no other test's reads count.
    const reader = await memberIn(owner.organizationId, "member");
    // The limiter counts in windows aligned to the wall-clock minute; 52 reads must not straddle one.
    await inFreshRateWindow(60, 30);
    const painted: boolean[] = [];
    for (let i = 0; i < 52; i++) {
      const res = await page(reader, `/chatbots/${chatbotId}/overview`);
      expect(res.status).toBe(200);
      painted.push(paintedIn(await res.text()) !== null);
    }
    expect(painted.slice(0, 50).every(Boolean)).toBe(true);
    expect(painted.slice(50)).toEqual([false, false]);
    // …and the application's own reads are refused alike, which it shows with a retry.
    expect((await as(reader, `/api/v1/chatbots/${chatbotId}/analytics/overview`)).status).toBe(429);
    // Up to 30 s of waiting for the window, then the reads.
  }, 60_000);

  it("paints in the colour scheme chosen on this browser", async () => {
    const dark = await (await page(owner, `/chatbots/${chatbotId}/overview`, ["ob_tz=UTC", "ob_scheme=dark"])).text();
    expect(dark).toMatch(/id="first-paint"[^>]*data-scheme="dark"/);
    const odd = await (await page(owner, `/chatbots/${chatbotId}/overview`, ["ob_tz=UTC", "ob_scheme=%22%3E%3Cscript%3E"])).text();
    expect(odd).toMatch(/id="first-paint" class="fp" aria-hidden="true">/);
    expect(odd).not.toContain("<script>");
  });
});

describe("the first paint's markup", () => {
  const painted: FirstPaint = {
    chatbotId: "cb_x",
    timeZone: "UTC",
    now: 0,
    span: { from: 0 },
    overview: {
      range: { from: 0, to: 1, previousFrom: -1, previousTo: 0 },
      today: { from: 0, to: 1, previousFrom: -1, previousTo: 0 },
      timeZone: "UTC",
      kpis: {
        conversations: { value: 1234, previous: 1000, change: 0.234 },
        messages: { value: 5, previous: 5, change: 0 },
        averageSentiment: { value: -0.25, previous: 0.1, change: -0.35 },
        analysedToday: { value: 0, previous: 0, change: null },
        resolutionRate: { value: 0.5, previous: 0.4, change: 0.1 },
        mrrAtRisk: { value: 1500, previous: 1000, change: 0.5 },
      },
    } as FirstPaint["overview"],
  };

  it("writes each figure and its trend as the dashboard's cards do", () => {
    const html = overlay(painted, "en-US", null);
    expect(valueIn(html, "conversations")).toBe("1,234");
    expect(valueIn(html, "sentiment")).toBe("-0.25");
    expect(valueIn(html, "resolution")).toBe("50%");
    expect(valueIn(html, "mrr")).toBe("$1,500");
    expect(html).toContain("▲ 23% vs previous");
    expect(html).toContain("→ no change vs previous");
    expect(html).toContain("▼ 0.35 vs previous");
    expect(html).toContain("▲ 10.0 pts vs previous");
    expect(html).toContain("no previous data");
    expect(valueIn(overlay(painted, "de-DE", null), "conversations")).toBe("1.234");
  });

  it("cannot be closed early by anything in the answer", () => {
    const hostile = { ...painted, timeZone: "</script><script>alert(1)</script>" };
    const block = dataBlock(hostile);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(/>([^<]*)<\/script>$/.exec(block)![1]!)).toEqual(hostile);
  });
});
