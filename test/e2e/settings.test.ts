import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations } from "./audit";
import { apiCall, apiLogin, browserSuite, e2e, logIn, openBrowser, settle, type Browser } from "./harness";

/** The accessible name of each button (this dashboard names its buttons by aria-label or by their text). */
const BUTTON_NAMES = (nodes: unknown[]) => nodes.map((n) => {
  const el = n as { getAttribute(name: string): string | null; textContent: string | null };
  return (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
});

browserSuite("Settings: the keys list and the buttons of each row", () => {
  let browser: Browser;
  const marker = Date.now().toString(36);
  const revokedName = `Old server ${marker}`;
  const liveName = `New server ${marker}`;
  let live = { id: "", prefix: "" };

  beforeAll(async () => {
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const base = `/chatbots/${e2e.demo.chatbotId}/keys`;
    const old = (await apiCall<{ data: { id: string } }>(owner, "POST", base, { kind: "read", name: revokedName })).data;
    await apiCall(owner, "DELETE", `${base}/${old.id}`);
    live = (await apiCall<{ data: { id: string; prefix: string } }>(owner, "POST", base, { kind: "read", name: liveName })).data;
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("says a key is revoked in words, at AA contrast in both themes", async () => {
    const dark = await openBrowser(undefined, { colorScheme: "dark" });
    try {
      await logIn(dark.page, e2e.demo.email, e2e.demo.password);
      for (const { page } of [browser, dark]) {
        await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
        const row = page.getByTestId("keys-table").getByRole("row").filter({ hasText: revokedName });
        await row.getByTestId("key-revoked").waitFor();
        expect(await row.innerText()).toMatch(/revoked .*ago|revoked just now/);
        await settle(page);
        expect(await axeViolations(page)).toEqual([]);
      }
    } finally {
      await dark.close();
    }
  });

  it("names each row's buttons after the row, so no two buttons of a table share a name", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    const keys = page.getByTestId("keys-table");
    await keys.getByRole("row").filter({ hasText: liveName }).waitFor();
    await page.getByTestId("members-table").waitFor();
    for (const table of ["keys-table", "webhooks-table", "members-table"]) {
      const names = await page.getByTestId(table).getByRole("button").evaluateAll(BUTTON_NAMES);
      expect(new Set(names).size, `${table}: ${names.join(", ")}`).toBe(names.length);
    }
    // The visible word leads the name (WCAG 2.5.3), the key follows as its row shows it.
    await keys.getByRole("button", { name: `Revoke key ${liveName} (${live.prefix}…)`, exact: true }).waitFor();
    await keys.getByRole("button", { name: `Rotate key ${liveName} (${live.prefix}…)`, exact: true }).waitFor();
  });
});

browserSuite("Saving: the button is busy while it saves, and a double click sends once", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  /** Holds every `method` request to `url` until `release` is called; `sent` counts them. */
  async function hold(url: RegExp, method: string) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = { sent: 0, release };
    await browser.page.route(url, async (route) => {
      if (route.request().method() !== method) return route.continue();
      held.sent += 1;
      await released;
      await route.continue();
    });
    return held;
  }

  it("withdraws an invitation and adds a custom flag once each, busy meanwhile, with no error for a second request", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const email = `twice-${Date.now().toString(36)}@example.com`;
    await apiCall(owner, "POST", `/organizations/${e2e.demo.organizationId}/invitations`, { email, role: "member" });

    // Revoke, in a row of the invitations (a second DELETE of the same invitation would answer 404).
    const revoking = await hold(/\/api\/v1\/organizations\/[^/]+\/invitations\/[^/?]+$/, "DELETE");
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    const row = page.getByTestId("invitations-table").getByRole("row").filter({ hasText: email });
    const revoke = row.getByRole("button", { name: "Revoke" });
    await revoke.dblclick();
    await expect.poll(() => revoke.getAttribute("data-loading")).not.toBeNull();
    revoking.release();
    await row.waitFor({ state: "detached" });
    expect(revoking.sent).toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);

    // Add, in a form of the analysis configuration's custom definitions.
    const saving = await hold(/\/api\/v1\/chatbots\/[^/]+\/analysis\/config$/, "PATCH");
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/analysis`);
    const form = page.getByRole("form", { name: "Add to custom flags" });
    const slug = `once_${Date.now().toString(36)}`;
    await form.getByLabel("Slug").fill(slug);
    await form.getByLabel("Name").fill("Asked once");
    await form.getByLabel("Description").fill("Added by a double click");
    const add = form.getByRole("button", { name: "Add" });
    await add.dblclick();
    await expect.poll(() => add.getAttribute("data-loading")).not.toBeNull();
    saving.release();
    await page.getByText(slug, { exact: true }).waitFor();
    expect(saving.sent).toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);
  });
  it("sends a destination's test once for a double click, busy meanwhile", async () => {
    const { page } = browser;
    // A receiver on this machine (the e2e server allows loopback destinations) counts the deliveries that arrive.
    let delivered = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        delivered += 1;
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const testUrl = /\/api\/v1\/chatbots\/[^/]+\/webhooks\/[^/]+\/test$/;
    try {
      const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
      const name = `Tested once ${Date.now().toString(36)}`;
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await apiCall(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/webhooks`, { name, kind: "custom", url });

      const testing = await hold(testUrl, "POST");
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
      const row = page.getByTestId("webhooks-table").getByRole("row").filter({ hasText: name });
      const send = row.getByRole("button", { name: "Send test" });
      // Both presses in one task, before React has re-rendered the button as busy: a mouse's double click usually lands
      // its second press after that render, on a disabled button, so this is the case only the action's guard refuses.
      await send.evaluate((button) => {
        const pressed = button as unknown as { click(): void };
        pressed.click();
        pressed.click();
      });
      await expect.poll(() => send.getAttribute("data-loading")).not.toBeNull();
      testing.release();
      await row.getByText("Delivered").waitFor();
      expect(testing.sent).toBe(1);
      expect(delivered).toBe(1);
      expect(await page.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(testUrl);
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

browserSuite("Settings: each refusal is shown once, where it was made", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("opens a confirmation again without the refusal of the last attempt, which it showed in the dialog", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    // The archive is refused on its way (no answer at all), so nothing is archived.
    const chatbotUrl = /\/api\/v1\/organizations\/[^/]+\/chatbots\/[^/?]+$/;
    await page.route(chatbotUrl, (route) => (route.request().method() === "PATCH" ? route.abort("failed") : route.continue()));
    try {
      await page.getByRole("button", { name: "Archive", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Archive this chatbot?" });
      await dialog.getByRole("button", { name: "Archive" }).click();
      await dialog.getByRole("alert").waitFor();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByRole("button", { name: "Archive", exact: true }).click();
      await dialog.getByRole("button", { name: "Archive" }).waitFor();
      expect(await dialog.getByRole("alert").count()).toBe(0);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    } finally {
      await page.unroute(chatbotUrl);
    }
  });

  it("says a refused chatbot name and a refused key name once, beside the field", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    // Spaces pass the browser's `required` and are refused by the API, which names the field.
    const chatbot = page.getByRole("region", { name: "Chatbot" });
    await chatbot.getByLabel(/^Name/).fill("   ");
    await chatbot.getByRole("button", { name: "Save" }).click();
    await chatbot.getByText(/must not be blank/).first().waitFor();
    expect(await chatbot.getByText(/must not be blank/).count()).toBe(1);
    expect(await chatbot.getByRole("alert").count()).toBe(0);

    await page.getByRole("button", { name: "New key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel(/^Name/).fill("   ");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await dialog.getByText(/must not be blank/).first().waitFor();
    expect(await dialog.getByText(/must not be blank/).count()).toBe(1);
    expect(await dialog.getByRole("alert").count()).toBe(0);
  });

  it("says a refused invitation address, destination URL, new chatbot name and new organization name once, beside the field", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    // The browser takes an address without a dot in its domain; the API refuses it and names the field.
    const members = page.getByRole("region", { name: "Members and invitations" });
    await members.getByLabel(/^Invite by email/).fill("carl@localhost");
    await members.getByRole("button", { name: "Invite" }).click();
    await members.locator(".mantine-InputWrapper-error").first().waitFor();
    const inviteError = (await members.locator(".mantine-InputWrapper-error").first().textContent()) ?? "";
    expect(inviteError).not.toBe("");
    expect(await members.getByText(inviteError).count()).toBe(1);
    expect(await members.getByRole("alert").count()).toBe(0);

    // A private address is refused when the destination is saved, naming the URL.
    await page.getByRole("button", { name: "Add destination" }).click();
    const dialog = page.getByRole("dialog", { name: "New webhook destination" });
    await dialog.getByLabel(/^Name/).fill(`Private ${Date.now().toString(36)}`);
    await dialog.getByLabel(/^URL/).fill("https://10.0.0.1/hook");
    await dialog.getByRole("button", { name: "Add destination" }).click();
    await dialog.locator(".mantine-InputWrapper-error").first().waitFor();
    const urlError = (await dialog.locator(".mantine-InputWrapper-error").first().textContent()) ?? "";
    expect(urlError).not.toBe("");
    expect(await dialog.getByText(urlError).count()).toBe(1);
    expect(await dialog.getByRole("alert").count()).toBe(0);

    await page.goto(`${e2e.url}/orgs/${e2e.demo.organizationId}/chatbots`);
    await page.getByRole("button", { name: "New chatbot" }).click();
    const create = page.getByRole("dialog", { name: "New chatbot" });
    await create.getByLabel(/^Name/).fill("   ");
    await create.getByRole("button", { name: "Create chatbot" }).click();
    await create.getByText(/must not be blank/).first().waitFor();
    expect(await create.getByText(/must not be blank/).count()).toBe(1);
    expect(await create.getByRole("alert").count()).toBe(0);
    await page.keyboard.press("Escape");
    await create.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: "New organization" }).click();
    const org = page.getByRole("dialog", { name: "New organization" });
    await org.getByLabel(/^Organization name/).fill("   ");
    await org.getByRole("button", { name: "Create organization" }).click();
    await org.getByText(/must not be blank/).first().waitFor();
    expect(await org.getByText(/must not be blank/).count()).toBe(1);
    expect(await org.getByRole("alert").count()).toBe(0);
  });
});
