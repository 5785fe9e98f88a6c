import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, DESKTOP, e2e, latestConversationId, logIn, openBrowser, PHONE, sdk, settle, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

/** What a finger can press: buttons, navigation links, tabs, inputs and selects (a pills input's inner field is inside its 44 px box). */
const CONTROLS = 'button, [role="button"], a.mantine-NavLink-root, [role="tab"], select, input:not([type="checkbox"], [type="radio"], [type="hidden"], .mantine-PillsInput-field, [class*="PillsInputField"])';

/** The visible controls under `scope` smaller than 44 × 44 px, each as "width×height name". */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.locator(CONTROLS).evaluateAll((nodes) =>
    nodes.flatMap((n) => {
      const el = n as unknown as { checkVisibility(): boolean; getBoundingClientRect(): { width: number; height: number }; getAttribute(name: string): string | null; textContent: string | null };
      if (!el.checkVisibility()) return [];
      const { width, height } = el.getBoundingClientRect();
      return width >= 44 && height >= 44 ? [] : [`${Math.round(width)}×${Math.round(height)} ${(el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("placeholder") ?? "").trim().slice(0, 40)}`];
    }),
  );
}

type Rect = { left: number; right: number; top: number; bottom: number };
const rectOf = (locator: Locator) => locator.evaluate((n) => (n as unknown as { getBoundingClientRect(): Rect }).getBoundingClientRect());

browserSuite("Phones: a header that fits and controls a finger can press", () => {
  let phone: Browser;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    phone = await openBrowser(PHONE);
    await logIn(phone.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => phone?.close());

  it("fits the header in 390 px, the account menu and its Log out in view", async () => {
    const { page } = phone;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations`);
    await page.getByRole("heading", { level: 1, name: "Conversations" }).waitFor();
    const header = page.locator(".mantine-AppShell-header");
    const [scrollWidth, clientWidth] = await header.evaluate((n) => [(n as unknown as { scrollWidth: number }).scrollWidth, (n as unknown as { clientWidth: number }).clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
    const account = page.getByRole("button", { name: /^Account:/ });
    expect((await rectOf(account)).right).toBeLessThanOrEqual(PHONE.width);
    await account.click();
    const logOut = page.getByRole("menuitem", { name: "Log out" });
    await logOut.waitFor();
    const box = await rectOf(logOut);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press("Escape");
  });

  it.each([
    ["the conversations table with its filters open", "conversations"],
    ["the users table", "users"],
    ["the organizations table", "organizations"],
    ["settings", "settings"],
    ["the analysis config", "analysis"],
  ])("makes every control of %s at least 44 × 44 px", async (_name, path) => {
    const { page } = phone;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/${path}`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.locator(".mantine-Skeleton-root").first().waitFor({ state: "detached", timeout: 20_000 });
    if (path === "conversations") await page.getByRole("button", { name: /^Filters/ }).click();
    await settle(page);
    expect(await smallTargets(page.locator("body"))).toEqual([]);
  });

  it("makes every control of a conversation's page at least 44 × 44 px, its actions' clear and remove buttons and the logo too", async () => {
    const { page } = phone;
    // Assigned and labelled, so the assignee's clear button and the label's remove button are on the page.
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const id = await latestConversationId(owner, e2e.demo.chatbotId);
    const conversation = `/chatbots/${e2e.demo.chatbotId}/conversations/${id}`;
    const { data: session } = await apiCall<{ data: { member: { id: string } } }>(owner, "GET", "/auth/session");
    await apiCall(owner, "PATCH", `${conversation}/triage`, { assigneeId: session.member.id });
    const { data: label } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/labels`, { name: `phone-${Date.now().toString(36)}`, color: "blue" });
    await apiCall(owner, "PUT", `${conversation}/labels/${label.id}`);
    await page.goto(`${e2e.url}${conversation}`);
    await page.getByText("Assignee").first().waitFor();
    await page.locator(".mantine-Skeleton-root").first().waitFor({ state: "detached", timeout: 20_000 });
    await settle(page);
    expect(await smallTargets(page.locator("body"))).toEqual([]);
    const logo = await rectOf(page.getByRole("link", { name: "OpenBat: all chatbots" }));
    expect(Math.min(logo.right - logo.left, logo.bottom - logo.top)).toBeGreaterThanOrEqual(44);
  });

  it("keeps a desktop with a mouse compact: the account button shows the member's name, buttons their usual height", async () => {
    const desktop = await openBrowser(DESKTOP);
    try {
      await logIn(desktop.page, e2e.demo.email, e2e.demo.password);
      const { page } = desktop;
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations`);
      await page.getByRole("heading", { level: 1, name: "Conversations" }).waitFor();
      expect((await page.getByRole("button", { name: /^Account:/ }).innerText()).trim().length).toBeGreaterThan(0);
      const filters = await rectOf(page.getByRole("button", { name: /^Filters/ }));
      expect(filters.bottom - filters.top).toBeLessThan(44);
    } finally {
      await desktop.close();
    }
  });
});
