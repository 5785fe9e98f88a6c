import { api } from "../../api/client";
import type { Overview } from "../../api/types";
import { apiRangeKey, intervalFor, viewerTimeZone, type ApiRange, type DateRange } from "../../lib/range";

/** Live counts since the page opened; an overview fetched at count N shows its figures plus what came after N. */
export interface LiveCounts {
  conversations: number;
  messages: number;
  analysed: number;
}

const none = (): LiveCounts => ({ conversations: 0, messages: 0, analysed: 0 });

/**
 * The overview's two reads (KPIs, and the trend with its bands), for the page and for boot.ts, which
 * starts them while the application's bundle is still arriving. `span` is the range's `from`/`to`
 * (lib/range.ts `apiRange`), computed once by the caller so that a re-render in a later minute does not ask again.
 */
export function overviewQueries(chatbotId: string, range: DateRange, span: ApiRange, liveNow: () => LiveCounts = none) {
  const options = { liveChatbotId: chatbotId };
  const interval = intervalFor(range);
  return {
    overview: {
      key: `overview:${chatbotId}:${apiRangeKey(span)}`,
      load: async (): Promise<{ overview: Overview; at: LiveCounts }> => {
        const at = { ...liveNow() };
        return { overview: await api.analytics.overview(chatbotId, { ...span, timeZone: viewerTimeZone() }), at };
      },
      options,
    },
    sentiment: {
      key: `sentiment:${chatbotId}:${apiRangeKey(span)}:${interval}`,
      // Days (and weeks, months) start at the viewer's midnight, as the range's days do.
      load: () => api.analytics.sentiment(chatbotId, { ...span, interval, timeZone: viewerTimeZone() }),
      options,
    },
  };
}
