/**
 * The invitation page (`/accept-invitation?token=`, the emailed link): it says which organization invites, with which
 * role and for which address before anyone accepts (GET /api/v1/auth/invitations/accept), then creates the account;
 * a link already used says so instead of offering a form that could only fail.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, browserSuite, demoOwner, e2e, emailedInvitationToken, openBrowser, type ApiSession, type Browser } from "./harness";

browserSuite("The invitation page", () => {
  let browser: Browser;
  let owner: ApiSession;
  let organization = "";

  beforeAll(async () => {
    ({ owner, organization } = await demoOwner());
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  it("names the organization, the role and the invited address before anyone accepts, then creates the account and joins", async () => {
    const email = `invitee-${Date.now().toString(36)}@example.com`;
    await apiCall(owner, "POST", `/organizations/${e2e.demo.organizationId}/invitations`, { email, role: "admin" });
    const token = await emailedInvitationToken(email);
    const { page } = browser;
    await page.goto(`${e2e.url}/accept-invitation?token=${token}`);
    await page.getByRole("heading", { name: `Join ${organization}` }).waitFor();
    const summary = await page.getByTestId("invitation-summary").innerText();
    expect(summary).toContain(`You are invited to join ${organization} as an admin`);
    expect(summary).toContain(email);

    await page.getByLabel("Your name").fill("Ines Invited");
    await page.getByLabel(/^Password/).fill("a good long password");
    await page.getByRole("button", { name: "Create my account and join" }).click();
    await page.getByRole("heading", { name: "Chatbots" }).waitFor();

    // The same link once used: said at once, with no form to fill in.
    await page.goto(`${e2e.url}/accept-invitation?token=${token}`);
    await page.getByRole("alert").filter({ hasText: "This invitation can no longer be used" }).waitFor();
    expect(await page.getByRole("button", { name: /join|Accept/i }).count()).toBe(0);
  });
});
