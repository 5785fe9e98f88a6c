import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, logIn, openBrowser, record, sdk, type Browser } from "./harness";

/** Messages no intent covers, each request recurring in two conversations (ids fixed: recording twice stores nothing twice). */
const EXPORT = ["How do I export my contacts to CSV?", "Can I export contacts from the mobile version?", "export of all contacts with their tags"];
const WEBHOOK = ["Which webhook headers do you sign?", "the webhook headers look different in staging", "can webhook headers include our tenant"];

browserSuite("Analysis config: suggested intents", () => {
  let browser: Browser;

  beforeAll(async () => {
    const openbat = sdk();
    for (const [name, texts] of [["export", EXPORT], ["webhook", WEBHOOK]] as const) {
      await record(openbat, { conversationId: `suggest-${name}-1`, messages: texts.slice(0, 2).map((content, i) => ({ id: `suggest-${name}-m${i}`, role: "user" as const, content })) });
      await record(openbat, { conversationId: `suggest-${name}-2`, messages: [{ id: `suggest-${name}-m2`, role: "user", content: texts[2] ?? "" }] });
    }
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("lists a suggestion with its cluster size and a real example, and rejects one alone and one selected (once on a double click)", async () => {
    // Analysis runs after capture and reaches D1 within about a second.
    const session = await apiLogin(e2e.demo.email, e2e.demo.password);
    await expect
      .poll(async () => (await apiCall<{ data: { slug: string }[] }>(session, "GET", `/chatbots/${e2e.demo.chatbotId}/analysis/suggestions?limit=100`)).data.map((s) => s.slug), { timeout: 30_000 })
      .toEqual(expect.arrayContaining(["export_contacts", "webhook_headers"]));
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const exportRow = page.getByTestId("intent-suggestion").filter({ hasText: "export_contacts" });
    await exportRow.waitFor();
    // textContent: the badge is upper-cased by CSS only.
    expect(await exportRow.textContent()).toContain("3 messages");
    expect(await exportRow.textContent()).toContain("2 conversations");
    const example = (await exportRow.locator("p", { hasText: "“" }).innerText()).replace(/[“”]/g, "");
    expect(EXPORT).toContain(example);

    // Each row's buttons name their intent: one accessible name per button on the page.
    await page.getByRole("button", { name: "Reject intent export_contacts", exact: true }).click();
    await exportRow.waitFor({ state: "detached" });

    const webhookRow = page.getByTestId("intent-suggestion").filter({ hasText: "webhook_headers" });
    await webhookRow.getByRole("checkbox", { name: "Select webhook_headers" }).check();
    // The rejection is held until released, so the second click lands while the first is on its way.
    const rejectMany = /\/api\/v1\/chatbots\/[^/]+\/analysis\/suggestions\/reject$/;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    await page.route(rejectMany, async (route) => {
      sent += 1;
      await released;
      await route.continue();
    });
    try {
      const rejectSelected = page.getByRole("button", { name: "Reject selected (1)" });
      await rejectSelected.dblclick();
      await expect.poll(() => rejectSelected.getAttribute("data-loading")).not.toBeNull();
      release();
      await webhookRow.waitFor({ state: "detached" });
      expect(sent).toBe(1);
      expect(await page.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(rejectMany);
    }
  });
});
