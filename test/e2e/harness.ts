/**
 * Helpers of the browser tests: the suite wrapper (skip without Chromium, fail in CI), a fresh Chromium
 * per person, logging in through the page, screenshots, and API calls as a member from Node.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describe, expect, inject, it, vi } from "vitest";
import { OpenBat } from "../../sdk/src/index";
import type { E2EContext } from "./context";

export const e2e: E2EContext = inject("e2e");

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
/**
 * Every run saves its screenshots under test-results/ (git-ignored); with UPDATE_SCREENSHOTS=1 it
 * writes the README's copies in docs/screenshots instead, so a plain `npm test` leaves the tree clean.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, process.env.UPDATE_SCREENSHOTS === "1" ? "../../docs/screenshots" : "../../test-results/screenshots");

/**
 * A describe block of browser tests. Without Chromium it is skipped with the reason printed — except in
 * CI (CI=true), where a missing browser is a failure, so the browser tests can never silently not run.
 */
export function browserSuite(name: string, body: () => void): void {
  if (!e2e.skipReason) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("has a Chromium to drive (CI must install it)", () => {
        throw new Error(`${e2e.skipReason}; CI installs it in .ci/run`);
      });
    });
    return;
  }
  console.warn(`[e2e] skipping "${name}": ${e2e.skipReason}`);
  describe.skip(name, body);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, with a fresh profile of its own; `colorScheme` is the system setting it reports,
 * `timezoneId` the time zone it runs in (the machine's unless given).
 */
export async function openBrowser(viewport = DESKTOP, { colorScheme = "light", timezoneId }: { colorScheme?: "light" | "dark"; timezoneId?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "openbat-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: e2e.chromium,
    headless: true,
    viewport,
    colorScheme,
    timezoneId,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the log-in page and waits for the chatbots list; a refused log-in fails with what the page says. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${e2e.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  const chatbots = page.getByRole("heading", { name: "Chatbots" });
  const refused = page.getByRole("alert").filter({ hasText: "Could not log in" });
  await chatbots.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`the log-in page refused ${email}: ${await refused.innerText()}`);
}

/** Waits until the page is still: requests done, every transition (popovers, chart bars) finished. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // …and every transition (popovers, chart bars) to settle.
  // A function, not a string: Playwright evaluates a string predicate with eval, which the dashboard's
  // Content-Security-Policy (no 'unsafe-eval') refuses. The cast stands in for the DOM types this Node file lacks.
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== "running"),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let charts finish their entry animation so the picture shows the data.
  await settle(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** The SDK from sdk/src, as an integrator's server uses it; a failed capture fails the test. */
export function sdk(): OpenBat {
  return new OpenBat({
    apiKey: e2e.demo.ingestKey,
    baseUrl: e2e.url,
    logger: {
      warn: (...args: unknown[]) => {
        throw new Error(`SDK: ${args.map(String).join(" ")}`);
      },
      error: (...args: unknown[]) => {
        throw new Error(`SDK: ${args.map(String).join(" ")}`);
      },
    },
  });
}

export async function record(openbat: OpenBat, input: Parameters<OpenBat["recordMessages"]>[0]): Promise<string> {
  const result = await openbat.recordMessages(input);
  if (!result) throw new Error(`capture of ${input.conversationId} failed`);
  return result.conversationId;
}

/** A member's API session from Node: the cookie (Secure is a browser matter) and the CSRF token. */
export interface ApiSession {
  cookie: string;
  csrf: string;
}

export async function apiLogin(email: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${e2e.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = /ob_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error("no session cookie");
  const { data } = (await res.json()) as { data: { csrfToken: string } };
  return { cookie, csrf: data.csrfToken };
}

export async function apiCall<T>(session: ApiSession, method: string, apiPath: string, body?: unknown): Promise<T> {
  const send = () =>
    fetch(`${e2e.url}/api/v1${apiPath}`, {
      method,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res = await send();
  // The browser tests share the demo owner's per-member read limit (raised for them in global-setup.ts, yet
  // still one budget for every suite): on a 429, wait as the answer says, once, as a client of the API would.
  if (res.status === 429) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number(res.headers.get("retry-after")) || 60, 65) * 1000));
    res = await send();
  }
  if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The demo owner's API session and the name of the demo organization (what invitation pages and emails show). */
export async function demoOwner(): Promise<{ owner: ApiSession; organization: string }> {
  const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
  const { data } = await apiCall<{ data: { id: string; name: string }[] }>(owner, "GET", "/organizations");
  const organization = data.find((o) => o.id === e2e.demo.organizationId)?.name;
  if (organization === undefined) throw new Error("the demo owner does not belong to the demo organization");
  return { owner, organization };
}

/** The id of the chatbot's most recent conversation, once the D1 index has one (it follows within about a second). */
export async function latestConversationId(session: ApiSession, chatbotId: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { data } = await apiCall<{ data: { id: string }[] }>(session, "GET", `/chatbots/${chatbotId}/analytics/conversations?limit=1`);
    if (data[0]) return data[0].id;
    if (Date.now() > deadline) throw new Error("no conversation indexed within 20 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The token of the invitation link emailed to `email`, the only link that creates an account (the one answered to the
 * inviter does not), read from the server's log (LOG_EMAILS=true) once it is there.
 */
export async function emailedInvitationToken(email: string): Promise<string> {
  const emailed = () => readFileSync(e2e.logFile, "utf8").match(new RegExp(`\\[email to ${email.replace(/[.+]/g, "\\$&")}\\][^\\n]*?/accept-invitation\\?token=(\\w+)`))?.[1];
  await vi.waitFor(() => expect(emailed()).toBeDefined(), { timeout: 15_000, interval: 100 });
  return emailed()!;
}

/**
 * Invites a new person into the demo organization as `role` and accepts as them, creating the account (the
 * invitation "email" is read from the server's log: LOG_EMAILS=true); their login.
 */
export async function invitedMember(
  owner: ApiSession,
  { name, role, password = "a good long password", email = `${role}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com` }: { name: string; role: "admin" | "member"; password?: string; email?: string },
): Promise<{ email: string; password: string; memberId: string }> {
  await apiCall(owner, "POST", `/organizations/${e2e.demo.organizationId}/invitations`, { email, role });
  const token = await emailedInvitationToken(email);
  const accepted = await fetch(`${e2e.url}/api/v1/auth/invitations/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, name, password }) });
  expect(accepted.status).toBe(200);
  const body = (await accepted.json()) as { data: { memberId: string } };
  return { email, password, memberId: body.data.memberId };
}
