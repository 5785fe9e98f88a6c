/**
 * Acting from a list (README "Needs attention now"): a frustrated message from a high-MRR user sent through
 * the SDK enters the queue; from its row, without leaving the queue, the owner assigns it, adds a note,
 * creates a label and marks it reviewed, and it leaves the queue. The conversations table's rows open the
 * same actions, and the row shows what was done.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, record, screenshot, sdk, type Browser } from "./harness";

/** How long a live change may take to show on a loaded machine (a wait, not a measured assertion). */
const LIVE = { timeout: 30_000 };

browserSuite("Acting from the attention queue and the conversations table", () => {
  let browser: Browser;
  const text = `Cancel everything now, this is the worst support ever (${Date.now().toString(36)})`;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  const row = (page: Page) => page.getByTestId("attention-row").filter({ hasText: text });
  const drawer = (page: Page) => page.getByRole("dialog", { name: /^Act on the conversation with/ });

  async function choose(page: Page, label: string, option: string): Promise<void> {
    await drawer(page).getByRole("combobox", { name: label, exact: true }).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  it("assigns, notes, labels and marks reviewed from the queue's row, and the row leaves the queue", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/attention`);
    await page.getByRole("heading", { name: "Needs attention now" }).waitFor();
    const externalId = `act-${Date.now().toString(36)}`;
    await record(sdk(), {
      conversationId: externalId,
      messages: [{ role: "user", content: `I am really frustrated and fed up. ${text}` }],
      user: { id: "u-act", name: "Act Now", email: "act@example.com", plan: "enterprise", mrr: 5000 },
    });
    // Live: the row appears without a reload.
    await row(page).waitFor(LIVE);

    await row(page).getByRole("button", { name: /^Act on the conversation with/ }).click();
    await drawer(page).getByRole("combobox", { name: "Status", exact: true }).waitFor();
    await choose(page, "Assignee", "Demo Owner");
    await expect.poll(() => drawer(page).getByRole("combobox", { name: "Assignee", exact: true }).inputValue(), LIVE).toBe("Demo Owner");

    await drawer(page).getByLabel("Note", { exact: true }).fill("Calling them now.");
    await drawer(page).getByRole("button", { name: "Add note" }).click();
    await drawer(page).getByTestId("note").filter({ hasText: "Calling them now." }).waitFor(LIVE);

    const label = `VIP ${Date.now().toString(36)}`;
    await drawer(page).getByLabel("New label").fill(label);
    await drawer(page).getByRole("button", { name: "Create and add" }).click();
    await drawer(page).getByTestId("label-badge").filter({ hasText: label }).waitFor(LIVE);
    await screenshot(page, "attention-act");

    await choose(page, "Status", "Reviewed");
    // Reviewed: it leaves the queue (until the user writes again); the drawer stays with the conversation.
    await expect.poll(() => row(page).count(), LIVE).toBe(0);
    await expect.poll(() => drawer(page).getByRole("combobox", { name: "Status", exact: true }).inputValue(), LIVE).toBe("Reviewed");
    await page.keyboard.press("Escape");
  });

  it("escalates from the conversations table's row, and the row shows the new status and label without a reload", async () => {
    const { page } = browser;
    const externalId = `table-act-${Date.now().toString(36)}`;
    await record(sdk(), { conversationId: externalId, messages: [{ role: "user", content: "Where is my refund? I have asked twice." }], user: { id: "u-table-act", name: "Tabitha Act" } });
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?q=${externalId}`);
    const tableRow = page.getByTestId("conversation-row").filter({ hasText: externalId });
    await tableRow.waitFor(LIVE);

    await tableRow.getByRole("button", { name: "Act on the conversation with Tabitha Act" }).click();
    // The button opens the drawer, not the conversation.
    await drawer(page).getByRole("combobox", { name: "Status", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/chatbots/${e2e.demo.chatbotId}/conversations`);
    await choose(page, "Status", "Escalated");
    const label = `Refunds ${Date.now().toString(36)}`;
    await drawer(page).getByLabel("New label").fill(label);
    await drawer(page).getByRole("button", { name: "Create and add" }).click();
    await drawer(page).getByTestId("label-badge").filter({ hasText: label }).waitFor(LIVE);
    await page.keyboard.press("Escape");

    await tableRow.getByText("Escalated", { exact: true }).waitFor(LIVE);
    await tableRow.getByText(label).waitFor(LIVE);
  });
});
