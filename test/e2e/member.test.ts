import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, type Browser } from "./harness";

browserSuite("Read-only members see no edit controls", () => {
  let browser: Browser;
  const email = `reader-${Date.now().toString(36)}@example.com`;
  const password = "read only member 1";

  beforeAll(async () => {
    // The owner invites a member through the invitations API; the invited person creates the account.
    await invitedMember(await apiLogin(e2e.demo.email, e2e.demo.password), { name: "Rita Reader", role: "member", email, password });
    browser = await openBrowser();
    await logIn(browser.page, email, password);
  });
  afterAll(async () => browser?.close());

  const base = () => `${e2e.url}/chatbots/${e2e.demo.chatbotId}`;
  const button = (name: string | RegExp) => browser.page.getByRole("button", { name });

  it("marks the organization read-only and offers no new chatbot", async () => {
    const { page } = browser;
    await page.getByText("you are a member (read-only)").waitFor();
    await page.getByRole("link", { name: /Demo support bot/ }).waitFor();
    expect(await button("New chatbot").count()).toBe(0);
  });

  it("shows workflows without create, enable or edit controls", async () => {
    const { page } = browser;
    await page.goto(`${base()}/workflows`);
    // Wait for the list (the workflow test's, or the empty notice) before looking for what must be absent.
    await page.getByTestId("workflow-card").or(page.getByText("No workflows yet")).first().waitFor();
    expect(await button("New from template").count()).toBe(0);
    expect(await button("New from scratch").count()).toBe(0);
    expect(await page.getByRole("switch").count()).toBe(0);
  });

  it("shows settings without key, webhook, member or chatbot changes", async () => {
    const { page } = browser;
    await page.goto(`${base()}/settings`);
    await page.getByTestId("members-table").waitFor();
    await page.getByText("Only owners and admins can see and manage keys.").waitFor();
    for (const name of ["New key", "Add destination", "Send test", "Save", "Archive", "Delete chatbot", "Invite", "Remove", "Rotate", "Revoke"]) {
      expect(await button(name).count(), name).toBe(0);
    }
    expect(await page.getByLabel(/^Name/).first().getAttribute("readonly")).not.toBeNull();
  });

  it("shows the analysis config with every toggle disabled and no save buttons", async () => {
    const { page } = browser;
    await page.goto(`${base()}/analysis`);
    await page.getByRole("switch", { name: "Sentiment" }).waitFor();
    const switches = page.getByRole("switch");
    const total = await switches.count();
    expect(total).toBeGreaterThan(10);
    for (let i = 0; i < total; i++) expect(await switches.nth(i).isDisabled()).toBe(true);
    for (const name of ["Save prompt", "Add", "Approve", "Reject"]) expect(await button(name).count(), name).toBe(0);
  });

  it("says the chatbot is gone, and stops reconnecting, once the member is removed from its organization", async () => {
    const { page } = browser;
    await page.goto(`${base()}/overview`);
    await page.getByTestId("live-feed").waitFor();
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const { data: members } = await apiCall<{ data: { id: string; email: string }[] }>(owner, "GET", `/organizations/${e2e.demo.organizationId}/members`);
    const me = members.find((m) => m.email === email)!;
    await apiCall(owner, "DELETE", `/organizations/${e2e.demo.organizationId}/members/${me.id}`);
    // The open page learns it from its live feed, without a reload.
    await page.getByText("No such chatbot").waitFor({ timeout: 20_000 });
  });
});
