/**
 * The Analysis page's changes made while another one is still saving: none is sent twice, none undoes another, none
 * is lost. Each test holds the configuration's PATCHes on their way, so the second change lands mid-save.
 */
import type { Route } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, logIn, openBrowser, type ApiSession, type Browser } from "./harness";

const CONFIG = /\/api\/v1\/chatbots\/[^/]+\/analysis\/config$/;

interface Config {
  flags: Record<string, boolean>;
  competitors: string[];
  companyDescription: string;
}

/** A refusal of a save, as the API words one (the configuration changed too often meanwhile). */
const REFUSED = { status: 409, contentType: "application/json", body: JSON.stringify({ error: { code: "conflict", message: "The configuration kept changing; try again.", requestId: "e2e" } }) };

browserSuite("The Analysis page keeps a change made while another saves", () => {
  let browser: Browser;
  let owner: ApiSession;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
    owner = await apiLogin(e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  /** `expect.poll` for up to ten seconds, as the other browser suites wait: one second once failed on a machine busy building. */
  const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

  /** The Context section of the demo chatbot's Analysis page, opened afresh, and a marker for this test's values. */
  async function openContext() {
    await browser.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const section = browser.page.getByRole("region", { name: "Context" });
    const competitors = section.getByLabel("Competitors", { exact: true });
    await competitors.waitFor();
    return { section, competitors, description: section.getByLabel("Company description"), marker: Date.now().toString(36) };
  }

  const saved = async () => (await apiCall<{ data: Config }>(owner, "GET", `/chatbots/${e2e.demo.chatbotId}/analysis/config`)).data;

  /** Holds every PATCH of the configuration until `release`; `sent` counts them, `answered` those back since. */
  async function holdSaves() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = { sent: 0, answered: 0, release };
    const answered = (request: { method(): string; url(): string }) => {
      if (request.method() === "PATCH" && CONFIG.test(request.url())) held.answered += 1;
    };
    browser.page.on("requestfinished", answered);
    browser.page.on("requestfailed", answered);
    await browser.page.route(CONFIG, async (route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      held.sent += 1;
      await released;
      await route.continue();
    });
    return held;
  }

  /** Stops every PATCH of the configuration on its way, for the test to let through (`continue`) or answer, one by one. */
  async function catchSaves(): Promise<Route[]> {
    const caught: Route[] = [];
    await browser.page.route(CONFIG, (route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      caught.push(route);
    });
    return caught;
  }

  /** Lets the page render what it has received: two frames, then a moment for the query cache to tell its readers. */
  const rendered = () =>
    browser.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          // The cast stands in for the DOM types this Node file lacks.
          const page = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
          page.requestAnimationFrame(() => page.requestAnimationFrame(() => setTimeout(resolve, 100)));
        }),
    );

  it("does not let a second switch undo the first while the first saves", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const section = page.getByRole("region", { name: "What is analysed" });
    const churn = section.getByRole("switch", { name: "Churn risk" });
    const frustrated = section.getByRole("switch", { name: "Frustrated user" });
    // Churn risk off first, so the configuration names it: a stale copy of the flags would carry it as off.
    await churn.click({ force: true });
    await poll(async () => (await saved()).flags.churn_risk).toBe(false);
    await poll(() => churn.isChecked()).toBe(false);

    const saving = await holdSaves();
    try {
      await churn.click({ force: true });
      await poll(() => saving.sent).toBe(1);
      await frustrated.click({ force: true });
      saving.release();
      await poll(() => saving.answered).toBe(saving.sent);
      const flags = (await saved()).flags;
      expect(flags.churn_risk).not.toBe(false);
      // Whatever became of the second press, the switches say what was saved.
      await poll(() => churn.isChecked()).toBe(true);
      expect(await frustrated.isChecked()).toBe(flags.frustrated_user !== false);
    } finally {
      await page.unroute(CONFIG);
    }
  });

  it("keeps a competitor added while the one before is still saving", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const section = page.getByRole("region", { name: "Context" });
    const competitors = section.getByLabel("Competitors", { exact: true });
    await competitors.waitFor();
    const first = `Alpha ${Date.now().toString(36)}`;
    const second = `Beta ${Date.now().toString(36)}`;

    const saving = await holdSaves();
    try {
      await competitors.fill(first);
      await competitors.press("Enter");
      await poll(() => saving.sent).toBe(1);
      await competitors.fill(second);
      await competitors.press("Enter");
      saving.release();
      await poll(async () => (await saved()).competitors).toEqual(expect.arrayContaining([first, second]));
      await section.getByText(first, { exact: true }).waitFor();
      await section.getByText(second, { exact: true }).waitFor();
      expect(await section.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(CONFIG);
    }
  });

  it("keeps a competitor added while the description saves: shown while it saves after the description's answer, then saved", async () => {
    const { page } = browser;
    const { section, competitors, description, marker } = await openContext();
    const tag = `Gamma ${marker}`;
    const text = `We sell umbrellas (${marker}).`;

    const caught = await catchSaves();
    try {
      await description.fill(text);
      await description.blur();
      await poll(() => caught.length).toBe(1);
      await competitors.fill(tag);
      await competitors.press("Enter");
      await section.getByText(tag, { exact: true }).waitFor();
      // The description's answer comes back; the competitor's save goes out after it and is held.
      await caught[0]!.continue();
      await poll(() => caught.length).toBe(2);
      await rendered();
      expect(await section.getByText(tag, { exact: true }).count()).toBe(1);
      expect(await description.inputValue()).toBe(text);
      await caught[1]!.continue();
      await poll(async () => (await saved()).competitors).toContain(tag);
      expect((await saved()).companyDescription).toBe(text);
      await rendered();
      expect(await section.getByText(tag, { exact: true }).count()).toBe(1);
      expect(await section.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(CONFIG);
    }
  });

  it("says the refusal of a competitor's save begun just before a description save, once the description is saved", async () => {
    const { page } = browser;
    const { section, competitors, description, marker } = await openContext();
    const tag = `Delta ${marker}`;
    const text = `We sell raincoats (${marker}).`;

    const caught = await catchSaves();
    try {
      await competitors.fill(tag);
      await competitors.press("Enter");
      await poll(() => caught.length).toBe(1);
      await description.fill(text);
      await description.blur();
      // The competitor's save is refused; the description's goes out after it and is saved.
      await caught[0]!.fulfill(REFUSED);
      await poll(() => caught.length).toBe(2);
      await caught[1]!.continue();
      await poll(async () => (await saved()).companyDescription).toBe(text);
      await section.getByRole("alert").filter({ hasText: "The configuration kept changing" }).waitFor();
      // What the API kept: the description, not the refused competitor.
      await rendered();
      expect(await section.getByText(tag, { exact: true }).count()).toBe(0);
      expect(await description.inputValue()).toBe(text);
      expect((await saved()).competitors).not.toContain(tag);
    } finally {
      await page.unroute(CONFIG);
    }
  });
});
