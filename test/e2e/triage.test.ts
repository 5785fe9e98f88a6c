/**
 * Acting on a conversation in the dashboard (README "Acting on conversations"): the owner assigns, sets a
 * status, adds a note and creates a label from the conversation's page while an admin has the same page open
 * in a second browser, which shows each action live (no reload) and gets the assignment in its notification
 * centre; a read-only member sees the state and no controls. (A workflow's in-app alert reaching the bell live
 * is test/e2e/notifications.test.ts.)
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, record, sdk, type ApiSession, type Browser } from "./harness";

/** OpenBat's id of the conversation the SDK recorded as `externalId`, once the index has it. */
async function conversationIdOf(owner: ApiSession, externalId: string): Promise<string> {
  let id = "";
  await vi.waitFor(
    async () => {
      const { data } = await apiCall<{ data: { id: string }[] }>(owner, "GET", `/chatbots/${e2e.demo.chatbotId}/conversations?externalId=${encodeURIComponent(externalId)}`);
      if (!data[0]) throw new Error(`${externalId} not indexed yet`);
      id = data[0].id;
    },
    { timeout: 20_000, interval: 200 },
  );
  return id;
}

const panel = (page: Page) => page.getByTestId("triage-panel");

/** How long a live change may take to show on a loaded machine (a wait, not a measured assertion). */
const LIVE = { timeout: 20_000 };

/** Picks `option` in the panel's select labelled `label` (Mantine's Select: open it, click the option). */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await panel(page).getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

