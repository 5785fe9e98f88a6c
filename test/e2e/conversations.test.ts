import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, record, screenshot, sdk, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

/** The window and an element, as far as these tests use them (this Node file has no DOM types). */
type Win = { scrollY: number; scrollTo(x: number, y: number): void; requestAnimationFrame(callback: () => void): number };
type Box = { getBoundingClientRect(): { top: number } };

browserSuite("Conversations: from a filter to the conversation behind it", () => {
  let browser: Browser;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  const total = async () => Number(/of ([\d,]+)/.exec(await browser.page.getByTestId("table-total").innerText())?.[1]?.replace(/,/g, "") ?? "0");

  it("narrows the table to one plan with a filter, every row on that plan", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations`);
    // The D1 index follows each conversation within about a second.
    await expect.poll(() => total(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    const before = await total();

    await page.getByRole("button", { name: /^Filters/ }).click();
    await page.getByLabel("Plan").fill("enterprise");
    await expect.poll(() => total(), { timeout: 10_000 }).toBeLessThan(before);
    expect(page.url()).toContain("plan=enterprise");

    const rows = page.getByTestId("conversation-row");
    const count = await rows.count();
    expect(count).toBe(await total());
    expect(count).toBeGreaterThan(0);
    // The Plan column (9th by default: conversation, flags, sentiment, last user message, user, organization, status, labels, plan) says enterprise on every row.
    const plans = await rows.locator("td:nth-child(9)").allInnerTexts();
    expect(plans.every((p) => p === "enterprise")).toBe(true);
    await screenshot(page, "conversations");

    // Back undoes the last filter, not the whole page: the table comes back unfiltered, on this page.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe(`/chatbots/${e2e.demo.chatbotId}/conversations`);
    expect(new URL(page.url()).searchParams.get("plan")).toBeNull();
    await expect.poll(() => total(), { timeout: 10_000 }).toBeGreaterThanOrEqual(before);

    // A page past the last (an old link) says so, not "no conversations yet", and leads to the last page.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?page=999`);
    await page.getByText("Page 999 is past the last one").waitFor();
    expect(await page.getByText("No conversations yet").count()).toBe(0);
    await page.getByRole("button", { name: /^Go to page / }).click();
    await page.getByTestId("conversation-row").first().waitFor();
    expect(Number(new URL(page.url()).searchParams.get("page") ?? "1")).toBeLessThan(999);

    // A bad filter in a shared address is refused in the panel's own words.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?mrrMin=abc`);
    await page.getByRole("alert").filter({ hasText: 'MRR from: must be a number, not "abc"' }).waitFor();
  });

  it("holds the reader's scroll position when a live update moves the row they are looking at to the top", async () => {
    const { page } = browser;
    const openbat = sdk();
    const marker = Date.now().toString(36);
    // A full first page of conversations of its own, so the table is taller than the window.
    const ids = Array.from({ length: 26 }, (_, i) => `scroll-${marker}-${String(i).padStart(2, "0")}`);
    for (const id of ids) await record(openbat, { conversationId: id, messages: [{ role: "user", content: `Question ${id}: where is my invoice?` }] });
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations`);
    const rows = page.getByTestId("conversation-row");
    await page.getByRole("link", { name: ids.at(-1)!, exact: true }).waitFor({ timeout: 20_000 });

    // Scrolled down: a row halfway down the page sits at the top of the window, below the fixed header.
    const target = rows.nth(12);
    const targetId = (await target.getAttribute("data-conversation-id"))!;
    // Functions, not strings (the dashboard's CSP refuses eval); the casts stand in for the DOM types this Node file lacks.
    await target.evaluate((row) => {
      const w = globalThis as unknown as Win;
      w.scrollTo(0, (row as unknown as Box).getBoundingClientRect().top + w.scrollY - 120);
    });
    const scrollY = () => page.evaluate(() => (globalThis as unknown as Win).scrollY);
    const before = await scrollY();
    expect(before).toBeGreaterThan(300);

    // That conversation gets a message: newest first, its row moves to the top of the table.
    const externalId = (await target.getByRole("link").first().innerText()).trim();
    await record(openbat, { conversationId: externalId, messages: [{ role: "user", content: "Any news about it?" }] });
    await expect.poll(() => rows.first().getAttribute("data-conversation-id"), { timeout: 20_000 }).toBe(targetId);
    // A frame for any scroll adjustment to land, then the window is where the reader left it.
    await page.evaluate(() => new Promise((resolve) => (globalThis as unknown as Win).requestAnimationFrame(() => (globalThis as unknown as Win).requestAnimationFrame(() => resolve(null)))));
    expect(await scrollY()).toBe(before);
  });

  /**
   * Opens a conversation from the table, whatever page an earlier test left open; searched for, since the tests
   * above add conversations that push the demo's off the first page.
   */
  async function openConversation(externalId: string) {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?q=${encodeURIComponent(externalId)}`);
    await page.getByRole("link", { name: externalId }).click();
    await page.getByTestId("thread-message").first().waitFor();
  }

  it("shows the thread with clickable annotations and the session sidebar", async () => {
    const { page } = browser;
    await openConversation("demo-cancel-1");
    expect(await page.getByTestId("thread-message").count()).toBe(3);

    // A sentiment badge opens what drove the score.
    const why = page.getByRole("button", { name: /^Why: Sentiment/ }).first();
    await why.waitFor();
    await why.click();
    const dropdown = page.getByRole("dialog").filter({ hasText: /^Sentiment/ });
    await dropdown.waitFor();
    expect((await dropdown.innerText()).length).toBeGreaterThan(20);
    await page.keyboard.press("Escape");

    // A flag opens its reason too.
    await page.getByRole("button", { name: /^Why flag/ }).first().click();
    await page.getByRole("dialog").filter({ hasText: /^Flag:/ }).waitFor();
    await page.keyboard.press("Escape");

    const user = page.getByTestId("sidebar-user");
    await expect.poll(() => user.innerText()).toContain("ada@acme.example");
    expect(await user.innerText()).toContain("$4,200");
    const organization = await page.getByTestId("sidebar-organization").innerText();
    expect(organization).toContain("Acme Logistics");
    expect(organization).toContain("enterprise");
    // The detected language: a badge by the title, by each user message, and in the sidebar.
    await expect.poll(() => page.getByTestId("sidebar-conversation").innerText()).toMatch(/Language\s+en/);
    expect(await page.getByTestId("thread-message").first().getByTestId("language-badge").innerText()).toBe("en");
    const session = await page.getByTestId("sidebar-session").innerText();
    for (const fact of ["desktop", "GB", "https://app.acme.example/billing", "https://www.google.com/"]) expect(session).toContain(fact);
    // The picture shows an annotation opened, as a person would click it.
    await page.getByRole("button", { name: /^Why: Sentiment/ }).first().click();
    await page.getByRole("dialog").filter({ hasText: /^Sentiment/ }).waitFor();
    await screenshot(page, "conversation-detail");
    await page.keyboard.press("Escape");
  });

  it("says a link's label no longer exists, instead of the API's refusal, and clears just that filter in one click", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const { data: label } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/labels`, { name: `Gone ${Date.now().toString(36)}`, color: "red" });
    await apiCall(owner, "DELETE", `/chatbots/${e2e.demo.chatbotId}/labels/${label.id}`);
    // A link kept from before the label was deleted, with another filter beside it.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?plan=enterprise&labelId=${label.id}`);
    const notice = page.getByTestId("stale-label-filter");
    await notice.waitFor();
    expect(await notice.innerText()).toContain("This label no longer exists");
    expect(await page.getByRole("alert").filter({ hasText: "labelId" }).count()).toBe(0);
    await notice.getByRole("button", { name: "Clear the label filter" }).click();
    await page.getByTestId("conversation-row").first().waitFor();
    const params = new URL(page.url()).searchParams;
    expect(params.get("labelId")).toBeNull();
    expect(params.get("plan")).toBe("enterprise");
    expect(await notice.count()).toBe(0);
  });

  it("says a link's assignee left and its custom flag was deleted, instead of the API's refusal, and clears each of those filters alone", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const left = await invitedMember(owner, { name: "Lea Left", role: "member" });
    await apiCall(owner, "DELETE", `/organizations/${e2e.demo.organizationId}/members/${left.memberId}`);
    const configPath = `/chatbots/${e2e.demo.chatbotId}/analysis/config`;
    const { data: config } = await apiCall<{ data: { customFlags: { slug: string; name: string; description: string }[] } }>(owner, "GET", configPath);
    const slug = `gone_${Date.now().toString(36)}`;
    await apiCall(owner, "PATCH", configPath, { customFlags: [...config.customFlags, { slug, name: "Gone flag", description: "A flag deleted after the link was shared" }] });
    await apiCall(owner, "PATCH", configPath, { customFlags: config.customFlags });

    // A link kept from before both went away, with a built-in flag and another filter beside them.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?plan=enterprise&assignee=${left.memberId}&flags=churn_risk,${slug}`);
    const assignee = page.getByTestId("stale-assignee-filter");
    const flag = page.getByTestId("stale-flag-filter");
    await assignee.waitFor();
    expect(await assignee.innerText()).toContain("This assignee is no longer a member");
    expect(await flag.innerText()).toContain("This flag no longer exists");
    expect(await page.getByRole("alert").filter({ hasText: /assignee:|flags:/ }).count()).toBe(0);
    const chips = page.locator(`[aria-label="Active filters"]`);
    await expect.poll(() => chips.innerText()).toContain("Flags: Churn risk, deleted flag");
    expect(await chips.innerText()).toContain("Assignee: former member");

    await assignee.getByRole("button", { name: "Clear the assignee filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("assignee")).toBeNull();
    await flag.getByRole("button", { name: "Clear the flag filter" }).click();
    await page.getByTestId("conversations-table").waitFor();
    const params = new URL(page.url()).searchParams;
    expect(params.get("flags")).toBe("churn_risk");
    expect(params.get("plan")).toBe("enterprise");
    expect(await page.getByTestId(/^stale-/).count()).toBe(0);

    // Search's flag filter says the same.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/search?q=refund&flag=${slug}`);
    await page.getByTestId("stale-flag-filter").getByRole("button", { name: "Clear the flag filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("flag")).toBeNull();
    expect(new URL(page.url()).searchParams.get("q")).toBe("refund");
  });

  it("updates an open conversation in place when a message arrives", async () => {
    const { page } = browser;
    await openConversation("demo-pricing-1");
    const shown = await page.getByTestId("thread-message").count();
    const line = `One more thing ${Date.now().toString(36)}: the invoice is wrong too.`;
    const result = await sdk().recordMessages({ conversationId: "demo-pricing-1", messages: [{ role: "user", content: line }] });
    expect(result?.inserted).toBe(1);
    await page.getByTestId("thread-message").filter({ hasText: line }).waitFor();
    expect(await page.getByTestId("thread-message").count()).toBe(shown + 1);
  });

  it("shows user insights with revenue signals", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/insights`);
    await page.getByTestId("revenue-mrr-at-risk").waitFor();
    expect(await page.getByTestId("revenue-mrr-at-risk").innerText()).toMatch(/\$[\d,]+/);
    await screenshot(page, "insights");
  });
});
