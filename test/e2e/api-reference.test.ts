/**
 * The API as a product, from the outside: the OpenAPI document the Worker serves validates as OpenAPI 3.1
 * (a maintained validator, run here in Node because it reads its meta-schemas from disk), and the reference
 * page at /api/docs loads in Chromium from this host alone and runs a "try it" call with a read key.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, openBrowser, type Browser } from "./harness";

it("serves a document that validates as OpenAPI 3.1", async () => {
  const res = await fetch(`${e2e.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { openapi: string };
  expect(doc.openapi).toBe("3.1.0");
  const validator = new Validator();
  const result = await validator.validate(doc);
  expect(result.errors ?? [], JSON.stringify(result.errors)?.slice(0, 2000)).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");
});

browserSuite("The API reference page", () => {
  let browser: Browser;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    // Offline means nothing but this host: every request the page makes elsewhere is recorded and refused.
    await browser.context.route(/.*/, (route) => {
      const url = route.request().url();
      if (url.startsWith(e2e.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
  });
  afterAll(async () => browser?.close());

  it("loads from this host alone and shows the document", async () => {
    const { page } = browser;
    const res = await page.goto(`${e2e.url}/api/docs`);
    expect(res?.status()).toBe(200);
    await page.getByText("OpenBat on the edge").first().waitFor();
    await page.getByRole("button", { name: "Open Group - Conversations" }).waitFor();
    expect(elsewhere).toEqual([]);
  });

  it("runs a try-it call with a read key and shows the answer", async () => {
    const { page } = browser;
    // The key goes in the reference's Authentication box (bearer), as a reader would enter it.
    await page.getByPlaceholder("Token").first().fill(e2e.demo.readKey);
    await page.getByRole("button", { name: "Open Group - Conversations" }).click();
    await page.getByText("List conversations, most recent activity first").first().click();
    await page.locator("button", { hasText: "(get /api/v1/conversations)" }).first().click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/conversations" && r.request().method() === "GET");
    await page.getByRole("button", { name: /^Send/ }).first().click();
    const response = await answered;
    expect(response.request().headers()["authorization"]).toBe(`Bearer ${e2e.demo.readKey}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: unknown[]; pagination: { page: number } };
    expect(body.pagination.page).toBe(1);
    expect(elsewhere).toEqual([]);
  });
});
