/**
 * The forms of someone not logged in (sign-up, accepting an invitation): a field the API refuses is said beside that
 * field, once — not also in an alert above the form, which used to repeat it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, browserSuite, demoOwner, e2e, emailedInvitationToken, openBrowser, type ApiSession, type Browser } from "./harness";

browserSuite("Signing up and accepting an invitation: a refused field is said once, beside it", () => {
  let browser: Browser;
  let owner: ApiSession;
  let organization = "";

  beforeAll(async () => {
    ({ owner, organization } = await demoOwner());
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  it("says a blank name once on the sign-up page", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/signup`);
    // Spaces pass the browser's `required` and are refused by the API, which names the field.
    await page.getByLabel("Your name").fill("   ");
    await page.getByLabel("Email").fill(`blank-${Date.now().toString(36)}@example.com`);
    await page.getByLabel(/^Password/).fill("a newcomer's password");
    await page.getByLabel("Organization name").fill("Blank Names Ltd");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText(/must not be blank/).first().waitFor();
    expect(await page.getByText(/must not be blank/).count()).toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("says a blank name once on the invitation page, and joins once it is given", async () => {
    const email = `blank-invitee-${Date.now().toString(36)}@example.com`;
    await apiCall(owner, "POST", `/organizations/${e2e.demo.organizationId}/invitations`, { email, role: "member" });
    const token = await emailedInvitationToken(email);
    const { page } = browser;
    await page.goto(`${e2e.url}/accept-invitation?token=${token}`);
    await page.getByRole("heading", { name: `Join ${organization}` }).waitFor();
    await page.getByLabel("Your name").fill("   ");
    await page.getByLabel(/^Password/).fill("a good long password");
    await page.getByRole("button", { name: "Create my account and join" }).click();
    await page.getByText(/must not be blank/).first().waitFor();
    expect(await page.getByText(/must not be blank/).count()).toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);

    await page.getByLabel("Your name").fill("Bea Blank");
    await page.getByRole("button", { name: "Create my account and join" }).click();
    await page.getByRole("heading", { name: "Chatbots" }).waitFor();
  });
});
