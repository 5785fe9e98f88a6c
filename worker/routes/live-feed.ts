import { z } from "zod";
import { FEED_MEMBER_HEADER, FEED_ZONE_HEADER, type ChatbotLive } from "../../durable-objects/chatbot-live";
import { timeZone } from "../analytics/time-zone";
import { ApiError } from "../errors";
import { requireChatbot } from "../middleware/auth";
import { errorResponse, noContent } from "../openapi/responses";
import { feedFrames } from "../openapi/frames";
import { apiRoute, apiRouter } from "../openapi/router";

/**
 * GET /api/v1/chatbots/:chatbotId/live-feed (member session) or /api/v1/live-feed (read or admin key in
 * the Authorization header): a WebSocket of the chatbot's live events, coalesced into `batch` frames.
 */
export const liveFeed = apiRouter();

liveFeed.openapi(
  apiRoute("read", {
    method: "get",
    path: "/",
    tags: ["Live feed"],
    summary: "WebSocket of the chatbot's live events, coalesced into `batch` frames (`Upgrade: websocket`)",
    description: "Frames (the `FeedFrame` schema, every field): `hello` with today's counters (today from midnight in `timeZone`), then `batch` frames of `message`, `annotation`, `conversation`, `triage` and `labels` events, and (member sessions only) `notification` frames for the member (README, Live feed).",
    middleware: [requireChatbot("read", "admin")],
    request: {
      query: z.object({
        timeZone: timeZone.optional().meta({ description: "The viewer's IANA time zone: the counters count today from its midnight (UTC when absent)" }),
      }),
    },
    responses: { 101: noContent("Switching protocols: the live feed"), 426: errorResponse("Not a WebSocket upgrade") },
    ...feedFrames,
  }),
  async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError("upgrade_required", "this endpoint speaks WebSocket: send `Upgrade: websocket`");
    }
    // Cookies ride along on WebSocket upgrades from any site: a session may only be used from our own pages.
    // An origin that is not a URL (`null` from sandboxed frames and file pages, or garbage) is not ours either.
    const origin = c.req.header("origin");
    if (c.get("auth").memberId && origin !== undefined && hostOf(origin) !== new URL(c.req.url).host) {
      throw new ApiError("forbidden", "the live feed refuses cross-site connections");
    }
    // A member's socket is tagged with the member, so in-app notifications reach only their own feeds;
    // the header is ours alone (a client's copy is dropped).
    const forwarded = new Request(c.req.raw);
    forwarded.headers.delete(FEED_MEMBER_HEADER);
    const { memberId } = c.get("auth");
    if (memberId) forwarded.headers.set(FEED_MEMBER_HEADER, memberId);
    forwarded.headers.set(FEED_ZONE_HEADER, c.req.valid("query").timeZone ?? "UTC");
    const ns = c.env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
    return ns.get(ns.idFromName(c.get("auth").chatbotId)).fetch(forwarded);
  },
);

function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}
