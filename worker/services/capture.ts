/**
 * REST capture (SPEC §4), compatible with OpenBat's documented `recordMessages` body, including its
 * deprecated aliases `userId` (→ user.id) and `metadata` (→ custom).
 */
import { z } from "zod";
import type { CaptureOutcome } from "../../durable-objects/conversation";
import { contextInput, customFields, LIMITS, messageInput, reusedIdWarning } from "../../durable-objects/protocol";
import { edgeSession } from "../geo";
import { fieldError } from "../errors";
import { parse } from "../input";
import type { KeyScope } from "./keys";
import { conversationStub } from "./conversation-stub";

export const externalConversationId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

export const captureBody = contextInput.extend({
  conversationId: externalConversationId.meta({ description: "Your id for the conversation (1–128 printable ASCII characters, no spaces)" }),
  messages: z
    .array(messageInput)
    .min(1, "send at least one message")
    .max(LIMITS.messagesPerCapture, `at most ${LIMITS.messagesPerCapture} messages per call`)
    .meta({ description: `1–${LIMITS.messagesPerCapture} messages` }),
  headers: z
    .record(z.string().max(256), z.string().max(4096))
    .optional()
    .meta({ description: "Your end user's request headers (user-agent, cf-ipcountry…), for geolocation and device" }),
  userId: z.string().min(1).max(128).optional().meta({ description: "Use `user: { id }`", deprecated: true }),
  metadata: customFields.optional().meta({ description: "Use `custom`", deprecated: true }),
});
export type CaptureBody = z.infer<typeof captureBody>;

export interface CaptureResponse {
  ok: true;
  conversationId: string;
  externalId: string;
  inserted: number;
  duplicates: number;
  /** Messages handed to the analysis pipeline by this call. */
  analysisQueued: number;
  warnings: string[];
  messages: CaptureOutcome["messages"];
}

export async function captureMessages(env: Env, scope: KeyScope, body: CaptureBody, request: Request): Promise<CaptureResponse> {
  const warnings: string[] = [];
  let user = body.user;
  if (body.userId !== undefined) {
    warnings.push("`userId` is deprecated; send `user: { id }` instead");
    user ??= { id: body.userId };
  }
  let custom = body.custom;
  if (body.metadata !== undefined) {
    warnings.push("`metadata` is deprecated; send `custom` instead");
    custom = parse(customFields, { ...body.metadata, ...custom }, "custom");
  }
  const edge = edgeSession(request, body.headers);
  const stub = conversationStub(env, scope.chatbotId, body.conversationId, edge.continent);
  const outcome = await stub.capture({
    scope: {
      organizationId: scope.organizationId,
      chatbotId: scope.chatbotId,
      externalId: body.conversationId,
      idleTimeoutMinutes: scope.idleTimeoutMinutes,
    },
    edge,
    messages: body.messages,
    user,
    organization: body.organization,
    session: body.session,
    custom,
  });
  if ("refused" in outcome) {
    const { field, message } = outcome.refused;
    throw fieldError(field, message);
  }
  return {
    ok: true,
    conversationId: outcome.conversationId,
    externalId: body.conversationId,
    inserted: outcome.inserted,
    duplicates: outcome.duplicates,
    analysisQueued: outcome.analysisQueued,
    warnings: [...warnings, ...outcome.reusedIds.map(reusedIdWarning)],
    messages: outcome.messages,
  };
}
