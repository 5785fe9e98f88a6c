/**
 * Creating an organization is one action, from its name to its page: the button busy until the new organization is
 * open, and a failure after the create (the session read again, so that it lists the new organization) said in the
 * form, which then offers to open the organization instead of creating it a second time.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, demoOwner, e2e, invitedMember, logIn, openBrowser, type Browser } from "./harness";

const SESSION = /\/api\/v1\/auth\/session(\?.*)?$/;

browserSuite("A new organization: created, then opened, or the form says why not", () => {
  let browser: Browser;
  let member: { email: string; password: string };

  beforeAll(async () => {
    // A person of their own, so the organizations made here are in nobody else's switcher.
    const { owner } = await demoOwner();
    member = await invitedMember(owner, { name: "Founder", role: "admin" });
    browser = await openBrowser();
    await logIn(browser.page, member.email, member.password);
  });
  afterAll(async () => browser?.close());

  it("says the organization was created when the session cannot be read after, offers to open it rather than create it again, and opens it", async () => {
    const { page } = browser;
    const start = `${e2e.url}/orgs/${e2e.demo.organizationId}/chatbots`;
    await page.goto(start);
    await page.getByRole("heading", { name: "Chatbots" }).waitFor();
    const name = `Second company ${Date.now().toString(36)}`;

    // The session read after the create: held (the form must still be busy), then answered 500; on the next attempt
    // the server cannot be reached at all.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    let failure: "500" | "network" = "500";
    await page.route(SESSION, async (route) => {
      reads += 1;
      if (failure === "network") return route.abort("failed");
      await released;
      await route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal_error", message: "The session could not be read.", requestId: "e2e" } }) });
    });
    const dialog = page.getByRole("dialog", { name: "New organization" });
    try {
      await page.getByRole("button", { name: "New organization" }).click();
      await dialog.getByLabel(/^Organization name/).fill(name);
      const create = dialog.getByRole("button", { name: "Create organization" });
      await create.click();
      await expect.poll(() => reads, { timeout: 10_000 }).toBe(1);
      expect(await create.getAttribute("data-loading")).not.toBeNull();
      release();

      const alert = dialog.getByRole("alert");
      await alert.filter({ hasText: "was created" }).waitFor();
      expect(await alert.innerText()).toContain(name);
      expect(await alert.innerText()).toContain("The session could not be read.");
      // Nothing invites a second create: the name and its button have given way to opening what was made.
      expect(await create.count()).toBe(0);
      expect(await dialog.getByLabel(/^Organization name/).count()).toBe(0);
      expect(page.url()).toBe(start);

      failure = "network";
      await dialog.getByRole("button", { name: `Open ${name}` }).click();
      await alert.filter({ hasText: "could not be reached" }).waitFor();
      expect(await alert.innerText()).toContain("was created");
      expect(page.url()).toBe(start);
    } finally {
      await page.unroute(SESSION);
    }

    await dialog.getByRole("button", { name: `Open ${name}` }).click();
    await page.waitForURL((url) => /^\/orgs\/[^/]+\/chatbots$/.test(url.pathname) && !url.pathname.includes(e2e.demo.organizationId));
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${name} · you are`).waitFor();
    // Made once.
    const session = await apiLogin(member.email, member.password);
    const { data } = await apiCall<{ data: { name: string }[] }>(session, "GET", "/organizations");
    expect(data.filter((o) => o.name === name)).toHaveLength(1);
  });
});
