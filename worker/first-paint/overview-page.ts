/**
 * `GET /chatbots/:chatbotId/overview`: the dashboard's page (the SPA's index.html), with the KPIs already in
 * it when the visitor is a member of that chatbot's organization and the dashboard has told us their time
 * zone (README "Dashboard": loading). The page most visits land on then shows its figures as soon as the
 * HTML and its stylesheet are in, instead of after the application's JavaScript has arrived, run and asked
 * for them. Anything else — no session, another tenant's chatbot, no zone yet, the read limit reached, a
 * failed query — answers the plain page, which loads as every other page does: a page is never an error.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { overview, overviewQuery } from "../analytics/overview";
import { timeZone } from "../analytics/time-zone";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { checkRateLimit } from "../middleware/rate-limit";
import { currentSession, memberChatbotScope } from "../services/sessions";
import { SCHEME_COOKIE, ZONE_COOKIE, type FirstPaint } from "../../dashboard/src/lib/first-paint-contract";
import { apiRange, rangeFromParams } from "../../dashboard/src/lib/range";
import { dataBlock, overlay } from "./markup";

/** The figures the page would ask for first, or null when this visitor gets the plain page. */
async function firstPaintOf(c: Context<AppEnv>, chatbotId: string): Promise<FirstPaint | null> {
  // Hono decodes the cookie (`ob_tz=Europe%2FParis`).
  const zone = timeZone.safeParse(getCookie(c, ZONE_COOKIE) ?? "");
  if (!zone.success) return null;
  const session = await currentSession(c);
  if (!session) return null;
  const scope = await memberChatbotScope(c, session, chatbotId).catch(() => null);
  if (!scope) return null;
  // The same read the page would make, so it counts against the member's read limit as that read would.
  await checkRateLimit(c.env, "MEMBER_READ_LIMITER", scope.keyId);
  const now = Date.now();
  // The range in the address, read and turned into `from`/`to` by the dashboard's own functions: the application
  // then asks for the very same range and finds this answer in its cache.
  const span = apiRange(rangeFromParams(new URL(c.req.url).searchParams, now, zone.data), now, zone.data);
  const query = overviewQuery.parse({ ...span, timeZone: zone.data });
  return { chatbotId, timeZone: zone.data, now, span, overview: await overview(c.get("db"), chatbotId, query, now) };
}

/** The first language of Accept-Language that Intl knows, for the figures' separators; else en-US. */
function localeOf(header: string | undefined): string {
  const wanted = (header ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim())
    .filter((tag) => tag && tag !== "*");
  for (const tag of wanted) {
    try {
      const [known] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (known) return known;
    } catch {
      // not a language tag
    }
  }
  return "en-US";
}

export async function overviewPage(c: Context<AppEnv>): Promise<Response> {
  const page = await c.env.ASSETS.fetch(new URL("/", c.req.url));
  let painted: FirstPaint | null = null;
  try {
    painted = await firstPaintOf(c, c.req.param("chatbotId") ?? "");
  } catch (error) {
    // The plain page still works: the application asks for the figures itself and shows its own error if it must.
    if (!(error instanceof ApiError)) console.error(`overview first paint failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const headers = new Headers(page.headers);
  // The page differs per visitor from here on: never kept by a cache in between.
  headers.set("cache-control", painted ? "private, no-store" : (page.headers.get("cache-control") ?? "no-cache"));
  headers.append("vary", "cookie");
  if (!painted || !page.ok) return new Response(page.body, { status: page.status, headers });
  // The file's tag and cache status no longer describe this body.
  headers.delete("etag");
  headers.delete("cf-cache-status");
  const scheme = getCookie(c, SCHEME_COOKIE);
  const withFigures = new HTMLRewriter()
    .on("head", { element: (head) => void head.append(dataBlock(painted), { html: true }) })
    .on("body", { element: (body) => void body.prepend(overlay(painted, localeOf(c.req.header("accept-language")), scheme === "light" || scheme === "dark" ? scheme : null), { html: true }) })
    .transform(new Response(page.body, { status: page.status, headers }));
  return withFigures;
}
