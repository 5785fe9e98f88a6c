import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, PHONE, record, screenshot, sdk, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

browserSuite("Overview: sentiment moving while conversations happen", () => {
  let browser: Browser;
  const openbat = sdk();

  beforeAll(async () => {
    await recordDemoTraffic(openbat);
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("shows a message sent through the SDK in the live feed with its sentiment, and the KPIs move", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    const messagesKpi = page.getByTestId("kpi-messages-value");
    const analysedKpi = page.getByTestId("kpi-analysed-value");
    await messagesKpi.waitFor();
    const messagesBefore = Number((await messagesKpi.innerText()).replace(/\D/g, ""));
    const analysedBefore = Number((await analysedKpi.innerText()).replace(/\D/g, ""));

    const marker = `refund-${Date.now().toString(36)}`;
    await record(openbat, {
      conversationId: `live-${marker}`,
      messages: [{ role: "user", content: `My order ${marker} arrived broken and support ignored me, this is terrible.` }],
      user: { id: "u-live", email: "live.viewer@example.com", name: "Live Viewer" },
      session: { device: "mobile", country: "NL" },
    });

    const item = page.getByTestId("feed-item").filter({ hasText: marker });
    await item.waitFor();
    // The sentiment badge replaces "analysing…" once the annotation arrives over the same feed.
    await expect.poll(async () => item.getByText(/Negative|Very negative/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number((await messagesKpi.innerText()).replace(/\D/g, "")), { timeout: 20_000 }).toBeGreaterThan(messagesBefore);
    await expect.poll(async () => Number((await analysedKpi.innerText()).replace(/\D/g, "")), { timeout: 20_000 }).toBeGreaterThan(analysedBefore);

    // A few more live messages, so the picture shows a feed in motion.
    const more = ["Thanks, that fixed it, you are great!", "Where can I download my invoices?", "The app crashes every time I open settings, so annoying."];
    for (const [i, content] of more.entries()) {
      await record(openbat, { conversationId: `live-${marker}-${i}`, messages: [{ role: "user", content }], user: { id: `u-live-${i}`, email: `viewer${i}@example.com` } });
    }
    await expect.poll(async () => page.getByTestId("feed-item").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(async () => page.getByTestId("feed-item").getByText("analysing…").count(), { timeout: 20_000 }).toBe(0);
    // The sentiment bands catch up with the live conversations too: every conversation of the range in a band.
    const bandsTotal = async () => {
      const counts = await Promise.all(["satisfied", "neutral", "dissatisfied"].map(async (b) => Number(await page.getByTestId(`band-${b}`).innerText())));
      return counts.reduce((a, b) => a + b, 0);
    };
    const conversations = async () => Number((await page.getByTestId("kpi-conversations-value").innerText()).replace(/\D/g, ""));
    await expect.poll(async () => (await bandsTotal()) - (await conversations()), { timeout: 20_000 }).toBe(0);
    await screenshot(page, "overview");
    // The same page with the system set to dark: the theme follows it.
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
    await screenshot(page, "overview-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("shows today by the hour, and says in which time zone today is counted", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview?range=today`);
    await page.getByTestId("trend").waitFor();
    // The trend's table for screen readers names its buckets: hours for a one-day range.
    await expect.poll(() => page.getByTestId("trend").locator("th[scope=col]").first().textContent(), { timeout: 20_000 }).toBe("Hour");
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.getByTestId("kpi-analysed").getByText("Analysed today").hover();
    await page.getByRole("tooltip").filter({ hasText: `your time zone (${zone})` }).waitFor();
    expect(await page.getByText(/^Today \(UTC\):/).count()).toBe(1);
  });

  it("opens the conversation behind a live feed item in one click", async () => {
    const { page } = browser;
    // Its own page and its own message: nothing here depends on what the test before left open.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await record(openbat, { conversationId: `feed-${Date.now().toString(36)}`, messages: [{ role: "user", content: "Where is my parcel? It is late." }] });
    await page.getByTestId("feed-item").first().click();
    await page.getByTestId("thread-message").first().waitFor();
    expect(page.url()).toMatch(new RegExp(`/chatbots/${e2e.demo.chatbotId}/conversations/[0-9a-f]{64}$`));
  });

  it("asks for the session and each of the overview's figures once when the page is opened, even as the minute turns while it loads, the KPIs not at all when they came with it", async () => {
    const fresh = await openBrowser();
    try {
      await logIn(fresh.page, e2e.demo.email, e2e.demo.password);
      const asked: string[] = [];
      fresh.page.on("request", (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith("/api/")) asked.push(pathname);
      });
      const count = (suffix: string) => asked.filter((p) => p.endsWith(suffix)).length;
      // A fresh load of the page (not a move inside the application): boot.ts and the page both want these.
      const open = async () => {
        asked.length = 0;
        await fresh.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
        await fresh.page.getByTestId("trend-plot").or(fresh.page.getByTestId("trend-empty")).waitFor();
        await fresh.page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
        await fresh.page.getByTestId("kpi-messages-value").waitFor();
      };
      // Counted up to the first figures on screen: later, the live feed's events may refresh them.
      // The log-in page told the Worker this browser's time zone, so the KPIs come drawn into the page, their answer inlined.
      await open();
      expect(count("/auth/session")).toBe(1);
      expect(count("/analytics/overview")).toBe(0);
      expect(count("/analytics/sentiment")).toBe(1);
      // Without that cookie the page comes plain, and the KPIs are asked for, once.
      await fresh.context.clearCookies({ name: "ob_tz" });
      await open();
      expect(count("/auth/session")).toBe(1);
      expect(count("/analytics/overview")).toBe(1);
      expect(count("/analytics/sentiment")).toBe(1);
      // The minute turns after the boot script asked and before the application's bundle arrives: a preset range
      // counts from whole minutes, and the page still asks once, for the range the boot script asked for. The
      // browser's clock stands at the minute's last 100 ms until boot.ts has asked, then in the next minute.
      await fresh.context.clearCookies({ name: "ob_tz" });
      const minuteEnd = Math.ceil(Date.now() / 60_000) * 60_000;
      await fresh.page.clock.setFixedTime(minuteEnd - 100);
      await fresh.page.route("**/assets/index-*.js", async (route) => {
        await expect.poll(() => count("/analytics/overview")).toBe(1);
        await fresh.page.clock.setFixedTime(minuteEnd + 100);
        await route.continue();
      });
      await open();
      expect(count("/analytics/overview")).toBe(1);
      expect(count("/analytics/sentiment")).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("fits a phone screen", async () => {
    const phone = await openBrowser(PHONE);
    try {
      await logIn(phone.page, e2e.demo.email, e2e.demo.password);
      await phone.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
      await phone.page.getByTestId("kpi-messages-value").waitFor();
      await phone.page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      // Nothing wider than the screen: no sideways scrolling on a phone.
      const overflow = Number(await phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(phone.page, "overview-phone");
      await phone.page.emulateMedia({ colorScheme: "dark" });
      await expect.poll(() => phone.page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
      await screenshot(phone.page, "overview-phone-dark");
    } finally {
      await phone.close();
    }
  });
});
