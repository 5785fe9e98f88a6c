import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, horizontalOverflow } from "./audit";
import { browserSuite, DESKTOP, e2e, logIn, openBrowser, PHONE, screenshot, sdk, settle, type Browser } from "./harness";
import { recordDemoTraffic } from "./traffic";

/** A zone that is not the server's (UTC): the range's days must be counted in the viewer's. */
const ZONE = "America/New_York";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The calendar day (YYYY-MM-DD) `offset` days from today in ZONE, worked out here rather than with the dashboard's code. */
function dayInZone(offset: number, now = Date.now()): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

/** An instant as ZONE's wall clock, `YYYY-MM-DD HH:MM`. */
function wallClock(t: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The calendar's name for a day's button (@mantine/dates: "3 December 2026"). */
const dayLabel = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

/** Clicks a day in the open calendar, moving a month back or forward when it is not on screen. */
async function pickDay(page: Page, day: string): Promise<void> {
  const calendar = page.getByRole("dialog");
  // The calendar is loaded when the popover opens: wait for it before looking for a day.
  await calendar.getByRole("button", { name: "Apply" }).waitFor();
  const button = calendar.getByRole("button", { name: dayLabel(day), exact: true });
  for (let moves = 0; (await button.count()) === 0 && moves < 2; moves++) {
    const shown = await calendar.getByRole("button", { name: new RegExp(`^(${MONTHS.join("|")}) \\d{4}$`) }).innerText();
    const [monthName, year] = shown.split(" ");
    const shownMonth = `${year}-${String(MONTHS.indexOf(monthName!) + 1).padStart(2, "0")}`;
    await calendar.getByRole("button", { name: day.slice(0, 7) < shownMonth ? "Previous month" : "Next month" }).click();
  }
  await button.click();
}

/** An attribute of the focused element (`text` for its text); the cast stands in for the DOM types this Node file lacks. */
function focused(page: Page, attribute: string): Promise<string | null> {
  return page.evaluate((name) => {
    const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null } }).document.activeElement;
    return (name === "text" ? el?.textContent : el?.getAttribute(name)) ?? null;
  }, attribute);
}

/** The analytics requests the page makes from now on, by path ending. */
function watchRequests(page: Page): URL[] {
  const asked: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.includes("/analytics/")) asked.push(url);
  });
  return asked;
}

