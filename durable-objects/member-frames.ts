/**
 * A member's notification channel (GET /api/v1/notifications/live, one socket per open dashboard tab): its
 * frames as zod schemas. The member's channel Durable Object sends them, the OpenAPI document publishes them
 * (components MemberFrame and MemberClientFrame) and the dashboard's types are generated from that.
 */
import { z } from "zod";
import { NOTIFICATION_KINDS } from "../worker/db/schema";
import { frameRefusalFrame } from "./frame-reading";

/** An in-app notification, as the notification centre lists it (GET /api/v1/notifications). */
export const notificationView = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string().nullable(),
    chatbotId: z.string().nullable(),
    conversationId: z.string().nullable(),
    createdAt: z.number().int().meta({ description: "Epoch milliseconds" }),
    readAt: z.number().int().nullable().meta({ description: "Epoch milliseconds; null while unread" }),
  })
  .meta({ description: "An in-app notification of one member" });
export type NotificationView = z.infer<typeof notificationView>;

export const memberFrame = z
  .discriminatedUnion("type", [
    z
      .object({ type: z.literal("hello") })
      .meta({ description: "First frame on every socket. Nothing is replayed: a client that reconnects re-reads GET /api/v1/notifications for what it missed" }),
    z
      .object({ type: z.literal("notification"), notification: notificationView })
      .meta({ description: "A notification written for this member, sent at once to every socket of theirs; it is in GET /api/v1/notifications already" }),
    z.object({ type: z.literal("pong") }).meta({ description: "The answer to a ping" }),
    frameRefusalFrame.meta({
      description:
        "A frame the client sent was refused, as the live feed refuses one: `invalid_json` (not JSON), `invalid_frame` (not a ping: an unknown `type` or a wrong field, named in `details`; binary frames too), `payload_too_large` (over 40 KB, not parsed). The socket stays open",
    }),
  ])
  .meta({ description: "A frame the member's notification channel sends" });
export type MemberFrame = z.infer<typeof memberFrame>;

/** Members only listen; a ping keeps proxies from closing an idle socket. Anything else is answered with an `error` frame. */
export const memberClientFrame = z.object({ type: z.literal("ping") }).meta({ description: "The one frame a notification channel's client sends" });

