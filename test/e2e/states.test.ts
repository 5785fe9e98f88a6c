import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, latestConversationId, browserSuite, e2e, logIn, openBrowser, sdk, type Browser } from "./harness";
import { everyWidgetLayout } from "./reports-fixture";
import { recordDemoTraffic } from "./traffic";

/** An API path of the chatbot (never the page's own URL, which can look alike). */
const api = (tail: string) => new RegExp(`/api/v1/chatbots/[^/]+/${tail}`);

/**
 * Each region of each page, the API call that feeds it, and where it lives. The failure is injected in
 * the browser (Playwright route interception), answering the call with the API's own 500 envelope.
 */
const REGIONS: { name: string; page: string; api: RegExp; region: string; plain?: true }[] = [
  // `plain`: the page as it loads without the Worker's first paint (no time-zone cookie yet), so that the
  // application asks for the figures itself (with it, they come inside the page: first-paint.test.ts).
  { name: "the overview's key figures", page: "overview", api: api("analytics/overview\\?"), region: '[data-testid="kpis-region"]', plain: true },
  { name: "the overview's sentiment trend and bands", page: "overview", api: api("analytics/sentiment\\?"), region: '[data-testid="sentiment-region"]' },
  { name: "user insights", page: "insights", api: api("analytics/insights\\?"), region: "#main" },
  { name: "assistant performance", page: "assistant", api: api("analytics/assistant\\?"), region: "#main" },
  { name: "the conversations table", page: "conversations", api: api("analytics/conversations\\?"), region: "#main" },
  { name: "a conversation's thread", page: "conversations/:conversation", api: api("conversations/[0-9a-f]{64}(\\?|$)"), region: "#main" },
  { name: "the users table", page: "users", api: api("analytics/users\\?"), region: "#main" },
  { name: "the organizations table", page: "organizations", api: api("analytics/organizations\\?"), region: "#main" },
  { name: "the workflows list", page: "workflows", api: api("workflows$"), region: "#main" },
  { name: "the reports list", page: "reports", api: api("reports$"), region: "#main" },
  { name: "a report's widgets", page: "reports/:report", api: api("reports/[^/]+/data\\?"), region: "#main" },
  { name: "the analysis config", page: "analysis", api: api("analysis/config$"), region: "#main" },
  { name: "the suggested intents", page: "analysis", api: api("analysis/suggestions\\?"), region: 'section[aria-label="Suggested intents"]' },
  { name: "the keys table", page: "settings", api: api("keys$"), region: "#keys" },
  { name: "the webhook destinations", page: "settings", api: api("webhooks$"), region: "#webhooks" },
  { name: "the members table", page: "settings", api: /\/api\/v1\/organizations\/[^/]+\/members$/, region: "#members" },
  { name: "search results", page: "search?q=refund", api: api("search\\?"), region: "#main" },
];

/** What empty states say; none may show while the data behind them could not be read. */
const EMPTY_TEXTS = /No scored messages|No conversation in this range|No conversations yet|No conversation matches|No users match|No organizations match|No workflows yet|No destinations yet|Nothing waiting|No intents analysed|No messages yet|None found|No message matches|Search every message|No reports yet|has no widgets yet|Nothing in this range|No topics in this range|No conversations started/;

function failWith500(route: Route): Promise<void> {
  return route.fulfill({
    status: 500,
    contentType: "application/json",
    body: JSON.stringify({ error: { code: "internal_error", message: "injected failure for the test", requestId: "test" } }),
  });
}

