/**
 * Evaluates a chatbot's workflows right after a message is analysed (and when a conversation ends),
 * called from the conversation's Durable Object. A match becomes a WorkflowRun and one delivery per
 * webhook action, written in one D1 batch, then one Queue message per delivery; an email action becomes
 * one email-queue message per member it reaches; an in-app action one notification per member it reaches,
 * written in the same batch and pushed to their open feeds. Ids are derived from (workflow, conversation, message),
 * so an alarm that runs twice creates nothing twice (and emails only for a run it wrote first).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { ConversationState } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { averageSentiment } from "../../durable-objects/conversation-store";
import { sentimentLabel } from "../analysis/labels";
import type { MessageAnalysis } from "../analysis/types";
import { createDb } from "../db/client";
import { IsolateCache } from "../isolate-cache";
import { chatbots, deliveries, members, memberships, notifications, webhookDestinations, workflowRuns, workflows } from "../db/schema";
import { pushNotifications, type Notified } from "../notifications/channel";
import { inAppRecipients, workflowNotification, type Person } from "./in-app";
import type { EmailMessage } from "../email/message";
import { sha256Hex } from "../services/crypto";
import { sendEmails } from "../services/mail";
import { matches, type Facts } from "./evaluate";
import { bodyFor, completeEvent, type WebhookEvent } from "./payload";
import { action as actionSchema, condition as conditionSchema, cooldown as cooldownSchema, isEmailAction, isInAppAction, isWebhookAction, type Action, type Cooldown } from "./schema";
import type { Condition } from "./schema";
import { z } from "zod";

const CACHE_TTL_MS = 30_000;

export interface ActiveWorkflow {
  id: string;
  name: string;
  trigger: "user_message" | "assistant_message" | "any_message" | "conversation_ended";
  match: "all" | "any";
  conditions: Condition[];
  actions: Action[];
  cooldown: Cooldown;
  chatbotArchived: boolean;
}

export interface DeliveryMessage {
  deliveryId: string;
}

/** The chatbots' active workflows, shared by this isolate's conversations (worker/isolate-cache.ts). */
const cache = new IsolateCache<ActiveWorkflow[]>(CACHE_TTL_MS, 10 * CACHE_TTL_MS);

/** Drops this isolate's cached workflows for a chatbot (after a change through the API). */
export function forgetWorkflows(chatbotId: string): void {
  cache.forget(chatbotId);
}

function activeWorkflows(env: Env, chatbotId: string): Promise<ActiveWorkflow[]> {
  return cache.get(chatbotId, () => readActiveWorkflows(env, chatbotId));
}

async function readActiveWorkflows(env: Env, chatbotId: string): Promise<ActiveWorkflow[]> {
  const rows = await createDb(env.DB)
    .select({ w: workflows, chatbotStatus: chatbots.status })
    .from(workflows)
    .innerJoin(chatbots, eq(chatbots.id, workflows.chatbotId))
    .where(and(eq(workflows.chatbotId, chatbotId), eq(workflows.status, "active")));
  const parsed = rows.flatMap(({ w, chatbotStatus }) => {
    // A stored workflow that no longer validates is skipped, not fatal to the others.
    const conditions = z.array(conditionSchema).safeParse(w.conditions);
    const actions = z.array(actionSchema).safeParse(w.actions);
    const cooldown = cooldownSchema.safeParse(w.cooldown);
    if (!conditions.success || !actions.success || !cooldown.success) return [];
    return [
      {
        id: w.id,
        name: w.name,
        trigger: w.trigger,
        match: w.match,
        conditions: conditions.data,
        actions: actions.data,
        cooldown: cooldown.data,
        chatbotArchived: chatbotStatus === "archived",
      },
    ];
  });
  return parsed;
}

export interface TriggerInput {
  state: ConversationState;
  event: Facts["event"];
  message?: StoredMessage;
  analysis?: MessageAnalysis;
}

