/**
 * The session and the query cache: a visitor's probe answering "nobody is logged in" leaves what a logged-out page is
 * loading alone (the invitation it opens), while a member logging out takes everything cached for them along.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, browserSuite, demoOwner, e2e, emailedInvitationToken, logIn, openBrowser, type ApiSession } from "./harness";

/** A promise and the function that settles it, to hold a request until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

browserSuite("The session and the query cache", () => {
  let owner: ApiSession;
  let organization = "";

  beforeAll(async () => {
    ({ owner, organization } = await demoOwner());
  });

  it("keeps what a logged-out page is loading when the visitor's session probe answers that nobody is logged in", async () => {
    const email = `late-${Date.now().toString(36)}@example.com`;
    await apiCall(owner, "POST", `/organizations/${e2e.demo.organizationId}/invitations`, { email, role: "member" });
    const token = await emailedInvitationToken(email);
    const visitor = await openBrowser();
    try {
      const { page } = visitor;
      // The order that lost the invitation: it is asked for, then the probe answers 401 (the page learns nobody is
      // logged in), then the invitation's answer arrives.
      const asked = gate();
      const answered = gate();
      await page.route("**/api/v1/auth/session", async (route) => {
        await asked.opened;
        await route.fulfill({ response: await route.fetch() });
        answered.open();
      });
      await page.route("**/api/v1/auth/invitations/accept?*", async (route) => {
        asked.open();
        await answered.opened;
        // Time for the page to take in the probe's answer before this one lands (not a measure: a longer wait changes nothing).
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await route.continue();
      });
      await page.goto(`${e2e.url}/accept-invitation?token=${token}`);
      await page.getByRole("heading", { name: `Join ${organization}` }).waitFor();
      expect(await page.getByTestId("invitation-summary").innerText()).toContain(email);
    } finally {
      await visitor.close();
    }
  });

  it("shows the next log-in in the tab nothing cached before a log-out: its pages wait for their own answers", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const card = page.locator(`a[href^="/chatbots/${e2e.demo.chatbotId}/"]`);
      await logIn(page, e2e.demo.email, e2e.demo.password);
      await card.waitFor();
      await page.getByRole("button", { name: /^Account/ }).click();
      await page.getByRole("menuitem", { name: "Log out" }).click();
      await page.getByRole("button", { name: "Log in" }).waitFor();

      // The chatbots list of the next log-in is held: what shows meanwhile can only come from the cache.
      const list = gate();
      let held = false;
      await page.route(`**/api/v1/organizations/${e2e.demo.organizationId}/chatbots`, async (route) => {
        held = true;
        await list.opened;
        await route.continue();
      });
      // In the same tab, without loading the page again (harness's logIn does): the cache is the one of before.
      await page.getByLabel("Email").fill(e2e.demo.email);
      await page.getByLabel(/^Password/).fill(e2e.demo.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("heading", { name: "Chatbots" }).waitFor();
      await expect.poll(() => held).toBe(true);
      expect(await card.count()).toBe(0);
      list.open();
      await card.waitFor();
    } finally {
      await browser.close();
    }
  });
});
