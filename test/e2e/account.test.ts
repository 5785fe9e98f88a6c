/**
 * A member's own account page (README "Accounts and the dashboard's routes"): from the account menu, the name is
 * changed (the header shows it at once) and the password is changed with the current one — this tab stays
 * logged in and can still change things (the renewed session's CSRF token), another browser's session ends,
 * and only the new password logs in. A member of its own, invited for this file: the demo owner's password,
 * which every other browser test logs in with, is left alone.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, type ApiSession, type Browser } from "./harness";

browserSuite("A member's own account", () => {
  let browser: Browser;
  let elsewhere: ApiSession;
  const email = `account-${Date.now().toString(36)}@example.com`;
  const password = "my first password";
  const next = "my second password";

  beforeAll(async () => {
    await invitedMember(await apiLogin(e2e.demo.email, e2e.demo.password), { name: "Ann Account", role: "member", email, password });
    elsewhere = await apiLogin(email, password);
    browser = await openBrowser();
    await logIn(browser.page, email, password);
  });
  afterAll(async () => browser?.close());

  it("changes the member's name from the account menu, and the header shows it", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Account: Ann Account" }).click();
    await page.getByRole("menuitem", { name: "Your account" }).click();
    await page.waitForURL(/\/account$/);
    const name = page.getByRole("textbox", { name: /^Name/ });
    await name.fill("Ann Lovelace");
    await page.getByRole("button", { name: "Save the name" }).click();
    await page.getByRole("button", { name: "Account: Ann Lovelace" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  });

  it("saves the name once on a double click, the button busy meanwhile", async () => {
    const { page } = browser;
    // Every PATCH of the name is held until released, so the second click lands while the first is on its way.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    await page.route(/\/api\/v1\/auth\/me$/, async (route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      sent += 1;
      await released;
      await route.continue();
    });
    try {
      await page.getByRole("textbox", { name: /^Name/ }).fill("Ann Twice");
      const save = page.getByRole("button", { name: "Save the name" });
      await save.dblclick();
      await expect.poll(() => save.getAttribute("data-loading")).not.toBeNull();
      release();
      await page.getByRole("button", { name: "Account: Ann Twice" }).waitFor();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(sent).toBe(1);
      expect(await page.getByRole("alert").count()).toBe(0);
    } finally {
      await page.unroute(/\/api\/v1\/auth\/me$/);
    }
  });

  it("says so beside the field when the current password is wrong, and changes it with the right one", async () => {
    const { page } = browser;
    await page.getByLabel(/^Current password/).fill("not my password");
    await page.getByLabel(/^New password/).fill(next);
    await page.getByRole("button", { name: "Change the password" }).click();
    await page.getByText("not your current password").waitFor();

    await page.getByLabel(/^Current password/).fill(password);
    await page.getByLabel(/^New password/).fill(next);
    await page.getByRole("button", { name: "Change the password" }).click();
    await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor();

    // This tab is still logged in and still allowed to change things: the name again, with the renewed session.
    await page.getByRole("textbox", { name: /^Name/ }).fill("Ann Account");
    await page.getByRole("button", { name: "Save the name" }).click();
    await page.getByRole("button", { name: "Account: Ann Account" }).waitFor();
    // The other session ended, and only the new password logs in.
    const other = await fetch(`${e2e.url}/api/v1/auth/session`, { headers: { cookie: elsewhere.cookie } });
    expect(other.status).toBe(401);
    const login = (p: string) => fetch(`${e2e.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: p }) });
    expect((await login(password)).status).toBe(401);
    expect((await login(next)).status).toBe(200);
  });

  it("lets the owner change the member's role from settings, and the member leave the organization there", async () => {
    const owner = await openBrowser();
    try {
      await logIn(owner.page, e2e.demo.email, e2e.demo.password);
      await owner.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
      await owner.page.getByRole("combobox", { name: "Role of Ann Account" }).selectOption("admin");
      await expect.poll(async () => (await membersOf()).find((m) => m.email === email)?.role, { timeout: 10_000 }).toBe("admin");
    } finally {
      await owner.close();
    }
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    await page.getByRole("button", { name: /^Leave / }).click();
    await page.getByRole("button", { name: "Leave the organization" }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).not.toContain(e2e.demo.chatbotId);
    expect((await membersOf()).some((m) => m.email === email)).toBe(false);
  });

  async function membersOf(): Promise<{ email: string; role: string }[]> {
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    return (await apiCall<{ data: { email: string; role: string }[] }>(owner, "GET", `/organizations/${e2e.demo.organizationId}/members`)).data;
  }
});
