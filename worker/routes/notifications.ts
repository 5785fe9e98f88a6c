import { z } from "@hono/zod-openapi";
import { sessionRequired } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { sessionHeaders } from "../../durable-objects/session-sockets";
import { channelOf } from "../notifications/channel";
import { refuseCrossSite, requireUpgrade } from "../middleware/websocket";
import { errorResponse, jsonData, noContent } from "../openapi/responses";
import { memberFrames } from "../openapi/frames";
import { apiRoute, apiRouter } from "../openapi/router";
import { notificationList, notificationSchema } from "../schemas/triage";
import { listNotifications, listQuery, markAllRead, markRead } from "../notifications/service";

/**
 * The signed-in member's in-app notifications (README "Notifications"): the list, marking read, and the live
 * channel (a WebSocket to the member's MemberChannel Durable Object). Member sessions only — an API key
 * belongs to a chatbot, not to a person, so it has no notifications (403).
 */
export const notificationRoutes = apiRouter();

notificationRoutes.use("*", sessionRequired, rateLimit("MEMBER_READ_LIMITER", (c) => `member:${c.get("session").memberId}`));
const tags = ["Notifications"];
const notificationId = z.object({ id: z.string().openapi({ description: "A notification id (`ntf_…`)" }) });

notificationRoutes.openapi(
  apiRoute("member", {
    method: "get",
    path: "/",
    tags,
    summary: "Your notifications, newest first, and how many are unread",
    description: "`unread=true` lists only the unread ones. New ones also arrive at once on GET /api/v1/notifications/live.",
    request: { query: listQuery },
    responses: { 200: jsonData(notificationList, "Notifications and the unread count") },
  }),
  async (c) => c.json({ data: await listNotifications(c.get("db"), c.get("session").memberId, c.req.valid("query")) }, 200),
);

notificationRoutes.openapi(
  apiRoute("member", {
    method: "get",
    path: "/live",
    tags,
    summary: "WebSocket of your new notifications, wherever you are in the dashboard (`Upgrade: websocket`)",
    description:
      "Frames (the `MemberFrame` schema, every field): `hello`, then a `notification` frame for each notification written for you (an assignment, a workflow's in-app alert), the moment it is stored. Only your own; nothing is replayed, so a client that reconnects re-reads GET /api/v1/notifications. A `ping` (`MemberClientFrame`) is answered `pong`, anything else you send an `error` frame, the socket staying open. Closed with 4001 when the session ends (log-out, password reset) or expires. A cross-site origin answers 403 (README, Notifications).",
    responses: { 101: noContent("Switching protocols: your notification channel"), 426: errorResponse("Not a WebSocket upgrade") },
    ...memberFrames,
  }),
  async (c) => {
    requireUpgrade(c);
    refuseCrossSite(c, "the notification channel");
    const session = c.get("session");
    // A request of our own: the channel learns the session from us alone, never from the client's headers.
    const upgrade = new Request(c.req.url, { headers: { upgrade: "websocket", ...sessionHeaders(session) } });
    return channelOf(c.env, session.memberId).fetch(upgrade);
  },
);

notificationRoutes.openapi(
  apiRoute("member", {
    method: "post",
    path: "/read-all",
    tags,
    summary: "Mark every notification read",
    responses: { 200: jsonData(z.object({ marked: z.number().int() }), "How many were marked") },
  }),
  async (c) => c.json({ data: { marked: await markAllRead(c.get("db"), c.get("session").memberId) } }, 200),
);

notificationRoutes.openapi(
  apiRoute("member", {
    method: "post",
    path: "/{id}/read",
    tags,
    summary: "Mark one notification read",
    request: { params: notificationId },
    responses: { 200: jsonData(notificationSchema, "The notification") },
  }),
  async (c) => c.json({ data: await markRead(c.get("db"), c.get("session").memberId, c.req.valid("param").id) }, 200),
);
