/**
 * A workflow's in-app alert in the dashboard (README "Notifications"): the owner is on the chatbots list — no
 * chatbot's live feed open — when a message the workflow matches is sent through the SDK; the bell's unread
 * count rises on that page without a reload (the member's notification channel), the Notifications page lists
 * the alert, and opening it opens the conversation and marks it read.
 *
 * Robust under load: every step waits on the page's state (an aria-label, a row, an address), never on time,
 * and nothing is clicked inside the bell's popover (its transition made such clicks unreliable): the alert is
 * opened from the Notifications page.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, record, sdk, type ApiSession, type Browser } from "./harness";

/**
 * How long a live change may take to show on a loaded machine (a wait, not a measured assertion). Long enough
 * for a rate-limited read too: every browser test signs in as the demo owner, whose reads share one per-member
 * limit (raised for the browser tests in global-setup.ts), and the dashboard retries a 429 after its Retry-After
 * (at most the limiter's 60 s window).
 */
const LIVE = { timeout: 100_000 };

browserSuite("A workflow's in-app alert", () => {
  let owner: Browser;
  let ownerApi: ApiSession;
  let workflowId = "";
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Alert on plan ${suffix}`;
  // Only this file's message is on this plan: no other traffic of the demo chatbot fires the workflow.
  const plan = `alert-${suffix}`;
  const email = `alerted-${suffix}@example.com`;

  beforeAll(async () => {
    ownerApi = await apiLogin(e2e.demo.email, e2e.demo.password);
    const { data: session } = await apiCall<{ data: { member: { id: string } } }>(ownerApi, "GET", "/auth/session");
    const { data: workflow } = await apiCall<{ data: { id: string } }>(ownerApi, "POST", `/chatbots/${e2e.demo.chatbotId}/workflows`, {
      name,
      trigger: "user_message",
      conditions: [{ field: "user_plan", op: "=", value: plan }],
      actions: [{ type: "in_app", to: [session.member.id], template: "{{user.email}} asked for help" }],
    });
    workflowId = workflow.id;
    // Start from nothing unread, so any count on the bell comes after the message.
    await apiCall(ownerApi, "POST", "/notifications/read-all");
    owner = await openBrowser();
    await logIn(owner.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => {
    await owner?.close();
    if (workflowId) await apiCall(ownerApi, "DELETE", `/chatbots/${e2e.demo.chatbotId}/workflows/${workflowId}`);
  });

  it("raises the bell's count live on the chatbots list, lists the alert, and opening it opens the conversation and marks it read", async () => {
    const { page } = owner;
    const bell = page.getByRole("button", { name: /^Notifications/ });
    // logIn left the page on the chatbots list, where no chatbot's live feed is open.
    const listUrl = page.url();
    expect(listUrl).toMatch(/\/orgs\/[^/]+\/chatbots$/);
    await expect.poll(() => bell.getAttribute("aria-label"), LIVE).toBe("Notifications");
    // A mark on this document: still there afterwards means the page was never reloaded.
    await page.evaluate(() => Object.assign(globalThis, { __openbatNoReload: true }));

    const externalId = `alert-${suffix}`;
    await record(sdk(), { conversationId: externalId, messages: [{ role: "user", content: "Can someone look at my account settings, please?" }], user: { id: `u-${suffix}`, email, plan } });

    await expect.poll(() => bell.getAttribute("aria-label"), LIVE).toBe("Notifications, 1 unread");
    expect(page.url()).toBe(listUrl);
    expect(await page.evaluate(() => (globalThis as { __openbatNoReload?: boolean }).__openbatNoReload)).toBe(true);

    await page.goto(`${e2e.url}/notifications`);
    const alert = page.getByTestId("notification").filter({ hasText: name });
    await alert.waitFor(LIVE);
    expect(await alert.getAttribute("data-unread")).toBe("true");
    expect(await alert.innerText()).toContain(`${email} asked for help`);

    const { data: inbox } = await apiCall<{ data: { items: { title: string; conversationId: string }[] } }>(ownerApi, "GET", "/notifications?unread=true");
    const conversationId = inbox.items.find((n) => n.title === name)!.conversationId;
    // The alert names the SDK's conversation (once the index has it, by its external id too).
    await vi.waitFor(async () => {
      const { data } = await apiCall<{ data: { id: string }[] }>(ownerApi, "GET", `/chatbots/${e2e.demo.chatbotId}/conversations?externalId=${encodeURIComponent(externalId)}`);
      expect(data.map((c) => c.id)).toEqual([conversationId]);
    }, LIVE);

    await alert.click();
    await page.waitForURL(`**/chatbots/${e2e.demo.chatbotId}/conversations/${conversationId}`);
    // Opened, so read: the bell counts nothing, and the list shows it without the unread mark.
    await expect.poll(() => bell.getAttribute("aria-label"), LIVE).toBe("Notifications");
    await page.goBack();
    await page.waitForURL("**/notifications");
    await expect.poll(() => alert.getAttribute("data-unread"), LIVE).toBeNull();
  }, 360_000);

  it("keeps the Notifications page's \"… ago\" current while it stays open, without asking for the list again", async () => {
    const nora = await invitedMember(ownerApi, { name: "Nora Notified", role: "admin" });
    const externalId = `ticking-${suffix}`;
    await record(sdk(), { conversationId: externalId, messages: [{ role: "user", content: "Could someone call me back about my invoice?" }] });
    let conversationId = "";
    await vi.waitFor(async () => {
      const { data } = await apiCall<{ data: { id: string }[] }>(ownerApi, "GET", `/chatbots/${e2e.demo.chatbotId}/conversations?externalId=${encodeURIComponent(externalId)}`);
      expect(data).toHaveLength(1);
      conversationId = data[0]!.id;
    }, LIVE);
    // The owner assigns it to Nora: her one notification, "just now".
    await apiCall(ownerApi, "PATCH", `/chatbots/${e2e.demo.chatbotId}/conversations/${conversationId}/triage`, { assigneeId: nora.memberId });
    const reader = await openBrowser();
    try {
      // The page's clock, which the test moves on instead of waiting minutes.
      await reader.context.clock.install();
      await logIn(reader.page, nora.email, nora.password);
      await reader.page.goto(`${e2e.url}/notifications`);
      const item = reader.page.getByTestId("notification").first();
      await item.waitFor(LIVE);
      expect(await item.innerText()).toContain("just now");
      const asked: string[] = [];
      reader.page.on("request", (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith("/api/v1/notifications")) asked.push(pathname);
      });
      await reader.page.clock.fastForward("03:00");
      await expect.poll(() => item.innerText()).toContain("3 min ago");
      await reader.page.clock.fastForward("02:00");
      await expect.poll(() => item.innerText()).toContain("5 min ago");
      expect(asked).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
