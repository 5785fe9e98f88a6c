/**
 * The overview's live feed controls: who and which organization on each row, the filter, pause on hover; a row's
 * conversation readable however many flags its message raised.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, DESKTOP, e2e, logIn, openBrowser, PHONE, record, sdk, type Browser } from "./harness";

const ORG = { id: "org-globex", name: "Globex Retail", plan: "pro", industry: "retail", mrr: 890 };

browserSuite("Live feed controls", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("labels the assistant, shows organization and plan, filters to negative or flagged, and holds still under the pointer", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByTestId("live-counters").waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();
    // Today is counted, and named, in the viewer's own zone, as in every other figure.
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await page.getByTestId("live-counters").innerText()).toContain(`Today (${zone})`);
    const token = crypto.randomUUID().slice(0, 8);
    await record(sdk(), {
      conversationId: `feed-${token}`,
      messages: [
        { id: `feed-${token}-m1`, role: "user", content: `This is broken and useless, I am furious (${token}).` },
        { id: `feed-${token}-m2`, role: "assistant", content: `Sorry to hear that, let me look (${token}).` },
        { id: `feed-${token}-m3`, role: "user", content: `Thanks, that works well (${token}).` },
      ],
      user: { id: "u-gina", name: "Gina Feed", email: "gina@globex.example" },
      organization: ORG,
    });
    const feed = page.getByTestId("live-feed");
    const items = feed.getByTestId("feed-item").filter({ hasText: token });
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(3);
    const assistant = items.filter({ hasText: "Sorry to hear that" });
    expect(await assistant.getAttribute("data-role")).toBe("assistant");
    expect(await assistant.innerText()).toContain("Assistant, to Gina Feed");
    expect(await items.filter({ hasText: "furious" }).getByTestId("feed-organization").innerText()).toBe("Globex Retail · pro");
    // Names lead to their profiles, as everywhere; the message to its conversation.
    const furious = items.filter({ hasText: "furious" });
    expect(await furious.getByTestId("user-link").getAttribute("href")).toBe(`/chatbots/${e2e.demo.chatbotId}/users/u-gina`);
    expect(await furious.getByTestId("organization-link").getAttribute("href")).toBe(`/chatbots/${e2e.demo.chatbotId}/organizations/${ORG.id}`);
    expect(await furious.getByRole("link", { name: /furious/ }).getAttribute("href")).toMatch(new RegExp(`/chatbots/${e2e.demo.chatbotId}/conversations/[0-9a-f]{64}$`));

    await page.getByText("Negative or flagged", { exact: true }).click();
    await expect.poll(() => items.filter({ hasText: "that works well" }).count(), { timeout: 10_000 }).toBe(0);
    expect(await items.filter({ hasText: "furious" }).count()).toBe(1);
    await page.getByText("All", { exact: true }).click();
    await expect.poll(() => items.count()).toBe(3);

    await feed.hover();
    await page.getByTestId("feed-paused").filter({ hasText: "Paused" }).waitFor();
    await record(sdk(), { conversationId: `feed-${token}`, messages: [{ id: `feed-${token}-m4`, role: "user", content: `One more thing (${token}).` }] });
    const waiting = page.getByTestId("feed-new");
    await waiting.waitFor({ timeout: 30_000 });
    expect(await items.filter({ hasText: "One more thing" }).count()).toBe(0);
    await waiting.click();
    await page.mouse.move(0, 0);
    await items.filter({ hasText: "One more thing" }).waitFor();
  });

  it("keeps a message's conversation readable beside many flags, on a desktop and at 390 px", async () => {
    const token = crypto.randomUUID().slice(0, 8);
    const conversation = `flags-${token}`;
    const flagNames = ["Churn risk", "Frustrated user", "Competitor mention", "Urgent request", "Confused user"];
    for (const viewport of [DESKTOP, PHONE]) {
      const viewer = await openBrowser(viewport);
      try {
        await logIn(viewer.page, e2e.demo.email, e2e.demo.password);
        await viewer.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
        await viewer.page.getByRole("status").filter({ hasText: "Live" }).first().waitFor();
        const id = `${conversation}-${viewport.width}`;
        await record(sdk(), {
          conversationId: id,
          messages: [{ role: "user", content: `URGENT!!! I need this fixed right now, I am furious, I'm cancelling my subscription and switching to Zendesk, and I'm confused how your pricing even works (${token}).` }],
        });
        const item = viewer.page.getByTestId("live-feed").getByTestId("feed-item").filter({ hasText: token });
        // Its flags arrive with its analysis: enough of them to fill a row's line on either screen.
        const flagsShown = async () => {
          const text = (await item.textContent()) ?? "";
          return flagNames.filter((name) => text.includes(name)).length;
        };
        await expect.poll(flagsShown, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
        // The conversation is there whole (not "a…"): its text fits the box it is drawn in, inside the row.
        const shown = item.getByText(id, { exact: true });
        const clipped = await shown.evaluate((el) => {
          const box = el as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth > box.clientWidth;
        });
        expect(clipped, `${viewport.width} px`).toBe(false);
        const [text, row] = [await shown.boundingBox(), await item.boundingBox()];
        expect(text!.x + text!.width, `${viewport.width} px`).toBeLessThanOrEqual(row!.x + row!.width);
      } finally {
        await viewer.close();
      }
    }
  });
});
