/**
 * The Analysis page's refused saves: each is shown once, beside what was saved. The alert at the top of the page
 * is for the configuration that failed to load, not for a save (which it used to repeat).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, type Browser } from "./harness";

browserSuite("The Analysis page shows a refused save once, beside what was saved", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("shows a refused custom definition once, beside its slug", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const form = page.getByRole("form", { name: "Add to custom topics" });
    await form.getByLabel("Slug").fill("Not A Slug");
    await form.getByLabel("Name").fill("Refused");
    await form.getByLabel("Description").fill("Its slug is not snake_case");
    await form.getByRole("button", { name: "Add" }).click();

    // The API's reason beside the slug, and no alert repeating it.
    await form.getByText("must be snake_case", { exact: false }).waitFor();
    expect(await page.getByText("must be snake_case", { exact: false }).count()).toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("says a refused prompt once, beside it", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const prompt = page.getByRole("textbox", { name: "Sentiment prompt" });
    await prompt.fill("Too short");
    // The sentiment prompt is the first of the four.
    await page.getByRole("button", { name: "Save prompt" }).first().click();
    await expect.poll(() => prompt.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("shows a failed switch once, in the section of the switches", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const section = page.getByRole("region", { name: "What is analysed" });
    const sentiment = section.getByRole("switch", { name: "Sentiment" });
    await sentiment.waitFor();
    // The connection drops on the way: no answer at all, as a user on a train sees it.
    await page.route(/\/api\/v1\/chatbots\/[^/]+\/analysis\/config$/, (route) => (route.request().method() === "PATCH" ? route.abort("failed") : route.continue()));
    try {
      await sentiment.click({ force: true });
      await section.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").count()).toBe(1);
    } finally {
      await page.unroute(/\/api\/v1\/chatbots\/[^/]+\/analysis\/config$/);
    }
  });

  it("clears the Context section's refusal once a later save there succeeds", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const section = page.getByRole("region", { name: "Context" });
    const competitors = section.getByLabel("Competitors", { exact: true });
    await competitors.waitFor();
    // The first save there is lost on the way; the next one goes through.
    const config = /\/api\/v1\/chatbots\/[^/]+\/analysis\/config$/;
    let refused = false;
    await page.route(config, (route) => {
      if (route.request().method() !== "PATCH" || refused) return route.continue();
      refused = true;
      return route.abort("failed");
    });
    try {
      await competitors.fill("Rival Corp");
      await competitors.press("Enter");
      await section.getByRole("alert").waitFor();
      const translate = section.getByRole("switch", { name: "Translate other languages" });
      const was = await translate.isChecked();
      await translate.click({ force: true });
      await expect.poll(() => translate.isChecked()).toBe(!was);
      expect(await section.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(config);
    }
  });
});