export function factsOf({ state, event, analysis }: TriggerInput): Facts {
  const user = state.user ? { plan: state.user.plan, mrr: state.user.mrr } : undefined;
  const organization = state.organization ? { plan: state.organization.plan, mrr: state.organization.mrr } : undefined;
  if (event === "conversation_ended") {
    const avg = averageSentiment(state.aggregates);
    return {
      event,
      sentiment: avg === null ? undefined : { score: avg, label: sentimentLabel(avg) },
      topics: [],
      flags: state.aggregates.flags,
      behaviours: state.aggregates.behaviours,
      resolution: state.aggregates.resolution?.resolution,
      user,
      organization,
    };
  }
  return {
    event,
    sentiment: analysis?.sentiment ? { score: analysis.sentiment.score, label: analysis.sentiment.label } : undefined,
    // A pending intent is only a suggestion until a person approves it.
    intent: analysis?.intent && !analysis.intent.pending ? analysis.intent.slug : undefined,
    topics: analysis?.topics.map((t) => t.slug) ?? [],
    flags: analysis?.flags.map((f) => f.slug) ?? [],
    behaviours: analysis?.behaviours.map((b) => b.slug) ?? [],
    user,
    organization,
  };
}

/** Creates runs and queues deliveries for every matching workflow; returns how many runs it wrote. */
export async function triggerWorkflows(env: Env, input: TriggerInput, now = Date.now()): Promise<number> {
  const { state } = input;
  const candidates = (await activeWorkflows(env, state.chatbotId)).filter((w) => matches(w, factsOf(input)));
  if (!candidates.length) return 0;
  const db = createDb(env.DB);
  const occasion = input.message ? `m${input.message.seq}` : `end${state.endedAt ?? now}`;

  const webhookIds = candidates.flatMap((w) => w.actions.filter(isWebhookAction).map((a) => a.destinationId));
  const emails = candidates.some((w) => w.actions.some((a) => isEmailAction(a) || isInAppAction(a)));
  const [previous, destinations, people] = await Promise.all([
    db
      .select({ workflowId: workflowRuns.workflowId, createdAt: workflowRuns.createdAt, id: workflowRuns.id })
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.conversationId, state.conversationId),
          inArray(workflowRuns.workflowId, candidates.map((w) => w.id)),
          inArray(workflowRuns.status, ["pending", "triggered", "success", "failed"]),
        ),
      ),
    webhookIds.length
      ? db
          .select()
          .from(webhookDestinations)
          .where(and(eq(webhookDestinations.chatbotId, state.chatbotId), inArray(webhookDestinations.id, webhookIds)))
      : [],
    // Who an email or in-app action reaches is read when it fires: members who left are no longer told.
    emails
      ? db
          .select({ id: members.id, email: members.email, role: memberships.role })
          .from(memberships)
          .innerJoin(members, eq(members.id, memberships.memberId))
          .where(eq(memberships.organizationId, state.organizationId))
      : [],
  ]);
  const destinationById = new Map(destinations.map((d) => [d.id, d]));

  const statements = [];
  const queued: DeliveryMessage[] = [];
  const mails: EmailMessage[] = [];
  const notified: Notified[] = [];
  for (const workflow of candidates) {
    const runId = `run_${(await sha256Hex(`${workflow.id}|${state.conversationId}|${occasion}`)).slice(0, 32)}`;
    const earlier = previous.filter((r) => r.workflowId === workflow.id && r.id !== runId);
    const usable = workflow.actions.filter(isWebhookAction).filter((a) => destinationById.get(a.destinationId)?.status === "active");
    const alerts = workflow.actions.filter(isEmailAction).flatMap((a) => recipientsOf(a.to, people).map((to) => ({ action: a, to })));
    const inApp = workflow.actions.filter(isInAppAction).flatMap((a) => inAppRecipients(a.to, people).map((memberId) => ({ action: a, memberId })));
    const skip =
      workflow.chatbotArchived
        ? "chatbot is archived"
        : cooling(workflow.cooldown, earlier, now)
          ? workflow.cooldown.type === "minutes"
            ? `cooldown: already fired in this conversation within ${workflow.cooldown.minutes} minutes`
            : "cooldown: already fired in this conversation"
          : !usable.length && !alerts.length && !inApp.length
            ? workflow.actions.some((a) => isEmailAction(a) || isInAppAction(a))
              ? "no usable destination and no member left to tell"
              : "every destination of this workflow is disabled or deleted"
            : null;
    statements.push(
      db
        .insert(workflowRuns)
        .values({
          id: runId,
          organizationId: state.organizationId,
          chatbotId: state.chatbotId,
          workflowId: workflow.id,
          conversationId: state.conversationId,
          messageSeq: input.message?.seq ?? null,
          messageId: input.message?.id ?? null,
          // Only in-app notifications: they are written in this very batch, so the run is done.
          status: skip ? "skipped" : !usable.length && !alerts.length ? "success" : "pending",
          reason: skip,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
    );
    if (skip) continue;
    // A run this alarm did not write first has had its emails queued already.
    const ranBefore = previous.some((r) => r.id === runId);
    for (const { action, to } of ranBefore ? [] : alerts) {
      const text = completeEvent(eventBase(input, workflow, runId, now), action.template, "custom").text;
      mails.push({ kind: "workflow_alert", to, organizationId: state.organizationId, runId, workflowName: workflow.name, text, subject: action.subject });
    }
    for (const { action, memberId } of inApp) {
      const text = completeEvent(eventBase(input, workflow, runId, now), action.template, "custom").text;
      const notification = await workflowNotification(runId, memberId, { workflowName: workflow.name, text, chatbotId: state.chatbotId, conversationId: state.conversationId, now });
      statements.push(db.insert(notifications).values({ ...notification, organizationId: state.organizationId, memberId }).onConflictDoNothing());
      if (!ranBefore) notified.push({ memberId, notification });
    }
    const sentTo = new Map<string, number>();
    for (const action of usable) {
      const destination = destinationById.get(action.destinationId)!;
      // One delivery per action: a second action to the same destination gets an id of its own (the first keeps
      // the id every run had before, so a run retried across a deploy does not deliver twice).
      const earlier = sentTo.get(action.destinationId) ?? 0;
      sentTo.set(action.destinationId, earlier + 1);
      const deliveryId = `msg_${(await sha256Hex(`${runId}|${action.destinationId}${earlier === 0 ? "" : `|${earlier}`}`)).slice(0, 32)}`;
      const event = completeEvent(eventBase(input, workflow, runId, now), action.template, destination.kind);
      statements.push(
        db
          .insert(deliveries)
          .values({
            id: deliveryId,
            runId,
            chatbotId: state.chatbotId,
            destinationId: destination.id,
            status: "pending",
            payload: bodyFor(destination.kind, event),
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing(),
      );
      queued.push({ deliveryId });
    }
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  // Sent after the rows exist, so a consumer always finds what it is asked to deliver.
  if (queued.length) await env.WEBHOOKS.sendBatch(queued.map((body) => ({ body })));
  await sendEmails(env, mails);
  await pushNotifications(env, notified);
  return candidates.length;
}

/** The addresses an email action reaches: every member, or the named ones still in the organization. */
function recipientsOf(to: "members" | string[], people: Person[]): string[] {
  const chosen = to === "members" ? people : people.filter((p) => to.includes(p.id));
  return [...new Set(chosen.map((p) => p.email))];
}

function cooling(cooldown: Cooldown, earlier: { createdAt: number }[], now: number): boolean {
  if (cooldown.type === "none" || !earlier.length) return false;
  if (cooldown.type === "once_per_conversation") return true;
  return earlier.some((r) => now - r.createdAt < cooldown.minutes * 60_000);
}

function eventBase(input: TriggerInput, workflow: ActiveWorkflow, runId: string, now: number): Omit<WebhookEvent, "text"> {
  const { state, message, analysis } = input;
  return {
    type: "workflow.triggered",
    timestamp: new Date(now).toISOString(),
    workflow: { id: workflow.id, name: workflow.name, trigger: workflow.trigger },
    run: { id: runId },
    conversation: {
      id: state.conversationId,
      externalId: state.externalId,
      status: state.status,
      messageCount: state.messageCount,
      sentimentAvg: averageSentiment(state.aggregates),
      flags: state.aggregates.flags,
      behaviours: state.aggregates.behaviours,
      resolution: state.aggregates.resolution?.resolution ?? null,
    },
    message: message ?? null,
    analysis: analysis ?? null,
    user: state.user ?? null,
    organization: state.organization ?? null,
    session: { ...state.session },
  };
}
