import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, logIn, openBrowser, record, screenshot, sdk, type Browser } from "./harness";

browserSuite("Workflows: from a template to its runs", () => {
  let browser: Browser;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  beforeAll(async () => {
    // A webhook receiver on this machine (the e2e server allows loopback destinations).
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/openbat`;
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("adds a webhook destination, shows its secret once and test-sends to it", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/settings`);
    await page.getByRole("button", { name: "Add destination" }).click();
    const dialog = page.getByRole("dialog", { name: "New webhook destination" });
    await dialog.getByLabel(/^Name/).fill("Support alerts");
    await dialog.getByLabel(/^URL/).fill(receiverUrl);
    await dialog.getByRole("button", { name: "Add destination" }).click();
    const secret = page.getByTestId("secret-value");
    await secret.waitFor();
    expect(await secret.innerText()).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Done" }).click();

    const row = page.getByTestId("webhooks-table").getByRole("row").filter({ hasText: "Support alerts" });
    await row.getByRole("button", { name: "Send test" }).click();
    await row.getByText("Delivered").waitFor();
    expect(received.some((r) => r.body.includes("webhook.test"))).toBe(true);
    await page.evaluate(`document.getElementById("keys").scrollIntoView()`);
    await screenshot(page, "settings");
  });

  it("creates a workflow from a template, and its run appears with the delivery attempt", async () => {
    const { page } = browser;
    // Its own destination, made through the API: this test does not depend on the one above.
    const made = await fetch(`${e2e.url}/api/v1/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${e2e.demo.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Workflow alerts", url: receiverUrl }),
    });
    expect(made.status).toBe(201);
    const destination = ((await made.json()) as { data: { id: string } }).data;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/workflows`);
    await page.getByRole("button", { name: "New from template" }).click();
    const dialog = page.getByRole("dialog", { name: "New workflow from a template" });
    await dialog.getByLabel("Negative sentiment alert").check();
    await dialog.getByLabel(/^Send to/).click();
    await page.getByRole("option", { name: /Workflow alerts/ }).click();
    await dialog.getByRole("button", { name: "Create workflow" }).click();
    await page.getByRole("heading", { name: "Negative sentiment alert" }).waitFor();
    await page.getByTestId("no-runs").waitFor();

    await record(sdk(), {
      conversationId: `wf-${Date.now().toString(36)}`,
      messages: [{ role: "user", content: "This is the worst service ever, I hate it and I am furious." }],
      user: { id: "u-angry", email: "angry@example.com" },
    });

    const run = page.getByTestId("workflow-run").first();
    await run.waitFor({ timeout: 30_000 });
    await expect.poll(async () => run.innerText(), { timeout: 30_000 }).toMatch(/success/i);
    await run.getByRole("button").first().click();
    const attempts = run.getByTestId("delivery-attempts");
    await attempts.waitFor();
    expect(await attempts.innerText()).toContain("200");
    // The delivery names its destination as the settings do; the id is only secondary text beside the name.
    const delivered = run.getByTestId("delivery-destination");
    expect(await delivered.getByText("Delivery to Workflow alerts: success", { exact: true }).count()).toBe(1);
    expect(await delivered.getByText(destination.id, { exact: true }).count()).toBe(1);
    expect(received.some((r) => r.body.includes('"workflow.triggered"') && r.body.includes("angry@example.com"))).toBe(true);

    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/workflows`);
    await page.getByTestId("workflow-card").filter({ hasText: "Negative sentiment alert" }).waitFor();
    await screenshot(page, "workflows");
  });

  it("shows an in-app workflow's successful run without a count of webhook attempts it never made", async () => {
    const { page } = browser;
    const name = `Tell the admins ${Date.now().toString(36)}`;
    const made = await fetch(`${e2e.url}/api/v1/workflows`, {
      method: "POST",
      headers: { authorization: `Bearer ${e2e.demo.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name, trigger: "user_message", conditions: [{ field: "sentiment_score", op: "<=", value: -0.6 }], actions: [{ type: "in_app", to: "admins" }] }),
    });
    expect(made.status).toBe(201);
    const workflow = ((await made.json()) as { data: { id: string } }).data;
    try {
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/workflows/${workflow.id}`);
      await page.getByRole("heading", { name }).waitFor();
      await page.getByTestId("no-runs").waitFor();
      await record(sdk(), {
        conversationId: `wf-in-app-${Date.now().toString(36)}`,
        messages: [{ role: "user", content: "This is the worst service ever, I hate it and I am furious." }],
      });
      const run = page.getByTestId("workflow-run").first();
      await run.waitFor({ timeout: 30_000 });
      await expect.poll(async () => run.innerText(), { timeout: 30_000 }).toMatch(/success/i);
      expect(await run.innerText()).not.toMatch(/attempt/);
      await run.getByRole("button").first().click();
      await run.getByTestId("run-no-delivery").waitFor();
      expect(await run.getByTestId("run-no-delivery").innerText()).toMatch(/^No webhook delivery in this run/);
    } finally {
      // Every later negative message of the demo chatbot would notify again.
      await fetch(`${e2e.url}/api/v1/workflows/${workflow.id}`, { method: "DELETE", headers: { authorization: `Bearer ${e2e.demo.adminKey}` } });
    }
  });

  it("creates a workflow that emails every member, and a matching message emails the owner", async () => {
    const { page } = browser;
    const name = `Email the team ${Date.now().toString(36)}`;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/workflows/new`);
    await page.getByLabel(/^Name/).fill(name);
    await page.getByRole("combobox", { name: /^Action 1: send to/ }).click();
    await page.getByRole("option", { name: "Email every member of the organization" }).click();
    await page.getByRole("button", { name: "Create workflow" }).click();
    await page.getByRole("heading", { name }).waitFor();

    const listed = await fetch(`${e2e.url}/api/v1/workflows`, { headers: { authorization: `Bearer ${e2e.demo.adminKey}` } });
    const workflow = ((await listed.json()) as { data: { id: string; name: string; actions: unknown[] }[] }).data.find((w) => w.name === name)!;
    expect(workflow.actions).toEqual([{ type: "email", to: "members" }]);
    try {
      await record(sdk(), {
        conversationId: `wf-email-${Date.now().toString(36)}`,
        messages: [{ role: "user", content: "This is the worst service ever, I hate it and I am furious." }],
      });
      // LOG_EMAILS=true: the email queue's consumer prints each email it sends in the server's log.
      await expect
        .poll(() => readFileSync(e2e.logFile, "utf8"), { timeout: 30_000 })
        .toContain(`[email to ${e2e.demo.email}] OpenBat alert: ${name}:`);
    } finally {
      // Every later negative message of the demo chatbot would email again.
      await fetch(`${e2e.url}/api/v1/workflows/${workflow.id}`, { method: "DELETE", headers: { authorization: `Bearer ${e2e.demo.adminKey}` } });
    }
  });

  it("lets a new chatbot with no webhook destination build a workflow in the app, on one of its own flags", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const { data: chatbot } = await apiCall<{ data: { id: string } }>(owner, "POST", `/organizations/${e2e.demo.organizationId}/chatbots`, { name: `Fresh ${Date.now().toString(36)}` });
    try {
      await apiCall(owner, "PATCH", `/chatbots/${chatbot.id}/analysis/config`, { customFlags: [{ slug: "refund_request", name: "Refund request", description: "asks for their money back" }] });
      await page.goto(`${e2e.url}/chatbots/${chatbot.id}/workflows/new`);
      await page.getByLabel(/^Name/).fill("Refunds to the team");
      await page.getByRole("combobox", { name: "Condition 1 field" }).click();
      await page.getByRole("option", { name: "Flag", exact: true }).click();
      await page.getByRole("combobox", { name: "Value" }).click();
      await page.getByRole("option", { name: "Refund request" }).click();
      await page.getByRole("button", { name: "Create workflow" }).click();
      await page.getByRole("heading", { name: "Refunds to the team" }).waitFor();
      const { data: workflows } = await apiCall<{ data: { conditions: unknown[]; actions: unknown[] }[] }>(owner, "GET", `/chatbots/${chatbot.id}/workflows`);
      expect(workflows).toEqual([expect.objectContaining({ conditions: [{ field: "flag", op: "detected", value: "refund_request" }], actions: [{ type: "in_app", to: "admins" }] })]);
    } finally {
      await apiCall(owner, "DELETE", `/organizations/${e2e.demo.organizationId}/chatbots/${chatbot.id}`);
    }
  });

  it("says a refused workflow name once, beside the field, and creates the workflow once it is fixed", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/workflows/new`);
    // Spaces pass the browser's `required` and are refused by the API, which names the field.
    await page.getByLabel(/^Name/).fill("   ");
    await page.getByRole("button", { name: "Create workflow" }).click();
    await page.getByText(/must not be blank/).first().waitFor();
    expect(await page.getByText(/must not be blank/).count()).toBe(1);
    expect(await page.getByRole("form", { name: "Workflow" }).getByRole("alert").count()).toBe(0);

    const name = `Named at last ${Date.now().toString(36)}`;
    await page.getByLabel(/^Name/).fill(name);
    await page.getByRole("button", { name: "Create workflow" }).click();
    await page.getByRole("heading", { name }).waitFor();
  });
});
