import { z } from "zod";
import { FEED_CHATBOT_HEADER, FEED_KEY_EXPIRES_HEADER, FEED_KEY_HEADER, FEED_ZONE_HEADER } from "../../durable-objects/chatbot-live";
import { sessionHeaders } from "../../durable-objects/session-sockets";
import { timeZone } from "../analytics/time-zone";
import { requireChatbot } from "../middleware/auth";
import { refuseCrossSite, requireUpgrade } from "../middleware/websocket";
import { errorResponse, noContent } from "../openapi/responses";
import { feedFrames } from "../openapi/frames";
import { apiRoute, apiRouter } from "../openapi/router";
import { relayFeed } from "../services/feed-relay";
import { chosenProtocol } from "../services/socket-protocol";

/**
 * GET /api/v1/chatbots/:chatbotId/live-feed (member session) or /api/v1/live-feed (read or admin key in
 * the Authorization header, or offered as a subprotocol beside `openbat`): a WebSocket of the chatbot's live events, coalesced into `batch` frames.
 */
export const liveFeed = apiRouter();

liveFeed.openapi(
  apiRoute("read", {
    method: "get",
    path: "/",
    tags: ["Live feed"],
    summary: "WebSocket of the chatbot's live events, coalesced into `batch` frames (`Upgrade: websocket`)",
    description: "A read or admin key goes in the Authorization header or, from a client that cannot set headers on a WebSocket, beside `openbat` as a subprotocol (`new WebSocket(url, [\"openbat\", key])`; the answer chooses `openbat`). Frames (the `FeedFrame` schema, every field): `hello` with today's counters (today from midnight in `timeZone`), then `batch` frames of `message`, `annotation`, `conversation`, `triage` and `labels` events, and `indexed` frames (README, Live feed). The viewer may send `{ \"type\": \"ping\" }` (answered `pong`); anything else is answered with an `error` frame (`invalid_json`, `invalid_frame`, `payload_too_large`) and the feed stays open. A member's notifications have their own socket: GET /api/v1/notifications/live. A socket closes with 4001 when the key it was opened with is revoked, rotated or expires, or, opened with a member session, when that session ends (log-out, password reset; reason \"session ended\"), expires (\"session expired\"), or the member is removed from or leaves the organization (\"removed from the organization\", \"left the organization\"; the session lives on).",
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
    requireUpgrade(c);
    const member = Boolean(c.get("auth").memberId);
    if (member) refuseCrossSite(c, "the live feed");
    // A request of our own: the feed learns the chatbot, the zone, the member's session or the key from us
    // alone, never from the client's headers (revoking the key, or ending the session, closes the socket).
    const { chatbotId } = c.get("auth");
    return relayFeed(c.env, c.req.url, chatbotId, {
      upgrade: "websocket",
      [FEED_CHATBOT_HEADER]: chatbotId,
      [FEED_ZONE_HEADER]: c.req.valid("query").timeZone ?? "UTC",
      ...(member ? sessionHeaders(c.get("session")) : keyHeaders(c.get("auth"))),
    }, chosenProtocol(c.req.header("sec-websocket-protocol")));
  },
);

/** The key a viewer opened the feed with, and when it expires, for the feed object. */
function keyHeaders(auth: { keyId: string; expiresAt: number | null }): Record<string, string> {
  return { [FEED_KEY_HEADER]: auth.keyId, ...(auth.expiresAt === null ? {} : { [FEED_KEY_EXPIRES_HEADER]: String(auth.expiresAt) }) };
}
