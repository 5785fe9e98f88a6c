import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiCall, apiLogin, browserSuite, e2e, invitedMember, logIn, openBrowser, record, screenshot, sdk, type Browser } from "./harness";
import { everyWidgetLayout, WIDGET_TYPES } from "./reports-fixture";
import { recordDemoTraffic } from "./traffic";

/** The grid as the page shows it: each widget's type and size, in order. */
async function layoutOf(page: Page): Promise<string[]> {
  const widgets = page.getByTestId("report-grid").locator("[data-widget-type]");
  return widgets.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute("data-widget-type")}:${n.getAttribute("data-size")}`));
}

/** A loaded machine can take seconds to answer a save or draw a chart; these are waits, not performance claims. */
const WAIT = { timeout: 15_000 };

const number = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ""));

browserSuite("Reports: saved, shareable views", () => {
  let browser: Browser;
  const openbat = sdk();
  const name = `Weekly review ${Date.now().toString(36)}`;
  let reportUrl = "";

  beforeAll(async () => {
    await recordDemoTraffic(openbat);
    browser = await openBrowser();
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("builds a report from three widgets — arranged by keyboard and by dragging, resized, filtered — and after a reload it is the same", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports`);
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    await page.getByLabel(/^Name/).fill(name);
    await page.getByRole("button", { name: "Create report" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    reportUrl = page.url();
    expect(reportUrl).toMatch(new RegExp(`/chatbots/${e2e.demo.chatbotId}/reports/rep_\\w+$`));

    const add = async (label: string) => {
      await page.getByRole("combobox", { name: "Widget" }).click();
      await page.getByRole("option", { name: label, exact: true }).click();
      await page.getByRole("button", { name: "Add widget" }).click();
    };
    await add("Total conversations");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["total_conversations:third"]);
    await add("Messages today");
    await add("Intents");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["total_conversations:third", "messages_today:third", "intent_distribution:half"]);

    // Keyboard: focus "move earlier" on the intents and press Enter.
    await page.getByRole("button", { name: "Move Intents earlier" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["total_conversations:third", "intent_distribution:half", "messages_today:third"]);
    await page.getByRole("status").filter({ hasText: "Intents moved to position 2 of 3." }).waitFor();

    // Drag and drop: messages today onto the first card takes its place.
    await page.locator('[data-widget-type="messages_today"]').dragTo(page.locator('[data-widget-type="total_conversations"]'));
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["messages_today:third", "total_conversations:third", "intent_distribution:half"]);

    // Size and a filter, in the intents' settings.
    await page.getByRole("button", { name: "Settings of Intents" }).click();
    await page.getByText("Full", { exact: true }).click();
    // A country that is no two-letter code is said so beside the field, and Apply waits for a right one.
    await page.getByLabel(/^Country/).fill("1!");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByText("Two letters, e.g. DE").waitFor();
    await page.getByLabel(/^Country/).fill("gb");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["messages_today:third", "total_conversations:third", "intent_distribution:full"]);
    await page.getByText("country GB").waitFor();
    await page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();
    // Every widget shows its figures once the report's one data request has answered.
    await expect.poll(async () => page.getByTestId("report-grid").locator(".mantine-Skeleton-root").count(), { timeout: 20_000 }).toBe(0);
    const saved = await layoutOf(page);

    await page.reload();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await expect.poll(() => layoutOf(page), WAIT).toEqual(saved);
    await page.getByText("country GB").waitFor();
    // The navigation lists it, most recently changed first.
    const nav = page.getByRole("navigation", { name: "Chatbot" });
    await expect.poll(async () => (await nav.getByRole("link").allInnerTexts()).indexOf(name)).toBe((await nav.getByRole("link").allInnerTexts()).indexOf("Reports") + 1);
  });

  it("moves the messages-today widget with SDK traffic, without a reload", async () => {
    const { page } = browser;
    await page.goto(reportUrl);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const widget = page.locator('[data-widget-type="messages_today"]');
    const testId = (await widget.locator("[data-testid^=widget-value-]").getAttribute("data-testid"))!;
    await page.getByTestId(testId).waitFor();
    const before = await number(page, testId);
    const marker = Date.now().toString(36);
    await record(openbat, { conversationId: `report-live-${marker}`, messages: [{ role: "user", content: `Order ${marker} arrived broken and nobody answers, this is terrible.` }] });
    await record(openbat, { conversationId: `report-live-${marker}-2`, messages: [{ role: "user", content: "Thanks, the new dashboard is great!" }] });
    await expect.poll(() => number(page, testId), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
  });

  it("keeps a range chosen on the page in the URL without saving it", async () => {
    const { page } = browser;
    await page.goto(reportUrl);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByRole("combobox", { name: "Range" }).click();
    await page.getByRole("option", { name: "30 days" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("days")).toBe("30");
    await page.getByText("against the 30 days before").waitFor();
    const session = await apiLogin(e2e.demo.email, e2e.demo.password);
    const id = reportUrl.split("/").at(-1)!;
    const { data } = await apiCall<{ data: { rangeDays: number } }>(session, "GET", `/chatbots/${e2e.demo.chatbotId}/reports/${id}`);
    expect(data.rangeDays).toBe(7);
    await page.goto(reportUrl);
    await page.getByText("against the 7 days before").waitFor();
  });

  it("draws every widget type from the report's one data request, and exports its figures as CSV", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const { data } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/reports`, { name: "Monday review", layout: everyWidgetLayout() });
    const requests: string[] = [];
    page.on("request", (r) => r.url().includes("/reports/") && r.url().includes("/data") && requests.push(r.url()));
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports/${data.id}`);
    await page.getByRole("heading", { level: 1, name: "Monday review" }).waitFor();
    await expect.poll(async () => page.getByTestId("report-grid").locator("[data-widget-type]").count()).toBe(WIDGET_TYPES.length);
    await expect.poll(async () => page.getByTestId("report-grid").locator(".mantine-Skeleton-root").count(), { timeout: 20_000 }).toBe(0);
    expect(requests).toHaveLength(1);
    expect(await page.locator("#widget-title-w12").innerText()).toBe("Outcomes on the pro plan");
    await page.locator('[data-widget-type="resolution_distribution"]').getByText("plan pro", { exact: true }).waitFor();
    // The demo traffic's conversations are listed with their user.
    expect(await page.locator('[data-widget-type="recent_conversations"] a').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("Monday review.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("widget,type,filters,item,value,previous,change,conversations");
    for (const type of WIDGET_TYPES.filter((t) => t !== "top_topics")) expect(lines.some((l) => l.split(",")[1] === type), type).toBe(true);
    await screenshot(page, "reports");
  });

  it("dates the CSV's sentiment trend in the viewer's time zone, as the chart does", async () => {
    // East of UTC a day starts on the previous UTC date: Tokyo's 5 December starts at 15:00 on the 4th, UTC.
    const zone = "Asia/Tokyo";
    const tokyo = await openBrowser(undefined, { timezoneId: zone });
    try {
      await logIn(tokyo.page, e2e.demo.email, e2e.demo.password);
      const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
      const base = `/chatbots/${e2e.demo.chatbotId}/reports`;
      const layout = { version: 1, widgets: [{ id: "trend", type: "sentiment_trend", size: "full", filters: {} }] };
      const { data: report } = await apiCall<{ data: { id: string } }>(owner, "POST", base, { name: "Tokyo days", layout });
      const { data } = await apiCall<{ data: { widgets: { data: { points: { start: number }[] } }[] } }>(owner, "GET", `${base}/${report.id}/data?timeZone=${zone}`);
      const starts = data.widgets[0]!.data.points.map((p) => p.start);
      const tokyoDate = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
      expect(starts.length).toBeGreaterThan(0);
      for (const start of starts) expect(tokyoDate.format(start)).not.toBe(new Date(start).toISOString().slice(0, 10));

      await tokyo.page.goto(`${e2e.url}${base}/${report.id}`);
      await tokyo.page.getByRole("heading", { level: 1, name: "Tokyo days" }).waitFor();
      await expect.poll(async () => tokyo.page.getByTestId("report-grid").locator(".mantine-Skeleton-root").count(), { timeout: 20_000 }).toBe(0);
      const [download] = await Promise.all([tokyo.page.waitForEvent("download"), tokyo.page.getByRole("button", { name: "Download CSV" }).click()]);
      const days = readFileSync((await download.path())!, "utf8")
        .trim()
        .split("\r\n")
        .filter((l) => l.split(",")[1] === "sentiment_trend")
        .map((l) => l.split(",")[3]);
      expect(days).toEqual(starts.map((s) => tokyoDate.format(s)));
    } finally {
      await tokyo.close();
    }
  });

  it("keeps the keyboard's focus on the card's move buttons as a card reaches the first and the last place", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const widgets = ["total_conversations", "messages_today", "resolution_rate"].map((type, i) => ({ id: `m${i}`, type, size: "third", filters: {} }));
    const { data } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/reports`, { name: "Arranged by keyboard", layout: { version: 1, widgets } });
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports/${data.id}`);
    await page.getByRole("heading", { level: 1, name: "Arranged by keyboard" }).waitFor();
    const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute("aria-label") ?? null);

    // Messages today to the first place: "earlier" is disabled there, so focus moves to its "later".
    await page.getByRole("button", { name: "Move Messages today earlier" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["messages_today:third", "total_conversations:third", "resolution_rate:third"]);
    expect(await focused()).toBe("Move Messages today later");

    // From there, later twice: first the button pressed keeps the focus, then at the last place "earlier" takes it.
    await page.keyboard.press("Enter");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["total_conversations:third", "messages_today:third", "resolution_rate:third"]);
    expect(await focused()).toBe("Move Messages today later");
    await page.keyboard.press("Enter");
    await expect.poll(() => layoutOf(page), WAIT).toEqual(["total_conversations:third", "resolution_rate:third", "messages_today:third"]);
    expect(await focused()).toBe("Move Messages today earlier");
    await page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();
  });

  it("prints the report without its controls, the range chosen written out", async () => {
    const { page } = browser;
    await page.goto(`${reportUrl}?days=30`);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByRole("combobox", { name: "Range" }).waitFor();
    expect(await page.getByTestId("print-range").isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.getByRole("combobox", { name: "Range" }).isVisible()).toBe(false);
      expect(await page.getByTestId("print-range").innerText()).toBe("Range: the last 30 days");
      // No control of any kind is left on paper.
      const controls = page.locator("#main").locator("button, input, select, textarea, [role=combobox]");
      const visible = await controls.evaluateAll((nodes) => nodes.filter((n) => (n as unknown as { checkVisibility(): boolean }).checkVisibility()).length);
      expect(visible).toBe(0);
    } finally {
      await page.emulateMedia({ media: null });
    }
  });

  it("deletes a report and asks the server for it no more", async () => {
    const { page } = browser;
    const owner = await apiLogin(e2e.demo.email, e2e.demo.password);
    const doomed = `Doomed ${Date.now().toString(36)}`;
    const { data } = await apiCall<{ data: { id: string } }>(owner, "POST", `/chatbots/${e2e.demo.chatbotId}/reports`, { name: doomed, layout: { version: 1, widgets: [{ id: "w1", type: "total_conversations", size: "third", filters: {} }] } });
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports/${data.id}`);
    await page.getByRole("heading", { level: 1, name: doomed }).waitFor();
    await expect.poll(async () => page.getByTestId("report-grid").locator(".mantine-Skeleton-root").count(), { timeout: 20_000 }).toBe(0);
    const afterDelete: string[] = [];
    const watch = (request: { url(): string; method(): string }) => request.url().includes(`/reports/${data.id}`) && afterDelete.push(`${request.method()} ${new URL(request.url()).pathname}`);
    page.on("request", watch);
    try {
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete report" }).click();
      await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
      await page.waitForLoadState("networkidle");
      // The DELETE itself, and no read of what it deleted (each could only answer 404).
      expect(afterDelete).toEqual([`DELETE /api/v1/chatbots/${e2e.demo.chatbotId}/reports/${data.id}`]);
      // Gone from the list and the navigation at once ("networkidle" does not wait for a client-side refetch).
      expect(await page.getByRole("link", { name: doomed }).count()).toBe(0);
    } finally {
      page.off("request", watch);
    }
    // Its address opened again says so.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports/${data.id}`);
    await page.getByRole("heading", { level: 1, name: "No such report" }).waitFor();
  });

  it("shows the report to a read-only member at the same address, without a way to change it", async () => {
    const email = `report-reader-${Date.now().toString(36)}@example.com`;
    const password = "read only member 2";
    await invitedMember(await apiLogin(e2e.demo.email, e2e.demo.password), { name: "Rhea Reader", role: "member", email, password });

    const reader = await openBrowser();
    try {
      await logIn(reader.page, email, password);
      const { page } = reader;
      await page.goto(reportUrl);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await expect.poll(() => layoutOf(page), WAIT).toEqual(["messages_today:third", "total_conversations:third", "intent_distribution:full"]);
      await page.getByText("your role cannot change the report itself").waitFor();
      for (const label of ["Add widget", "Rename", "Duplicate", "Delete", /^Move /, /^Settings of /]) {
        expect(await page.getByRole("button", { name: label }).count(), String(label)).toBe(0);
      }
      expect(await page.locator('[draggable="true"]').count()).toBe(0);
      // The reports page offers no "New report" either.
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/reports`);
      await page.getByRole("link", { name }).first().waitFor();
      expect(await page.getByRole("button", { name: "Create report" }).count()).toBe(0);
    } finally {
      await reader.close();
    }
  });
});
