/**
 * The dashboard under its Content-Security-Policy (dashboard/public/_headers): the policy and the
 * hardening headers are served, the policy is enforced, and the pages — live feed over WebSocket
 * included — run under it without a single violation. Sign-up through the page and the emailed link.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, type Browser } from "./harness";

/** Everything the browser says about the policy: violation events and "Refused to …" console lines. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__reportViolation", (text: string) => void seen.push(text));
  // Runs in the page (a string: this file is typed for Node, not the DOM).
  await page.addInitScript(`document.addEventListener("securitypolicyviolation", (e) =>
    window.__reportViolation(e.violatedDirective + ": " + (e.blockedURI || "inline") + " (" + e.sourceFile + ":" + e.lineNumber + ")"))`);
  return seen;
}

browserSuite("Dashboard security policy", () => {
  let browser: Browser;
  let violations: string[];

  beforeAll(async () => {
    browser = await openBrowser();
    violations = await watchViolations(browser.page);
  });
  afterAll(async () => browser?.close());

  it("serves the dashboard's pages and files with the policy and the hardening headers", async () => {
    for (const path of ["/", "/login", `/chatbots/${e2e.demo.chatbotId}/overview`, "/favicon.svg"]) {
      const res = await fetch(`${e2e.url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'", "img-src 'self' data:"]) {
        expect(csp, `${path}: ${directive}`).toContain(directive);
      }
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("lets browsers keep hashed assets for a year and revalidate every page", async () => {
    const page = await fetch(`${e2e.url}/login`);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const asset = (await page.text()).match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const res = await fetch(`${e2e.url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // Assets keep the hardening headers of the page rule; only the cache policy is their own.
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // A hashed file that is not there (a stale tab's chunk) is a 404, never the page kept as that file for a year.
    for (const method of ["GET", "HEAD"]) {
      const missing = await fetch(`${e2e.url}/assets/boot-0ldHash.js`, { method });
      expect(missing.status, method).toBe(404);
      expect(missing.headers.get("cache-control"), method).toBe("no-store");
      expect(missing.headers.get("content-type"), method).not.toMatch(/html/);
      expect(missing.headers.get("x-frame-options"), method).toBe("DENY");
      expect(missing.headers.get("content-security-policy"), method).toMatch(/default-src 'none'/);
    }
  });

  it("enforces the policy: an injected inline script does not run and is reported", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/login`);
    await page.getByRole("button", { name: "Log in" }).waitFor();
    const ran = await page.evaluate(`(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return window.__injected === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => violations.filter((v) => v.includes("script-src")).length).toBeGreaterThan(0);
    violations.length = 0;
  });

  it("runs the log-in, the overview with its live feed, conversations and settings without a policy violation", async () => {
    const { page } = browser;
    violations.length = 0;
    await logIn(page, e2e.demo.email, e2e.demo.password);
    const base = `${e2e.url}/chatbots/${e2e.demo.chatbotId}`;
    await page.goto(`${base}/overview`);
    // The live feed's WebSocket connected under connect-src 'self'.
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.goto(`${base}/conversations`);
    await page.getByRole("table").first().waitFor();
    await page.goto(`${base}/settings`);
    await page.getByTestId("members-table").waitFor();
    await page.waitForLoadState("networkidle").catch(() => undefined);
    expect(violations).toEqual([]);
  });

  it("signs a new member up through the page and the emailed link, answering like a known address would", async () => {
    const signupBrowser = await openBrowser();
    const seen = await watchViolations(signupBrowser.page);
    try {
      const { page } = signupBrowser;
      const email = `newcomer-${Date.now().toString(36)}@example.com`;
      await page.goto(`${e2e.url}/signup`);
      await page.getByLabel("Your name").fill("Nia Newcomer");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel(/^Password/).fill("a newcomer's password");
      await page.getByLabel("Organization name").fill("Newcomers Ltd");
      await page.getByRole("button", { name: "Sign up" }).click();
      await page.getByText("Check your email").first().waitFor();
      // LOG_EMAILS=true: the email is a line in the server's log, written just after the answer.
      const linkIn = () => readFileSync(e2e.logFile, "utf8").match(new RegExp(`\\[email to ${email.replace(/[.+]/g, "\\$&")}\\][^\\n]*?(http\\S+/confirm-signup\\?token=\\w+)`))?.[1];
      await expect.poll(linkIn, { timeout: 20_000 }).toBeDefined();
      await page.goto(linkIn()!);
      await page.getByRole("button", { name: "Finish creating my account" }).click();
      await page.getByRole("heading", { name: "Chatbots" }).waitFor();
      expect(seen).toEqual([]);
    } finally {
      await signupBrowser.close();
    }
  });
});
