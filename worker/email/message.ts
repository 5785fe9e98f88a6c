/**
 * What goes on the email queue: which email, to whom, and what it needs filled in. The queue carries the
 * email's facts, not its rendered text, so the consumer validates them (zod) and renders the templates.
 * One message is one email to one address, so a retry can never send the same email twice to others.
 */
import { z } from "zod";

const to = z.email().max(256);
const link = z.url().max(2048);

export const emailMessage = z.discriminatedUnion("kind", [
  /** A new address asked for an account: the link creates it. */
  z.object({ kind: z.literal("signup_confirm"), to, link }),
  /** A known address asked for an account again: a note, with a way to log in. */
  z.object({ kind: z.literal("signup_exists"), to, link }),
  z.object({ kind: z.literal("password_reset"), to, link }),
  z.object({ kind: z.literal("invitation"), to, link, organizationName: z.string().max(200), role: z.string().max(32) }),
  /** A workflow's email action matched: `text` is the action's rendered message. */
  z.object({
    kind: z.literal("workflow_alert"),
    to,
    organizationId: z.string().min(1),
    runId: z.string().min(1),
    workflowName: z.string().max(200),
    text: z.string().max(4000),
    subject: z.string().max(200).optional(),
  }),
]);
export type EmailMessage = z.infer<typeof emailMessage>;
export type EmailKind = EmailMessage["kind"];
