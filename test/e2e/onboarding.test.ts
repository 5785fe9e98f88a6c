import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../sdk/src/cli";
import { OpenBat } from "../../sdk/src/index";
import { browserSuite, e2e, logIn, openBrowser, screenshot, type Browser } from "./harness";

browserSuite("Setting up a new chatbot", () => {
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    browser.page.on("pageerror", (error) => pageErrors.push(error.message));
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("goes from a new chatbot to 'first message received' with the SDK sending one, then to done", async () => {
    const { page } = browser;
    const name = `Setup bot ${Date.now().toString(36)}`;
    await page.getByRole("button", { name: "New chatbot" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create chatbot" }).click();
    await page.getByRole("heading", { level: 1, name: `Set up ${name}` }).waitFor();
    expect(page.url()).toMatch(/\/chatbots\/cb_[^/]+\/setup$/);

    // Keys: made here, shown once.
    await page.getByRole("button", { name: "Create keys" }).click();
    const ingestKey = await page.getByTestId("setup-key-ingest").innerText();
    const readKey = await page.getByTestId("setup-key-read").innerText();
    expect(ingestKey).toMatch(/^ob_live_/);
    expect(readKey).toMatch(/^ob_read_/);
    expect(await page.getByTestId("setup-key-publishable").innerText()).toMatch(/^ob_pub_/);

    // Snippets carry the real keys and this deployment's address.
    await page.getByRole("button", { name: "Next: connect your chatbot" }).click();
    const status = page.getByTestId("first-message-status");
    await status.getByText("Waiting for your first message…").waitFor();
    await page.getByText(`apiKey: "${ingestKey}"`).first().waitFor();
    await page.getByRole("tab", { name: "Next.js + AI SDK" }).click();
    await page.getByText(`OPENBAT_API_KEY=${ingestKey}`).waitFor();
    await page.getByText("withOpenBat(result.toUIMessageStreamResponse").waitFor();
    await page.getByRole("tab", { name: "Check from a terminal" }).click();
    await page.getByText(`OPENBAT_READ_KEY=${readKey} OPENBAT_BASE_URL=${e2e.url} npx openbat verify`).waitFor();
    // The live feed is connected before the message is sent, so the change below is the live one.
    await status.getByText("Run one of the snippets above").waitFor();

    // `npx openbat verify` waits alongside the page, with the read key from the page.
    const lines: string[] = [];
    const verified = runCli(["verify", "--key", readKey, "--base-url", e2e.url, "--timeout", "60"], { env: {}, print: (l) => lines.push(l), error: (l) => lines.push(l), intervalMs: 500 });
    await expect.poll(() => lines.join("\n")).toContain("Waiting for the first message");

    // The integrator's server sends its first message with the key from the page.
    const openbat = new OpenBat({ apiKey: ingestKey, baseUrl: e2e.url });
    const sent = await openbat.recordMessages({ conversationId: "setup-first", messages: [{ role: "user", content: "Hello OpenBat, this is my first message!" }] });
    expect(sent).toMatchObject({ ok: true, inserted: 1 });

    await status.getByText("First message received").waitFor();
    await status.getByText("In conversation setup-first").waitFor();
    expect(await verified).toBe(0);
    expect(lines.at(-1)).toContain("conversation setup-first has 1 message");
    await screenshot(page, "onboarding-received");

    // Analysis categories through the analysis config API, then done.
    await page.getByRole("button", { name: "Next: choose what to analyse" }).click();
    await page.getByLabel("Topics").waitFor();
    await page.getByLabel("Competitor mention").uncheck();
    await page.getByRole("button", { name: "Save and finish" }).click();
    await page.getByText("All set: OpenBat is recording and analysing this chatbot.").waitFor();
    const chatbotId = /\/chatbots\/([^/]+)\/setup/.exec(page.url())![1]!;
    const config = await fetch(`${e2e.url}/api/v1/analysis/config`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(((await config.json()) as { data: { flags: Record<string, boolean> } }).data.flags.competitor_mention).toBe(false);

    // Resumable: opening setup again lands where it ended; the chatbot is no longer pending.
    await page.goto(`${e2e.url}/chatbots/${chatbotId}/setup`);
    await page.getByText("All set").waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("resumes a chatbot whose setup stopped after its keys at the waiting step, and can be skipped", async () => {
    const { page } = browser;
    const name = `Resumed bot ${Date.now().toString(36)}`;
    await page.goto(`${e2e.url}/orgs/${e2e.demo.organizationId}/chatbots`);
    await page.getByRole("button", { name: "New chatbot" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create chatbot" }).click();
    await page.getByRole("button", { name: "Create keys" }).click();
    await page.getByTestId("setup-key-ingest").waitFor();

    // Back to the list: the pending chatbot offers to continue its setup, which resumes after the keys.
    await page.goto(`${e2e.url}/orgs/${e2e.demo.organizationId}/chatbots`);
    // The card is named by its visible text (name, then status), as every link is.
    await page.getByRole("link", { name: new RegExp(`^${name} pending`) }).getByText("Continue setup").click();
    await page.getByTestId("first-message-status").getByText("Waiting for your first message…").waitFor();
    // The secrets are not shown a second time: the snippets hold placeholders instead.
    await page.getByText("Your keys were shown once").waitFor();
    await page.getByText('apiKey: "ob_live_… (your ingest key)"').waitFor();

    await page.getByRole("button", { name: "Skip setup" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
