/**
 * The dashboard's first script: a small entry of its own (vite.config.ts) that the page loads with
 * `async`, so it runs while the application's bundle is still arriving. It starts the requests the
 * page opened will need (who is logged in, which organization holds the chatbot, the attention queue
 * the navigation counts, the overview's figures) so that they travel in parallel instead of one after another as each
 * component mounts (README "Dashboard": time to KPIs). Everything it starts lands in the same cache
 * and module map the application reads; if the guess is wrong, the page simply asks again.
 */
import { prefetchQuery, seedQuery } from "./api/query-client";
import { apiRange, apiRangeKey, pinRangeNow, rangeFromParams, viewerTimeZone } from "./lib/range";
import { attentionQuery } from "./pages/chatbot/attention-query";
import { overviewQueries } from "./pages/chatbot/overview-queries";
import { chatbotLookup } from "./session/chatbot-lookup";
import { readFirstPaint, rememberViewerZone } from "./session/first-paint";
import { startEarlyProbe } from "./session/session-probe";

// When the boot script ran, for the load's timeline (bench/dashboard.ts --waterfall prints the page's marks).
performance.mark("openbat:boot");

const chatbotPage = /^\/chatbots\/([^/]+)(?:\/([^/]+))?\/?$/.exec(window.location.pathname);
const isPublic = /^\/(login|signup|confirm-signup|reset-password|accept-invitation)\/?$/.test(window.location.pathname);

// The Worker's next first paint counts "today" from the viewer's midnight (lib/first-paint-contract.ts).
rememberViewerZone();

if (!isPublic) {
  const session = startEarlyProbe();
  if (chatbotPage) {
    const chatbotId = decodeURIComponent(chatbotPage[1]!);
    // A chatbot's own address lands on its attention queue; the navigation's count badge asks for it on every page.
    const page = chatbotPage[2] ?? "attention";
    const attention = attentionQuery(chatbotId);
    session.then(
      (signedIn) => {
        const lookup = chatbotLookup(signedIn, chatbotId);
        prefetchQuery(lookup.key, lookup.load);
        if (page !== "setup") prefetchQuery(attention.key, attention.load, attention.options);
      },
      () => undefined,
    );
    if (page === "overview") {
      // The Worker painted the KPIs into the page (session/first-paint.ts): their answer goes to the cache, and the
      // ranges count to the instant it was given at, so the page asks for (and finds) that very answer. Unpainted,
      // they count to this instant, so the page finds what is asked here even when the minute turns before it renders.
      const painted = readFirstPaint();
      const usable = painted !== null && painted.chatbotId === chatbotId && painted.timeZone === viewerTimeZone();
      pinRangeNow(usable ? painted.now : Date.now());
      // The page reads the same URL through the same functions (RangeControl's useDateRange), so the keys match.
      const range = rangeFromParams(new URLSearchParams(window.location.search));
      const span = apiRange(range);
      const queries = overviewQueries(chatbotId, range, span);
      if (usable && apiRangeKey(painted.span) === apiRangeKey(span)) {
        seedQuery(queries.overview.key, { overview: painted.overview, at: { conversations: 0, messages: 0, analysed: 0 } }, queries.overview.options);
      } else {
        prefetchQuery(queries.overview.key, queries.overview.load, queries.overview.options);
      }
      prefetchQuery(queries.sentiment.key, queries.sentiment.load, queries.sentiment.options);
    }
  }
}
