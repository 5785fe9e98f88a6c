import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserSuite, e2e, logIn, openBrowser, sdk, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

/** The downloaded file behind a click on the Export menu's item. */
async function download(page: Page, menu: string | RegExp, item: RegExp): Promise<string> {
  await page.getByRole("button", { name: menu }).click();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: item }).click()]);
  return readFileSync((await file.path())!, "utf8");
}

/** CSV lines as records (the export quotes fields with commas, quotes or line breaks). */
function records(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  const [header, ...lines] = rows;
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
}

browserSuite("Export: the table as filtered, and a transcript, downloaded", () => {
  let browser: Browser;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("downloads a CSV whose rows are the filtered table's rows, in its order", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?plan=enterprise&sort=createdAt&order=asc`);
    const rows = page.getByTestId("conversation-row");
    // The D1 index follows each conversation within about a second.
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const ids = (await rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { querySelector(s: string): { getAttribute(n: string): string | null } | null }).querySelector('a[href*="/conversations/"]')?.getAttribute("href") ?? "")))
      .map((href) => href.split("/").pop());

    const csv = records(await download(page, "Export", /^CSV/));
    expect(csv.map((r) => r.id)).toEqual(ids);
    expect(csv.every((r) => r.plan === "enterprise")).toBe(true);
  });

  it("downloads a conversation's transcript, one line per message of its thread", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/conversations?q=demo-cancel-1`);
    await page.getByRole("link", { name: "demo-cancel-1" }).click();
    await page.getByTestId("thread-message").first().waitFor();
    const messages = await page.getByTestId("thread-message").count();

    const lines = records(await download(page, "Export transcript", /^CSV/));
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: messages }, (_, i) => String(i + 1)));
    expect(lines[0]!.role).toBe("user");
    expect(lines.some((l) => l.flags!.includes("churn_risk"))).toBe(true);
  });
});
