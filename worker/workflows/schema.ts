/**
 * Workflows (SPEC §6) as zod schemas: the trigger, conditions joined by AND (`all`) or OR (`any`),
 * actions that each post to a webhook destination, email the organization's members or notify them in the
 * app, and the cooldown.
 */
import { z } from "zod";
import { patchOf } from "../schemas/patch";
import { WORKFLOW_TRIGGERS } from "../db/schema";
import { nameText } from "../schemas/names";
import { STARTER_SLUGS } from "./templates";

const slug = z.string().trim().min(1).max(64);

const numericOp = z.enum(["<", "<=", ">", ">=", "="]);
const mrrOp = z.enum(["<", "<=", ">", ">="]);
const equality = z.enum(["=", "!="]);

export const condition = z.discriminatedUnion("field", [
  z.strictObject({ field: z.literal("sentiment_score"), op: numericOp, value: z.number().min(-1).max(1) }),
  z.strictObject({ field: z.literal("sentiment_label"), op: equality, value: z.enum(["very_negative", "negative", "neutral", "positive", "very_positive"]) }),
  z.strictObject({ field: z.literal("intent"), op: equality, value: slug }),
  z.strictObject({ field: z.literal("topic"), op: equality, value: slug }),
  z.strictObject({ field: z.literal("behaviour"), op: equality, value: slug }),
  z.strictObject({ field: z.literal("resolution"), op: equality, value: z.enum(["fully_resolved", "partially_resolved", "unresolved"]) }),
  z.strictObject({ field: z.literal("flag"), op: z.enum(["detected", "not_detected"]), value: slug }),
  z.strictObject({ field: z.enum(["user_plan", "organization_plan"]), op: equality, value: z.string().trim().min(1).max(64) }),
  z.strictObject({ field: z.enum(["user_mrr", "organization_mrr"]), op: mrrOp, value: z.number().nonnegative() }),
]);
export type Condition = z.infer<typeof condition>;

/** Text with `{{path}}` placeholders, e.g. `{{user.email}} is at risk ({{sentiment.score}})`. */
const messageTemplate = z.string().max(2000).optional();

/** Posts to a webhook destination of the chatbot (`type` may be left out: it was the only kind at first). */
export const webhookAction = z.strictObject({
  type: z.literal("webhook").optional(),
  destinationId: z.string().min(1),
  template: messageTemplate,
});

/** Emails members of the chatbot's organization: all of them when it fires, or the members named. */
export const emailAction = z.strictObject({
  type: z.literal("email"),
  to: z.union([z.literal("members"), z.array(z.string().min(1)).min(1).max(50)], {
    error: 'to is "members" or a list of 1–50 member ids',
  }),
  subject: z.string().trim().min(1).max(200).optional(),
  template: messageTemplate,
});

/**
 * Notifies members in the app (the dashboard's notification centre, live): every owner and admin of the
 * organization when it fires (`admins`, the templates' default), every member, or the members named.
 */
export const inAppAction = z.strictObject({
  type: z.literal("in_app"),
  to: z.union([z.literal("admins"), z.literal("members"), z.array(z.string().min(1)).min(1).max(50)], {
    error: 'to is "admins", "members" or a list of 1–50 member ids',
  }),
  template: messageTemplate,
});

/** Told apart by `type`, so a refusal names the field that is wrong rather than "Invalid input" for the whole action. */
export const action = z.discriminatedUnion("type", [emailAction, inAppAction, webhookAction], {
  error: 'type is "webhook" (or left out), "email" or "in_app"',
});
export type Action = z.infer<typeof action>;
export type WebhookAction = z.infer<typeof webhookAction>;
export type EmailAction = z.infer<typeof emailAction>;
export type InAppAction = z.infer<typeof inAppAction>;

export const isEmailAction = (a: Action): a is EmailAction => a.type === "email";
export const isInAppAction = (a: Action): a is InAppAction => a.type === "in_app";
export const isWebhookAction = (a: Action): a is WebhookAction => a.type === undefined || a.type === "webhook";

export const cooldown = z.discriminatedUnion("type", [
  /** The default: a workflow fires at most once per conversation. */
  z.strictObject({ type: z.literal("once_per_conversation") }),
  /** At most once per conversation within a window. */
  z.strictObject({ type: z.literal("minutes"), minutes: z.number().int().min(1).max(60 * 24 * 30) }),
  z.strictObject({ type: z.literal("none") }),
]);
export type Cooldown = z.infer<typeof cooldown>;

export const workflowInput = z.object({
  name: nameText(120),
  trigger: z.enum(WORKFLOW_TRIGGERS),
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(condition).max(20).default([]),
  actions: z.array(action).min(1, "add at least one action").max(10),
  cooldown: cooldown.default({ type: "once_per_conversation" }),
  status: z.enum(["active", "inactive"]).default("active"),
  /** The starter the workflow was made from, kept as it is edited. */
  template: z.enum(STARTER_SLUGS).optional(),
});
export type WorkflowInput = z.infer<typeof workflowInput>;
/** A workflow as a request body gives it: a field it does not take is refused, not dropped. */
export const workflowBodyInput = workflowInput.strict();

/** Changes only the fields it names (schemas/patch.ts). */
export const workflowPatch = patchOf(workflowInput).strict();
