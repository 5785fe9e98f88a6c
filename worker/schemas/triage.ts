/**
 * Acting on conversations (README "Acting on conversations"): what the triage routes take and answer.
 * A conversation's triage (status, assignee, labels), its notes and its activity timeline live in D1
 * apart from the conversation index, which every flush of the conversation rewrites.
 */
import { z } from "@hono/zod-openapi";
import { notificationView } from "../../durable-objects/member-frames";
import { ACTIVITY_KINDS, TRIAGE_STATUSES } from "../db/schema";
import { epochMs } from "./common";
import { nameText } from "./names";

/** The colours a label may have: Mantine's palette names, so the dashboard draws them in both themes. */
export const LABEL_COLORS = ["gray", "red", "pink", "grape", "violet", "indigo", "blue", "cyan", "teal", "green", "lime", "yellow", "orange"] as const;

export const triageStatus = z.enum(TRIAGE_STATUSES).openapi("TriageStatus", { description: "open → needs_review → escalated → reviewed | resolved_by_team (any may be set from any)" });

const labelName = nameText(40);
const labelColor = z.enum(LABEL_COLORS).openapi({ description: `One of ${LABEL_COLORS.join(", ")}` });

export const labelInput = z.object({ name: labelName, color: labelColor }).strict();
export const labelPatch = labelInput.partial().strict();

export const triagePatch = z
  .object({
    status: triageStatus,
    assigneeId: z.string().min(1).nullable().openapi({ description: "A member of the organization (`mem_…`), or null to unassign" }),
  })
  .partial()
  .strict();

export const noteInput = z.object({ body: z.string().trim().min(1).max(4000) }).strict();

export const labelSchema = z.object({ id: z.string(), name: z.string(), color: labelColor, createdAt: epochMs }).openapi("Label");

export const memberRef = z.object({ id: z.string(), name: z.string(), email: z.string() }).openapi("MemberRef");

export const triageSchema = z
  .object({
    status: triageStatus,
    statusAt: epochMs.nullable().openapi({ description: "When the status last changed; null while never set (open)" }),
    assignee: memberRef.nullable(),
    labels: z.array(labelSchema),
  })
  .openapi("ConversationTriage");

export const noteSchema = z
  .object({
    id: z.string(),
    authorId: z.string().nullable().openapi({ description: "The member who wrote it; null for an API key or a member since removed" }),
    authorName: z.string(),
    body: z.string(),
    createdAt: epochMs,
  })
  .openapi("ConversationNote");

/** What an activity row records, by kind (fields that do not apply are absent). */
export const activityDetail = z
  .object({
    from: triageStatus.optional(),
    to: triageStatus.optional(),
    assigneeId: z.string().optional(),
    assigneeName: z.string().optional(),
    noteId: z.string().optional(),
    excerpt: z.string().optional().openapi({ description: "A note's first 140 characters" }),
    labelId: z.string().optional(),
    labelName: z.string().optional(),
    labelColor: z.string().optional(),
  })
  .openapi("ActivityDetail");
export type ActivityDetail = z.infer<typeof activityDetail>;

export const activitySchema = z
  .object({
    id: z.string(),
    kind: z.enum(ACTIVITY_KINDS),
    actorId: z.string().nullable().openapi({ description: "The member who acted; null for an API key (named in `actorName`)" }),
    actorName: z.string(),
    detail: activityDetail,
    createdAt: epochMs,
  })
  .openapi("ConversationActivity");

export const notificationSchema = notificationView.openapi("Notification");

export const notificationList = z
  .object({ items: z.array(notificationSchema).openapi({ description: "Newest first" }), unread: z.number().int() })
  .openapi("NotificationList");
