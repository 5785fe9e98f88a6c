/** What the workflow routes answer with. */
import { z } from "@hono/zod-openapi";
import { RUN_STATUSES, WORKFLOW_TRIGGERS } from "../db/schema";
import { action, condition, cooldown } from "../workflows/schema";

const epochMs = z.number().int().openapi({ description: "Epoch milliseconds" });

export const workflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    trigger: z.enum(WORKFLOW_TRIGGERS),
    match: z.enum(["all", "any"]),
    conditions: z.array(condition),
    actions: z.array(action),
    cooldown,
    status: z.enum(["active", "inactive"]),
    template: z.string().nullable().openapi({ description: "The starter template it was made from" }),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .openapi("Workflow");

export const workflowTemplateSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    trigger: z.enum(WORKFLOW_TRIGGERS),
    match: z.enum(["all", "any"]),
    conditions: z.array(condition),
    messageTemplate: z.string(),
  })
  .openapi("WorkflowTemplate");

export const deliveryAttemptSchema = z
  .object({
    id: z.string(),
    deliveryId: z.string(),
    attempt: z.number().int().openapi({ description: "1 for the first send" }),
    statusCode: z.number().int().nullable().openapi({ description: "null when the receiver answered nothing (network error, refused address)" }),
    durationMs: z.number().int(),
    response: z.string().nullable().openapi({ description: "The first KB of the answer, or the error" }),
    createdAt: epochMs,
  })
  .openapi("DeliveryAttempt");

export const deliverySchema = z
  .object({
    id: z.string().openapi({ description: "Also the `webhook-id` header: the same on every attempt and manual retry" }),
    runId: z.string(),
    chatbotId: z.string(),
    destinationId: z.string(),
    status: z.enum(["pending", "success", "failed"]),
    attempts: z.array(deliveryAttemptSchema),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .openapi("Delivery");

export const runSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    chatbotId: z.string(),
    workflowId: z.string(),
    conversationId: z.string(),
    conversationExternalId: z.string().nullable().openapi({ description: "The conversation's own id (as the integrator gave it), null while it is not in the index yet" }),
    messageSeq: z.number().int().nullable(),
    messageId: z.string().nullable(),
    status: z.enum(RUN_STATUSES),
    reason: z.string().nullable().openapi({ description: "Why a run was skipped or failed, in words" }),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .openapi("WorkflowRun");

export const runWithDeliveriesSchema = runSchema.extend({ deliveries: z.array(deliverySchema) }).openapi("WorkflowRunWithDeliveries");

export const retriedRunSchema = runSchema.extend({ requeued: z.number().int().openapi({ description: "Deliveries put back on the queue" }) }).openapi("RetriedRun");
