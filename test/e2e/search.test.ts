import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, record, screenshot, sdk, type Browser } from "./harness";

browserSuite("Search: a phrase sent through the SDK, found and opened at its message", () => {
  let browser: Browser;
  const phrase = "the periwinkle invoice drawer refuses to open";
  const conversationId = `search-e2e-${Date.now()}`;
  const hitId = `${conversationId}-m27`;

  beforeAll(async () => {
    // A long thread, the phrase near its end: opening the hit has to scroll to it.
    const messages = Array.from({ length: 30 }, (_, i) => ({
      id: `${conversationId}-m${i + 1}`,
      role: (i % 2 ? "assistant" : "user") as "user" | "assistant",
      content: i === 26 ? `Since this morning ${phrase}, whatever I click.` : `Message ${i + 1} about something else entirely, with enough words to take some room on the screen.`,
    }));
    await record(sdk(), { conversationId, messages, user: { id: "u-search", name: "Sam Searcher", email: "sam@search.example" } });
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("finds the phrase, marks it in the result, and opens the conversation scrolled to the highlighted message", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/search`);
    const box = page.getByTestId("search-box");
    await box.fill(`"${phrase}"`);
    await box.press("Enter");
    expect(page.url()).toContain("q=");

    // The index follows each conversation within about a second: search again until the hit is there.
    const results = page.getByTestId("search-results").getByRole("link");
    await expect
      .poll(
        async () => {
          if ((await results.count()) > 0) return results.count();
          await page.reload();
          await page.getByTestId("semantic-status").or(page.getByText("No message matches")).first().waitFor();
          return results.count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    const marked = await page.getByTestId("search-snippet").locator("mark").allInnerTexts();
    expect(marked.join(" ").toLowerCase()).toContain("periwinkle");
    expect(await results.first().innerText()).toContain("Sam Searcher");
    expect(await page.getByTestId("semantic-status").innerText()).toContain("words only");
    await screenshot(page, "search");

    // Keyboard: the down arrow from the box reaches the result, Enter opens it.
    await box.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname.includes("/conversations/") && url.searchParams.get("msg") === hitId);

    const highlighted = page.locator("[data-highlighted]");
    await highlighted.waitFor();
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.innerText()).toContain(phrase);
    // Scrolled to it: the highlighted message is in the viewport, the thread's first message is not.
    type Box = { getBoundingClientRect(): { top: number; bottom: number } };
    await expect.poll(() => highlighted.evaluate((el) => {
      const r = (el as unknown as Box).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
    })).toBe(true);
    const first = page.getByTestId("thread-message").first();
    expect(await first.evaluate((el) => (el as unknown as Box).getBoundingClientRect().bottom < 0)).toBe(true);
  });
});