browserSuite("Acting on a conversation", () => {
  let owner: Browser;
  let colleague: Browser;
  let reader: Browser;
  let ownerApi: ApiSession;
  let admin: { email: string; password: string; memberId: string };
  let conversationId = "";
  const label = `Billing ${Date.now().toString(36)}`;
  const note = "Called the customer back; refund on its way.";

  beforeAll(async () => {
    ownerApi = await apiLogin(e2e.demo.email, e2e.demo.password);
    admin = await invitedMember(ownerApi, { name: "Ada Admin", role: "admin" });
    const externalId = `triage-${Date.now().toString(36)}`;
    await record(sdk(), { conversationId: externalId, messages: [{ role: "user", content: "I was charged twice this month and nobody answers my emails." }], user: { id: "u-triage", email: "charged@example.com" } });
    conversationId = await conversationIdOf(ownerApi, externalId);
    owner = await openBrowser();
    colleague = await openBrowser();
    await logIn(owner.page, e2e.demo.email, e2e.demo.password);
    await logIn(colleague.page, admin.email, admin.password);
  });
  afterAll(async () => {
    await owner?.close();
    await colleague?.close();
    await reader?.close();
  });

  const conversationUrl = () => `${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations/${conversationId}`;

  it("assigns, sets a status, adds a note and creates a label from the conversation's page, each shown live in another member's open page", async () => {
    await owner.page.goto(conversationUrl());
    await colleague.page.goto(conversationUrl());
    for (const { page } of [owner, colleague]) await panel(page).getByRole("combobox", { name: "Status", exact: true }).waitFor();
    await expect.poll(() => colleague.page.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label"), LIVE).toBe("Notifications");

    await choose(owner.page, "Status", "Escalated");
    await expect.poll(() => panel(colleague.page).getByRole("combobox", { name: "Status", exact: true }).inputValue(), LIVE).toBe("Escalated");

    await choose(owner.page, "Assignee", "Ada Admin");
    await expect.poll(() => panel(colleague.page).getByRole("combobox", { name: "Assignee", exact: true }).inputValue(), LIVE).toBe("Ada Admin");
    // The assignee's notification centre counts it at once (their notification channel, no reload).
    await expect.poll(() => colleague.page.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label"), LIVE).toBe("Notifications, 1 unread");
    // Picking the person already assigned keeps them (unassigning is the clear button's).
    const sent = owner.page.waitForRequest((r) => r.method() === "PATCH", { timeout: 1_500 }).then(
      () => true,
      () => false,
    );
    await choose(owner.page, "Assignee", "Ada Admin");
    expect(await sent).toBe(false);
    expect(await panel(owner.page).getByRole("combobox", { name: "Assignee", exact: true }).inputValue()).toBe("Ada Admin");

    await panel(owner.page).getByLabel("Note", { exact: true }).fill(note);
    await panel(owner.page).getByRole("button", { name: "Add note" }).click();
    await panel(colleague.page).getByTestId("note").filter({ hasText: note }).waitFor();
    expect(await panel(colleague.page).getByTestId("note").filter({ hasText: note }).innerText()).toContain("Demo Owner");

    await panel(owner.page).getByLabel("New label").fill(label);
    await panel(owner.page).getByRole("button", { name: "Create and add" }).click();
    await panel(colleague.page).getByTestId("label-badge").filter({ hasText: label }).waitFor();

    // The timeline, on both pages: one entry per action, newest first.
    for (const { page } of [owner, colleague]) {
      await expect.poll(() => panel(page).getByTestId("activity-item").count(), LIVE).toBe(4);
      const items = await panel(page).getByTestId("activity-item").allInnerTexts();
      expect(items[0]).toContain(`added the label ${label}`);
      expect(items[1]).toContain("added a note");
      expect(items[2]).toContain("assigned it to Ada Admin");
      expect(items[3]).toContain("set the status to escalated");
    }
  });

  it("shows each of the conversation's labels once, in its own colour, and takes one off with its ✕", async () => {
    const suffix = Date.now().toString(36);
    const made: { id: string; name: string }[] = [];
    for (const color of ["grape", "teal"]) {
      const { data } = await apiCall<{ data: { id: string; name: string } }>(ownerApi, "POST", `/chatbots/${e2e.demo.chatbotId}/labels`, { name: `Tint ${color} ${suffix}`, color });
      await apiCall(ownerApi, "PUT", `/chatbots/${e2e.demo.chatbotId}/conversations/${conversationId}/labels/${data.id}`);
      made.push(data);
    }
    const { page } = owner;
    await page.goto(conversationUrl());
    const p = panel(page);
    for (const label of made) await p.getByTestId("label-badge").filter({ hasText: label.name }).waitFor();
    // Once each: in the select itself, not again as a badge under it.
    for (const label of made) expect(await p.getByText(label.name, { exact: true }).count(), label.name).toBe(1);
    // In its colour: two labels of different colours are not drawn alike (the select's plain pills all were grey).
    const background = (name: string) =>
      p
        .getByTestId("label-badge")
        .filter({ hasText: name })
        .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(await background(made[0]!.name)).not.toBe(await background(made[1]!.name));

    await p.getByRole("button", { name: `Remove label ${made[0]!.name}` }).click();
    await expect.poll(() => p.getByText(made[0]!.name, { exact: true }).count(), LIVE).toBe(0);
    const { data } = await apiCall<{ data: { triage: { labels: { id: string }[] } } }>(ownerApi, "GET", `/chatbots/${e2e.demo.chatbotId}/conversations/${conversationId}`);
    expect(data.triage.labels.map((l) => l.id)).not.toContain(made[0]!.id);
    expect(data.triage.labels.map((l) => l.id)).toContain(made[1]!.id);
  });

  it("shows a read-only member the status, assignee, labels and notes, and no control to change them", async () => {
    const viewer = await invitedMember(ownerApi, { name: "Rita Reader", role: "member" });
    reader = await openBrowser();
    await logIn(reader.page, viewer.email, viewer.password);
    await reader.page.goto(conversationUrl());
    const p = panel(reader.page);
    await p.getByTestId("triage-status").waitFor();
    expect(await p.getByTestId("triage-status").innerText()).toMatch(/escalated/i);
    expect(await p.getByTestId("triage-assignee").innerText()).toBe("Assigned to Ada Admin");
    await p.getByTestId("label-badge").filter({ hasText: label }).waitFor();
    await p.getByTestId("note").filter({ hasText: note }).waitFor();
    expect(await p.locator("input, textarea, select").count()).toBe(0);
    for (const name of ["Add note", "Create and add"]) expect(await p.getByRole("button", { name }).count(), name).toBe(0);
    // The share link is for everyone.
    expect(await p.getByRole("button", { name: "Copy link" }).count()).toBe(1);
  });
});
