import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, sdk, type Browser } from "./harness";

type Dissatisfied = { externalId: string; name: string | null; email: string | null }[];
import { recordDemoTraffic } from "./traffic";

const SECTIONS = [
  ["overview", "Overview"],
  ["insights", "User insights"],
  ["assistant", "Assistant performance"],
  ["conversations", "Conversations"],
  ["reports", "Reports"],
  ["users", "Users"],
  ["organizations", "Organizations"],
  ["workflows", "Workflows"],
  ["analysis", "Analysis config"],
  ["settings", "Settings"],
] as const;

browserSuite("Every chatbot page", () => {
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser();
    browser.page.on("pageerror", (error) => pageErrors.push(error.message));
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it.each(SECTIONS)("renders /%s from the navigation without an error", async (path, title) => {
    const { page } = browser;
    // Each starts on a page of its own choosing (another section), whatever the previous test left open.
    const start = path === "overview" ? "settings" : "overview";
    pageErrors.length = 0;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/${start}`);
    await page.getByRole("navigation", { name: "Chatbot" }).waitFor();
    await page.getByRole("navigation", { name: "Chatbot" }).getByRole("link", { name: title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(page.url()).toContain(`/chatbots/${e2e.demo.chatbotId}/${path}`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("opens the attention queue from the navigation, its link counting what is in it", async () => {
    const { page } = browser;
    pageErrors.length = 0;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByRole("navigation", { name: "Chatbot" }).getByRole("link", { name: /^Needs attention/ }).click();
    await page.getByRole("heading", { level: 1, name: "Needs attention now" }).waitFor();
    expect(page.url()).toContain(`/chatbots/${e2e.demo.chatbotId}/attention`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("lets the keyboard skip straight to the content", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate("document.activeElement?.textContent");
    expect(focused).toBe("Skip to content");
  });

  it("links a user's name to their profile, and from it to their organization and every conversation of theirs", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/users`);
    await page.getByTestId("users-table").getByRole("link", { name: "Ada Lovelace", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Ada Lovelace" }).waitFor();
    expect(page.url()).toContain(`/chatbots/${e2e.demo.chatbotId}/users/u-ada`);
    // Her plan's MRR, the flags her frustrated conversation raised, and that conversation linked.
    expect(await page.getByTestId("profile-mrr").innerText()).toMatch(/\$4,200/);
    await page.getByTestId("profile-flags").getByText("Frustrated user").waitFor();
    await page.getByTestId("profile-conversations").getByRole("link", { name: "demo-cancel-1" }).waitFor();

    await page.getByRole("link", { name: "Acme Logistics" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Acme Logistics" }).waitFor();
    expect(page.url()).toContain(`/chatbots/${e2e.demo.chatbotId}/organizations/org-acme`);
    await page.getByRole("link", { name: "Alan Turing" }).first().waitFor();

    await page.getByRole("link", { name: /^All \d+ in the table/ }).click();
    await page.getByTestId("conversation-row").first().waitFor();
    expect(page.url()).toContain("organization=org-acme");
    const rows = await page.getByTestId("conversation-row").allInnerTexts();
    expect(rows.every((r) => r.includes("Acme Logistics"))).toBe(true);

    // And back: a name in the conversations table opens that profile, not the conversation.
    await page.getByTestId("conversation-row").first().getByTestId("organization-link").click();
    await page.getByRole("heading", { level: 1, name: "Acme Logistics" }).waitFor();
    // The conversation's own page names its user the same way.
    await page.getByTestId("profile-conversations").getByRole("link", { name: "demo-cancel-1" }).click();
    await page.getByTestId("sidebar-user").getByTestId("user-link").click();
    await page.getByRole("heading", { level: 1, name: "Ada Lovelace" }).waitFor();
  });

  it("names the most dissatisfied users as the other tables do: the name, else the email, else the external id", async () => {
    const { page } = browser;
    const answer = page.waitForResponse((r) => /\/analytics\/insights\?/.test(r.url()) && r.ok());
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/insights`);
    const users = ((await (await answer).json()) as { data: { mostDissatisfiedUsers: Dissatisfied } }).data.mostDissatisfiedUsers;
    expect(users.some((u) => u.name && u.email)).toBe(true);
    const table = page.getByTestId("dissatisfied-users");
    await table.waitFor();
    expect(await table.getByTestId("user-link").allInnerTexts()).toEqual(users.map((u) => u.name || u.email || u.externalId));
  });

  it("carries the range chosen on a page into the profiles its names lead to, and from profile to profile", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/insights?range=30d`);
    await page.getByTestId("dissatisfied-users").getByTestId("user-link").first().click();
    await page.waitForURL(/\/users\//);
    expect(new URL(page.url()).searchParams.get("range")).toBe("30d");

    // A profile opened with a range passes it on through its own links.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/users/u-ada?range=90d`);
    await page.getByRole("heading", { level: 1, name: "Ada Lovelace" }).waitFor();
    await page.getByRole("link", { name: "Acme Logistics" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Acme Logistics" }).waitFor();
    expect(new URL(page.url()).searchParams.get("range")).toBe("90d");
    await page.getByRole("link", { name: "Alan Turing" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Alan Turing" }).waitFor();
    expect(new URL(page.url()).searchParams.get("range")).toBe("90d");
  });
});
