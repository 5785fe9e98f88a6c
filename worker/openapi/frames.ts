/**
 * The WebSocket frames, published in the OpenAPI document beside the REST shapes. OpenAPI cannot describe
 * a socket's messages, so each direction's frames are one named component (every frame, with every field,
 * among the reference page's models) and each socket route names what it takes and sends in an
 * `x-websocket-frames` extension.
 * The schemas are the ones the Durable Objects validate and send with.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { feedClientFrame, feedFrame } from "../../durable-objects/feed-frames";
import { memberClientFrame, memberFrame } from "../../durable-objects/member-frames";
import { clientFrame, serverFrame } from "../../durable-objects/protocol";
import type { AppEnv } from "../context";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** On a socket route: the client sends `send` frames and receives `receive` frames. */
export const conversationFrames = { "x-websocket-frames": { send: ref("ClientFrame"), receive: ref("ServerFrame") } };
export const feedFrames = { "x-websocket-frames": { send: ref("FeedClientFrame"), receive: ref("FeedFrame") } };
export const memberFrames = { "x-websocket-frames": { send: ref("MemberClientFrame"), receive: ref("MemberFrame") } };

export function registerFrames(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.register("ClientFrame", clientFrame);
  app.openAPIRegistry.register("ServerFrame", serverFrame);
  app.openAPIRegistry.register("FeedClientFrame", feedClientFrame);
  app.openAPIRegistry.register("FeedFrame", feedFrame);
  app.openAPIRegistry.register("MemberClientFrame", memberClientFrame);
  app.openAPIRegistry.register("MemberFrame", memberFrame);
}
