import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, horizontalOverflow, type Violation } from "./audit";
import { apiCall, apiLogin, latestConversationId, browserSuite, DESKTOP, e2e, logIn, openBrowser, PHONE, sdk, settle, type Browser } from "./harness";
import { everyWidgetLayout } from "./reports-fixture";
import { recordDemoTraffic } from "./traffic";

/** Every page of the dashboard a member can open (the chatbot's sections, a conversation, a new workflow, the setup). */
const PAGES = [
  "/orgs/:org/chatbots",
  "/notifications",
  "/account",
  "/chatbots/:bot/attention",
  "/chatbots/:bot/overview",
  "/chatbots/:bot/insights",
  "/chatbots/:bot/assistant",
  "/chatbots/:bot/conversations",
  "/chatbots/:bot/conversations/:conversation",
  "/chatbots/:bot/search",
  "/chatbots/:bot/search?q=refund",
  "/chatbots/:bot/reports",
  "/chatbots/:bot/reports/:report",
  "/chatbots/:bot/users",
  "/chatbots/:bot/organizations",
  "/chatbots/:bot/users/u-ada",
  "/chatbots/:bot/organizations/org-acme",
  "/chatbots/:bot/workflows",
  "/chatbots/:bot/workflows/new",
  "/chatbots/:bot/analysis",
  "/chatbots/:bot/settings",
  "/chatbots/:bot/setup",
];

const COMBINATIONS = [
  { size: "1440×900", viewport: DESKTOP, colorScheme: "light" },
  { size: "1440×900", viewport: DESKTOP, colorScheme: "dark" },
  { size: "390×844", viewport: PHONE, colorScheme: "light" },
  { size: "390×844", viewport: PHONE, colorScheme: "dark" },
] as const;

browserSuite("Accessibility: every page in both themes, on a desktop and a phone", () => {
  let conversationId = "";
  let reportId = "";

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    conversationId = await latestConversationId(owner, e2e.demo.chatbotId);
    // A report holding every widget type, so each one's drawing is audited.
    const { data } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/reports`, { name: "Every widget", layout: everyWidgetLayout() });
    reportId = data.id;
  });

  describe.each(COMBINATIONS)("at $size in the $colorScheme theme", ({ viewport, colorScheme }) => {
    let browser: Browser;
    const consoleErrors: string[] = [];
    let loginPage: Findings;

    beforeAll(async () => {
      browser = await openBrowser(viewport, { colorScheme });
      browser.page.on("console", (message) => {
        // The session probe's 401 before log-in is how the dashboard learns nobody is signed in; Chromium logs it.
        if (message.location().url.endsWith("/api/v1/auth/session") && message.text().includes("401")) return;
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      browser.page.on("pageerror", (error) => consoleErrors.push(error.message));
      // The log-in page first (audited before anyone is signed in), then the member's pages.
      await browser.page.goto(`${e2e.url}/login`);
      await browser.page.getByRole("button", { name: "Log in" }).waitFor();
      loginPage = await audit(browser);
      loginPage.consoleErrors = [...consoleErrors];
      await logIn(browser.page, e2e.demo.email, e2e.demo.password);
    });
    afterAll(async () => browser?.close());

    it("/login: no serious or critical axe violation, no sideways scrolling, no console error", () => {
      expect(loginPage).toEqual({ colorScheme, violations: [], overflow: 0, consoleErrors: [] });
    });

    it.each(PAGES)("%s: no serious or critical axe violation, no sideways scrolling, no console error", async (template) => {
      const { page } = browser;
      consoleErrors.length = 0;
      const path = template.replace(":org", e2e.demo.organizationId).replace(":bot", e2e.demo.chatbotId).replace(":conversation", conversationId).replace(":report", reportId);
      await page.goto(`${e2e.url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const findings = await audit(browser);
      expect({ ...findings, consoleErrors }).toEqual({ colorScheme, violations: [], overflow: 0, consoleErrors: [] });
    });

    it("an open drawer and an open dialog: no serious or critical axe violation (each ✕ is named)", async () => {
      const { page } = browser;
      consoleErrors.length = 0;
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/attention`);
      await page.getByRole("button", { name: /^Act on the conversation with/ }).first().click();
      await page.getByRole("dialog").waitFor();
      expect((await audit(browser)).violations).toEqual([]);
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
      await page.getByRole("button", { name: "New key" }).click();
      await page.getByRole("dialog").waitFor();
      expect({ violations: (await audit(browser)).violations, consoleErrors }).toEqual({ violations: [], consoleErrors: [] });
    });
  });

  interface Findings {
    colorScheme: string | null;
    violations: Violation[];
    /** Pixels wider than the window, 0 when it fits. */
    overflow: number;
    consoleErrors?: string[];
  }

  async function audit({ page }: Browser): Promise<Findings> {
    // Skeletons end: every region has answered before the page is judged (a skeleton left fails here).
    await page.locator(".mantine-Skeleton-root").first().waitFor({ state: "detached", timeout: 20_000 });
    await settle(page);
    return {
      colorScheme: await page.locator("html").getAttribute("data-mantine-color-scheme"),
      violations: await axeViolations(page),
      overflow: Math.max(0, await horizontalOverflow(page)),
    };
  }
});

browserSuite("Theme: follows the system until a member picks one, then remembers it for that member", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser(DESKTOP, { colorScheme: "light" });
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  const scheme = () => browser.page.locator("html").getAttribute("data-mantine-color-scheme");

  it("switches to dark from the account menu, keeps it after a reload, and follows the system again after logging out", async () => {
    const { page } = browser;
    expect(await scheme()).toBe("light");
    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menuitem", { name: /^Theme: dark/ }).click();
    expect(await scheme()).toBe("dark");

    await page.reload();
    await page.getByRole("heading", { name: "Chatbots" }).waitFor();
    expect(await scheme()).toBe("dark");

    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log in" }).waitFor();
    // Nobody signed in: the log-in page follows the system (light here), not the last member's choice.
    expect(await scheme()).toBe("light");

    await logIn(page, e2e.demo.email, e2e.demo.password);
    expect(await scheme()).toBe("dark");
  });
});