browserSuite("Date range: a custom range of days, picked in a calendar and kept in the URL", () => {
  let browser: Browser;

  beforeAll(async () => {
    await recordDemoTraffic(sdk());
    browser = await openBrowser(DESKTOP, { timezoneId: ZONE });
    await logIn(browser.page, e2e.demo.email, e2e.demo.password);
  });
  afterAll(async () => browser?.close());

  it("picks two days in the calendar, asks for their midnights in the viewer's time zone, and keeps them over a reload", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview`);
    await page.getByTestId("kpi-messages-value").waitFor();
    await page.getByTestId("range-time-zone").filter({ hasText: ZONE }).waitFor();
    const asked = watchRequests(page);

    const first = dayInZone(-2);
    const last = dayInZone(-1);
    await page.getByRole("button", { name: "Custom", exact: true }).click();
    const calendar = page.getByRole("dialog");
    await calendar.getByRole("button", { name: "Apply" }).waitFor();
    // Days after today cannot be chosen: tomorrow is disabled, or, when it is not on this month's page, the next month is.
    const tomorrow = calendar.getByRole("button", { name: dayLabel(dayInZone(1)), exact: true });
    if ((await tomorrow.count()) > 0) expect(await tomorrow.isDisabled()).toBe(true);
    else expect(await calendar.getByRole("button", { name: "Next month" }).isDisabled()).toBe(true);
    expect(await calendar.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);
    await pickDay(page, first);
    await pickDay(page, last);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await calendar.getByRole("button", { name: "Apply" }).click();

    await expect.poll(() => new URL(page.url()).search).toBe(`?from=${first}&to=${last}`);
    // The figures are asked for from midnight of the first day to midnight after the last, New York time.
    const overview = async () => asked.find((u) => u.pathname.endsWith("/analytics/overview") && u.searchParams.get("to") !== null);
    await expect.poll(overview).toBeDefined();
    const o = (await overview())!;
    expect(wallClock(Number(o.searchParams.get("from")))).toBe(`${first} 00:00`);
    expect(wallClock(Number(o.searchParams.get("to")))).toBe(`${dayInZone(0)} 00:00`);
    expect(o.searchParams.get("timeZone")).toBe(ZONE);
    // The trend is asked for beside the KPIs, not necessarily before the poll above saw them.
    const sentimentAsked = async () => asked.find((u) => u.pathname.endsWith("/analytics/sentiment") && u.searchParams.get("from") === o.searchParams.get("from"));
    await expect.poll(sentimentAsked).toBeDefined();
    const sentiment = (await sentimentAsked())!;
    expect(sentiment.searchParams.get("to")).toBe(o.searchParams.get("to"));
    expect(sentiment.searchParams.get("interval")).toBe("day");

    // The control names the range, and no preset is selected.
    const custom = page.getByTestId("range-custom");
    await expect.poll(() => custom.getAttribute("aria-label")).toMatch(/^Custom range: .+ – .+/);
    expect(await page.getByRole("radiogroup", { name: "Date range" }).getByRole("radio", { checked: true }).count()).toBe(0);
    await page.getByTestId("kpi-messages-value").waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "overview-custom-range");

    // A reload keeps the range: the Worker draws that range's KPIs into the page (README "Dashboard": loading) and
    // the application takes them over without asking again; boot.ts and the page read the range alike, so the
    // trend is asked for once.
    const label = await custom.innerText();
    asked.length = 0;
    await page.reload();
    await page.getByTestId("kpi-messages-value").waitFor();
    await page.getByTestId("trend-plot").or(page.getByTestId("trend-empty")).waitFor();
    expect(new URL(page.url()).search).toBe(`?from=${first}&to=${last}`);
    expect(await page.getByTestId("range-custom").innerText()).toBe(label);
    const painted = JSON.parse((await page.locator("#first-paint-data").textContent())!) as { span: { from: number; to?: number }; timeZone: string };
    expect(painted.timeZone).toBe(ZONE);
    expect(painted.span).toEqual({ from: Number(o.searchParams.get("from")), to: Number(o.searchParams.get("to")) });
    expect(asked.filter((u) => u.pathname.endsWith("/analytics/overview"))).toEqual([]);
    const trends = asked.filter((u) => u.pathname.endsWith("/analytics/sentiment"));
    expect(trends.length).toBe(1);
    expect(trends[0]!.searchParams.get("from")).toBe(o.searchParams.get("from"));
    expect(trends[0]!.searchParams.get("to")).toBe(o.searchParams.get("to"));

    // The navigation keeps it on the other pages of the range.
    await page.getByRole("navigation", { name: "Chatbot" }).getByRole("link", { name: "User insights", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "User insights" }).waitFor();
    expect(new URL(page.url()).search).toBe(`?from=${first}&to=${last}`);
    expect(await page.getByTestId("range-custom").innerText()).toBe(label);
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();

    // A preset replaces it: `range` in the URL, `from`/`to` gone.
    await page.getByRole("radiogroup", { name: "Date range" }).getByText("30 days").click();
    await expect.poll(() => new URL(page.url()).search).toBe("?range=30d");
    await expect.poll(() => page.getByTestId("range-custom").innerText()).toBe("Custom");
  });

  it("shows a single day, chosen by clicking it twice, by the hour and up to now", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/insights`);
    await page.getByRole("heading", { level: 1, name: "User insights" }).waitFor();
    const asked = watchRequests(page);
    const today = dayInZone(0);
    await page.getByRole("button", { name: "Custom", exact: true }).click();
    await pickDay(page, today);
    await pickDay(page, today);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?from=${today}&to=${today}`);
    const insights = async () => asked.find((u) => u.pathname.endsWith("/analytics/insights"));
    await expect.poll(insights).toBeDefined();
    const i = (await insights())!;
    expect(wallClock(Number(i.searchParams.get("from")))).toBe(`${today} 00:00`);
    // The last day is today: no `to`, so the API counts up to now and live updates keep counting.
    expect(i.searchParams.get("to")).toBeNull();

    // The same address on the overview: its trend is hourly.
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview?from=${today}&to=${today}`);
    await page.getByTestId("trend").waitFor();
    await expect.poll(() => page.getByTestId("trend").locator("th[scope=col]").first().textContent(), { timeout: 20_000 }).toBe("Hour");
    // …its hours read by the viewer's clock, and it says whose.
    await page.getByTestId("trend").getByText(`hours by the clock of your time zone, ${ZONE}`).waitFor();
  });

  it("is usable from the keyboard alone: open, choose a day, apply, and focus returns to the button", async () => {
    const { page } = browser;
    await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/assistant`);
    await page.getByRole("heading", { level: 1, name: "Assistant performance" }).waitFor();
    await page.getByTestId("range-custom").focus();
    await page.keyboard.press("Enter");
    const calendar = page.getByRole("dialog");
    await calendar.getByRole("button", { name: "Apply" }).waitFor();
    const focusedLabel = () => focused(page, "aria-label");
    // Tab from the month's controls into its days (one of them takes the focus), then Enter twice chooses that day alone.
    const dayName = new RegExp(`^\\d{1,2} (${MONTHS.join("|")}) \\d{4}$`);
    for (let tabs = 0; !dayName.test((await focusedLabel()) ?? "") && tabs < 6; tabs++) await page.keyboard.press("Tab");
    const label = (await focusedLabel())!;
    expect(label).toMatch(dayName);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    const [d, month, y] = label.split(" ");
    const day = `${y}-${String(MONTHS.indexOf(month!) + 1).padStart(2, "0")}-${d!.padStart(2, "0")}`;
    // Cancel, then Apply.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page, "text")).toBe("Apply");
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).search).toBe(`?from=${day}&to=${day}`);
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    expect(await focused(page, "data-testid")).toBe("range-custom");
  });

  it("falls back to seven days, without an error, for a range in the future, reversed or malformed", async () => {
    const { page } = browser;
    for (const query of [`from=${dayInZone(1)}&to=${dayInZone(2)}`, `from=${dayInZone(-1)}&to=${dayInZone(-3)}`, "from=2026-02-30&to=2026-03-01", "from=yesterday&to=today"]) {
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview?${query}`);
      await page.getByTestId("kpi-messages-value").waitFor();
      expect(await page.getByRole("radiogroup", { name: "Date range" }).getByRole("radio", { name: "7 days" }).isChecked(), query).toBe(true);
      expect(await page.getByTestId("range-custom").innerText()).toBe("Custom");
      expect(await page.getByRole("alert").count(), query).toBe(0);
    }
  });

  it("sits top right on every page that has it, the assistant's with its long description too", async () => {
    const { page } = browser;
    const places: Record<string, { right: number; top: number; titleBottom: number }> = {};
    for (const path of ["overview", "insights", "assistant", "users/u-ada"]) {
      await page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/${path}`);
      const button = page.getByTestId("range-custom");
      await button.waitFor();
      await settle(page);
      const [box, title] = [await button.boundingBox(), await page.getByRole("heading", { level: 1 }).boundingBox()];
      places[path] = { right: Math.round(box!.x + box!.width), top: box!.y, titleBottom: title!.y + title!.height };
    }
    const rights = new Set(Object.values(places).map((p) => p.right));
    expect(rights.size, JSON.stringify(places)).toBe(1);
    // Beside the title, not on a line of its own under the description.
    for (const [path, p] of Object.entries(places)) expect(p.top, path).toBeLessThan(p.titleBottom);
  });

  it("opens the calendar without sideways scrolling on a phone, wrapping the header's controls, in the dark theme too", async () => {
    const phone = await openBrowser(PHONE, { timezoneId: ZONE, colorScheme: "dark" });
    try {
      await logIn(phone.page, e2e.demo.email, e2e.demo.password);
      await phone.page.goto(`${e2e.url}/chatbots/${e2e.demo.chatbotId}/overview?from=${dayInZone(-6)}&to=${dayInZone(0)}`);
      await phone.page.getByTestId("kpi-messages-value").waitFor();
      expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
      await phone.page.getByTestId("range-custom").click();
      await phone.page.getByRole("dialog").getByRole("button", { name: "Apply" }).waitFor();
      expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(phone.page)).toEqual([]);
      await screenshot(phone.page, "overview-custom-range-phone-dark");
      // Escape closes it and gives the focus back to its button.
      await phone.page.keyboard.press("Escape");
      await expect.poll(() => phone.page.getByRole("dialog").count()).toBe(0);
      expect(await focused(phone.page, "data-testid")).toBe("range-custom");
    } finally {
      await phone.close();
    }
  });
});