browserSuite("Honest states: a region whose API call fails says so once, with a retry", () => {
  let browser: Browser;
  let conversationId = "";
  let reportId = "";

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    conversationId = await latestConversationId(owner, e2e.demo.chatbotId);
    reportId = (await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/reports`, { name: "Failing figures", layout: everyWidgetLayout() })).data.id;
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  async function alerts(page: Page): Promise<string[]> {
    return page.getByRole("alert").allInnerTexts();
  }

  it.each(REGIONS)("$name: one error with a retry, no skeleton left, no empty-state text; the retry brings the data", async ({ page: path, api, region, plain }) => {
    const { page } = browser;
    if (plain) await browser.context.clearCookies({ name: "ob_tz" });
    let failing = true;
    const handler = (route: Route) => (failing ? failWith500(route) : route.fallback());
    await page.route(api, handler);
    try {
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/${path.replace(":conversation", conversationId).replace(":report", reportId)}`);
      const scope = page.locator(region);
      await scope.getByRole("alert").first().waitFor();
      // Everything else on the page answers; the failed region's skeletons end.
      await expect.poll(() => page.locator(".mantine-Skeleton-root").count(), { timeout: 20_000 }).toBe(0);
      await page.waitForLoadState("networkidle");

      const shown = await alerts(page);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatch(/injected failure for the test/i);
      // Other regions may be truly empty (no webhook destination yet); the failed one must not say so.
      expect(await scope.innerText()).not.toMatch(EMPTY_TEXTS);
      const retry = scope.getByRole("button", { name: "Try again" });
      expect(await retry.count()).toBe(1);

      failing = false;
      await retry.click();
      await expect.poll(() => page.getByRole("alert").count(), { timeout: 20_000 }).toBe(0);
    } finally {
      await page.unroute(api, handler);
    }
  });

  it("does not ask a failing endpoint again on every live event, while the figures beside it follow the traffic", async () => {
    const { page } = browser;
    const sentiment = api("analytics/sentiment\\?");
    const overview = api("analytics/overview\\?");
    const asked = { sentiment: 0, overview: 0 };
    const count = (request: { url(): string }) => {
      if (sentiment.test(request.url())) asked.sentiment += 1;
      if (overview.test(request.url())) asked.overview += 1;
    };
    page.on("request", count);
    await page.route(sentiment, failWith500);
    try {
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
      await page.locator('[data-testid="sentiment-region"]').getByRole("alert").waitFor();
      await page.waitForLoadState("networkidle");
      await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();
      const failed = asked.sentiment;
      expect(failed).toBeGreaterThan(0);

      // A message makes the overview's live refresh run: its key figures are asked again…
      const before = asked.overview;
      await sdk().recordMessages({ conversationId: `failing-${Date.now().toString(36)}`, messages: [{ role: "user", content: "Hello, is this thing on?" }] });
      await expect.poll(() => asked.overview, { timeout: 20_000 }).toBeGreaterThan(before);
      // …in the same pass that would have asked for the failing sentiment trend again; it was not.
      await page.waitForLoadState("networkidle");
      expect(asked.sentiment).toBe(failed);

      // "Try again" still asks at once.
      await page.unroute(sentiment, failWith500);
      await page.locator('[data-testid="sentiment-region"]').getByRole("button", { name: "Try again" }).click();
      await expect.poll(() => page.getByRole("alert").count(), { timeout: 20_000 }).toBe(0);
      expect(asked.sentiment).toBeGreaterThan(failed);
    } finally {
      page.off("request", count);
      await page.unroute(sentiment, failWith500);
    }
  });

  it("keeps the overview's figures on screen, marked, when a refresh fails", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByTestId("kpi-messages-value").waitFor();
    // The refresh below is driven by the live feed: a message sent before its socket is up changes nothing on screen.
    await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();
    const before = await page.getByTestId("kpi-messages-value").innerText();
    await page.route(/\/analytics\/overview\?/, failWith500);
    try {
      // A message through the live feed makes the overview refetch (coalesced, within a few seconds).
      await sdk().recordMessages({ conversationId: `stale-${Date.now().toString(36)}`, messages: [{ role: "user", content: "Is anyone there?" }] });
      await page.getByTestId("refresh-failed").waitFor({ timeout: 20_000 });
      expect(await page.getByTestId("kpi-messages-value").count()).toBe(1);
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(Number((await page.getByTestId("kpi-messages-value").innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(Number(before.replace(/\D/g, "")));
    } finally {
      await page.unroute(/\/analytics\/overview\?/, failWith500);
    }
  });
});
