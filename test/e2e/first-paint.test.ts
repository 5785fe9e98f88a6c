/**
 * The overview's KPIs drawn into the page by the Worker (README "Dashboard": loading): on screen before the
 * application has run — with JavaScript off, they are all there is — then taken over by the application with
 * the same figures and without asking for them again.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, logIn, openBrowser, record, sdk, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

interface Painted {
  timeZone: string;
  span: { from: number; to?: number };
  now: number;
  overview: { kpis: Record<string, { value: number | null }> };
}

browserSuite("First paint: the overview's KPIs come with the page", () => {
  let browser: Browser;
  const overviewPath = () => `${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser(undefined, { timezoneId: "Asia/Tokyo" });
    // Any page of the dashboard tells the Worker the viewer's zone (a cookie), as after a member's first visit.
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("shows the KPIs with JavaScript off, as the API counts them for the viewer's zone", async () => {
    const cookies = await browser.context.cookies();
    expect(cookies.find((c) => c.name === "ob_tz")?.value).toBe("Asia%2FTokyo");
    const plain = await browser.context.browser()!.newContext({ javaScriptEnabled: false });
    try {
      await plain.addCookies(cookies);
      const page = await plain.newPage();
      await page.goto(overviewPath());
      const painted = JSON.parse((await page.locator("#first-paint-data").textContent())!) as Painted;
      expect(painted.timeZone).toBe("Asia/Tokyo");

      const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
      const api = await apiCall<{ data: Painted["overview"] }>(owner, "GET", `/chatbots/${e2e.demo.chatbotId}/analytics/overview?from=${painted.span.from}&to=${painted.now}&timeZone=Asia%2FTokyo`);
      expect(painted.overview.kpis).toEqual(api.data.kpis);
      expect(api.data.kpis.conversations!.value).toBeGreaterThan(0);
      expect(await page.getByTestId("kpi-conversations-value").innerText()).toBe(api.data.kpis.conversations!.value!.toLocaleString("en-US"));
      expect(await page.getByTestId("kpi-messages-value").innerText()).toBe(api.data.kpis.messages!.value!.toLocaleString("en-US"));
      expect(await page.getByTestId("kpi-messages-value").isVisible()).toBe(true);
    } finally {
      await plain.close();
    }
  });

  it("hands the figures to the application, which shows the same ones without asking for them", async () => {
    const { page } = browser;
    const asked: string[] = [];
    const watch = (request: { url(): string }) => void asked.push(new URL(request.url()).pathname);
    page.on("request", watch);
    try {
      await page.goto(overviewPath());
      await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
      const painted = JSON.parse((await page.locator("#first-paint-data").textContent())!) as Painted;
      // The overlay is gone, and the application's own cards show the painted figures.
      expect(await page.locator("#first-paint").count()).toBe(0);
      expect(await page.getByTestId("kpi-conversations-value").innerText()).toBe(painted.overview.kpis.conversations!.value!.toLocaleString("en-US"));
      await page.waitForLoadState("networkidle");
      expect(asked.filter((p) => p.endsWith("/analytics/overview"))).toEqual([]);
      // The trend beside them is asked for as before.
      expect(asked.filter((p) => p.endsWith("/analytics/sentiment")).length).toBe(1);
    } finally {
      page.off("request", watch);
    }
  });

  it("moves the application's figures with live traffic from there on", async () => {
    const { page } = browser;
    await page.goto(overviewPath());
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    const messages = page.getByTestId("kpi-messages-value");
    const before = Number((await messages.innerText()).replace(/\D/g, ""));
    await record(sdk(), { conversationId: `first-paint-${Date.now().toString(36)}`, messages: [{ role: "user", content: "Is there a first paint?" }] });
    await expect.poll(async () => Number((await messages.innerText()).replace(/\D/g, "")), { timeout: 20_000 }).toBeGreaterThan(before);
  });
});
