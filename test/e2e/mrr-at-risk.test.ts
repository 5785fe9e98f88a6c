import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, type Browser } from "./harness";
import { sdk } from "./harness";
import { recordDemoTraffic } from "./traffic";

const dollars = (text: string) => Number(text.replace(/[^\d.]/g, ""));

browserSuite("MRR at risk: one figure, and who makes it up a click away", () => {
  let browser: Browser;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("opens the breakdown from the overview's KPI, and its rows add up to the KPI", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    const kpi = page.getByTestId("kpi-mrr-value");
    await kpi.waitFor();
    // The demo traffic's frustrated Acme conversation is at risk: the figure is not zero.
    await expect.poll(async () => dollars(await kpi.innerText()), { timeout: 20_000 }).toBeGreaterThan(0);
    const shown = dollars(await kpi.innerText());

    await page.getByTestId("kpi-mrr-open").click();
    const rows = page.getByTestId("mrr-breakdown-row");
    await rows.first().waitFor();
    expect(await page.getByTestId("table-total").innerText()).not.toMatch(/–50 of/);
    const mrrs = await page.getByTestId("mrr-breakdown-mrr").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-mrr"))));
    const sum = mrrs.reduce((s, m) => s + m, 0);
    expect(Math.round(sum)).toBe(shown);
    expect(dollars(await page.getByTestId("mrr-breakdown-total").innerText())).toBe(shown);
    expect(await rows.filter({ hasText: "Acme Logistics" }).count()).toBe(1);
  });

  it("shows the same figure on Insights, with the same breakdown", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    const kpi = page.getByTestId("kpi-mrr-value");
    await kpi.waitFor();
    const overviewFigure = await kpi.innerText();
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/insights`);
    const figure = page.getByTestId("insights-mrr-at-risk");
    await figure.waitFor();
    expect(await figure.innerText()).toBe(overviewFigure);
    await page.getByRole("button", { name: "Who and why →" }).click();
    await page.getByTestId("mrr-breakdown-row").first().waitFor();
    expect(await page.getByTestId("mrr-breakdown-total").innerText()).toBe(overviewFigure);
  });
});
